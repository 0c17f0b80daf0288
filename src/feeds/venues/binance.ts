import { type EpochMs, InputError } from '../../core/index.ts';
import { TradeLedger } from './trade-ledger.ts';
import type { FrameContext, VenueProtocol } from './venue-protocol.ts';

/** Public endpoint of Binance Spot market streams. */
export const BINANCE_URL = 'wss://stream.binance.com:9443';

const KLINE_INTERVALS = [
  '1s',
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '8h',
  '12h',
  '1d',
] as const;

export interface BinanceOptions {
  /** Symbols in any case (`BTCUSDT`, `btcusdt`); the engine sees them upper-case. */
  readonly symbols: readonly string[];
  /** `trade` (every trade, aggregated by the live clock), `aggTrade`, or `kline` (closed klines). Default `trade`. */
  readonly channel?: 'trade' | 'aggTrade' | 'kline';
  /** Kline interval for the `kline` channel. Default `1m`. */
  readonly klineInterval?: string;
}

interface Envelope {
  stream?: string;
  data?: Record<string, unknown>;
  result?: unknown;
  id?: number;
  error?: { code: number; msg: string };
  code?: number;
  msg?: string;
}

/**
 * Binance Spot market streams, combined-stream form: `<base>/stream?streams=btcusdt@trade/…`
 * (stream names must be lower-case: an upper-case name is acknowledged and delivers nothing).
 * Trades (`t` consecutive per symbol: duplicates after a reconnect are skipped, jumps are gaps),
 * aggregate trades (`a`), or closed klines (`x: true`; open klines only advance market time).
 * Prices are decimal strings, times epoch ms. The server pings every 20 s and drops clients that
 * do not pong within a minute (`ws` answers pings); connections end after 24 h, so the feed
 * renews its connection after 23 h 50 min, and on a `serverShutdown` notice.
 *
 * @example
 * const p = binanceProtocol({ symbols: ['BTCUSDT', 'ethusdt'] });
 * p.url('wss://stream.binance.com:9443'); // 'wss://stream.binance.com:9443/stream?streams=btcusdt@trade/ethusdt@trade'
 */
export function binanceProtocol(options: BinanceOptions): VenueProtocol {
  const symbols = options.symbols.map((s) => s.toUpperCase());
  const channel = options.channel ?? 'trade';
  const klineInterval = options.klineInterval ?? '1m';
  if (channel === 'kline' && !(KLINE_INTERVALS as readonly string[]).includes(klineInterval)) {
    throw new InputError(
      `Expected a Binance kline interval (${KLINE_INTERVALS.join(', ')}), got \`${klineInterval}\``,
    );
  }
  const streamOf = (s: string): string =>
    `${s.toLowerCase()}@${channel === 'kline' ? `kline_${klineInterval}` : channel}`;
  const trades = new TradeLedger(channel === 'kline' ? 'monotonic' : 'sequential');
  return {
    venue: 'binance',
    symbols,
    maxConnectionMs: 23 * 3_600_000 + 50 * 60_000,
    url(base: string): string {
      const streams = symbols.map(streamOf).join('/');
      const trimmed = base.replace(/\/+$/, '');
      if (trimmed.includes('?')) return trimmed;
      return `${trimmed.endsWith('/stream') ? trimmed : `${trimmed}/stream`}?streams=${streams}`;
    },
    onOpen() {},
    onFrame(text: string, ctx: FrameContext): void {
      const msg = JSON.parse(text) as Envelope;
      if (msg.error !== undefined || (msg.code !== undefined && msg.msg !== undefined)) {
        const e = msg.error ?? { code: msg.code as number, msg: msg.msg as string };
        ctx.alert({
          symbol: '*',
          kind: 'venue_error',
          severity: 'critical',
          message: `binance error ${e.code}: ${e.msg}`,
        });
        return;
      }
      if (msg.result !== undefined) return; // acknowledgement of a request
      const d = msg.data ?? (msg as Record<string, unknown>);
      switch (d['e']) {
        case 'trade':
        case 'aggTrade':
          onTrade(d, ctx);
          return;
        case 'kline':
          onKline(d, ctx);
          return;
        case 'serverShutdown':
          ctx.alert({
            symbol: '*',
            kind: 'shutdown_notice',
            severity: 'info',
            message: 'binance: serverShutdown notice; reconnecting now',
          });
          ctx.reconnect('serverShutdown notice');
          return;
        default:
          ctx.reject(`unknown binance event \`${String(d['e'])}\``);
      }
    },
  };

  function onTrade(d: Record<string, unknown>, ctx: FrameContext): void {
    const symbol = String(d['s']);
    const id = Number(d['e'] === 'trade' ? d['t'] : d['a']);
    const price = Number(d['p']);
    const ts = Number(d['T']) as EpochMs;
    if (!Number.isFinite(price) || price <= 0 || !Number.isFinite(ts) || !Number.isFinite(id)) {
      ctx.reject(
        `binance ${String(d['e'])} for ${symbol}: price \`${String(d['p'])}\`, time \`${String(d['T'])}\`, id \`${String(id)}\` are not all valid`,
      );
      return;
    }
    // trade and aggregate-trade ids are separate sequences
    const v = trades.check(`${symbol}@${String(d['e'])}`, id);
    if (!v.fresh) {
      ctx.duplicate(symbol);
      return;
    }
    if (v.missing > 0)
      ctx.gap(
        symbol,
        v.missing,
        `binance ${symbol}: ${v.missing} trade(s) missing between id ${v.after} and ${id}`,
      );
    ctx.tick({ kind: 'trade', symbol, ts, price, size: Number(d['q']) });
  }

  function onKline(d: Record<string, unknown>, ctx: FrameContext): void {
    const k = d['k'] as Record<string, unknown>;
    const symbol = String(d['s']);
    if (k['x'] !== true) {
      ctx.heartbeat(Number(d['E']) as EpochMs);
      return;
    }
    const start = Number(k['t']);
    const v = trades.check(symbol, start);
    if (!v.fresh) {
      ctx.duplicate(symbol);
      return;
    }
    const close = Number(k['c']);
    if (!Number.isFinite(close) || close <= 0) {
      ctx.reject(
        `binance kline for ${symbol}: close \`${String(k['c'])}\` is not a positive number`,
      );
      return;
    }
    const intervalMs = Number(k['T']) - start + 1;
    ctx.tick({
      kind: 'bar',
      symbol,
      ts: start as EpochMs,
      intervalMs,
      open: Number(k['o']),
      high: Number(k['h']),
      low: Number(k['l']),
      close,
      volume: Number(k['v']),
    });
  }
}
