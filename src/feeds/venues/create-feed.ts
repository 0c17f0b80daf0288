import type { Readable } from 'node:stream';
import { type Clock, InputError, type Random } from '../../core/index.ts';
import { ALPACA_URL, alpacaProtocol } from './alpaca.ts';
import type { BackoffOptions } from './backoff.ts';
import { BINANCE_URL, binanceProtocol } from './binance.ts';
import { COINBASE_ADVANCED_URL, coinbaseAdvancedProtocol } from './coinbase-advanced.ts';
import { COINBASE_EXCHANGE_URL, coinbaseExchangeProtocol } from './coinbase-exchange.ts';
import type { LiveFeed } from './live-feed.ts';
import { ndjsonProtocol } from './ndjson.ts';
import type { NdjsonRowOptions } from './ndjson-row.ts';
import { NdjsonStreamFeed } from './ndjson-stream-feed.ts';
import type { VenueProtocol } from './venue-protocol.ts';
import { WebSocketFeed } from './websocket-feed.ts';

export const FEED_KINDS = ['binance', 'coinbase', 'coinbase-advanced', 'alpaca', 'ndjson'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** What the command line says about a feed. */
export interface FeedSpec {
  readonly feed: FeedKind;
  /** Default: the venue's public endpoint (ndjson: required). */
  readonly url?: string | undefined;
  readonly symbols: readonly string[];
  /** Venue channel: binance trade|aggTrade|kline, coinbase matches|ticker, alpaca trades|bars. */
  readonly channel?: string | undefined;
  /** Binance kline interval (`1m`). */
  readonly klineInterval?: string | undefined;
  /** Alpaca key and secret. */
  readonly credentials?: { readonly key: string; readonly secret: string } | undefined;
  /** NDJSON field names and bar length. */
  readonly ndjson?: NdjsonRowOptions | undefined;
}

export interface FeedDeps {
  readonly wall: Clock;
  readonly random: Random;
  readonly backoff?: BackoffOptions;
  readonly staleMs?: number;
  readonly stdin?: Readable;
}

/** Default public URL of a venue. */
export const DEFAULT_FEED_URLS: Readonly<Record<Exclude<FeedKind, 'ndjson'>, string>> = {
  binance: BINANCE_URL,
  coinbase: COINBASE_EXCHANGE_URL,
  'coinbase-advanced': COINBASE_ADVANCED_URL,
  alpaca: ALPACA_URL,
};

function pick<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  field: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new InputError(`Expected ${field} to be one of ${allowed.join(', ')}, got \`${value}\``);
  return value as T;
}

/**
 * Builds the live feed a command line asks for: the venue's protocol over a reconnecting
 * WebSocket, or NDJSON from a WebSocket, TCP, stdin or a file. `coinbase` with an Advanced Trade
 * URL speaks the Advanced Trade protocol.
 *
 * @throws {InputError} unknown channel, no symbols, missing URL or credentials.
 * @example
 * const feed = createFeed({ feed: 'binance', symbols: ['BTCUSDT'] }, { wall: new WallClock(), random: createRandom(1) });
 */
export function createFeed(spec: FeedSpec, deps: FeedDeps): LiveFeed {
  if (spec.feed !== 'ndjson' && spec.symbols.length === 0)
    throw new InputError(
      `--symbols is required for the ${spec.feed} feed (e.g. --symbols ${spec.feed === 'binance' ? 'BTCUSDT,ETHUSDT' : spec.feed === 'alpaca' ? 'AAPL,MSFT' : 'BTC-USD,ETH-USD'})`,
    );
  if (spec.feed === 'ndjson') {
    if (spec.url === undefined)
      throw new InputError(
        '--url is required for the ndjson feed (ws://…, tcp://host:port, a file, or - for stdin)',
      );
    const options = { ...spec.ndjson, symbols: spec.symbols };
    if (/^wss?:\/\//.test(spec.url)) return socketFeed(ndjsonProtocol(options), spec.url, deps);
    return new NdjsonStreamFeed(spec.url, options, deps.wall, deps.stdin);
  }
  const url = spec.url ?? DEFAULT_FEED_URLS[spec.feed];
  let protocol: VenueProtocol;
  if (spec.feed === 'binance') {
    const channel = pick(
      spec.channel,
      ['trade', 'aggTrade', 'kline'] as const,
      '--channel for binance',
    );
    protocol = binanceProtocol({
      symbols: spec.symbols,
      ...(channel ? { channel } : {}),
      ...(spec.klineInterval ? { klineInterval: spec.klineInterval } : {}),
    });
  } else if (
    spec.feed === 'coinbase-advanced' ||
    (spec.feed === 'coinbase' && url.includes('advanced-trade'))
  ) {
    protocol = coinbaseAdvancedProtocol({ symbols: spec.symbols });
  } else if (spec.feed === 'coinbase') {
    const channel = pick(spec.channel, ['matches', 'ticker'] as const, '--channel for coinbase');
    protocol = coinbaseExchangeProtocol({ symbols: spec.symbols, ...(channel ? { channel } : {}) });
  } else {
    const channel = pick(spec.channel, ['trades', 'bars'] as const, '--channel for alpaca');
    if (spec.credentials === undefined)
      throw new InputError(
        'the alpaca feed needs credentials: set APCA_API_KEY_ID and APCA_API_SECRET_KEY',
      );
    protocol = alpacaProtocol({
      symbols: spec.symbols,
      ...spec.credentials,
      ...(channel ? { channel } : {}),
    });
  }
  return socketFeed(protocol, url, deps);
}

function socketFeed(protocol: VenueProtocol, url: string, deps: FeedDeps): WebSocketFeed {
  return new WebSocketFeed({
    url,
    protocol,
    wall: deps.wall,
    random: deps.random,
    ...(deps.backoff ? { backoff: deps.backoff } : {}),
    ...(deps.staleMs ? { staleMs: deps.staleMs } : {}),
  });
}
