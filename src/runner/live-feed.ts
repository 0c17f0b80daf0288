import { WallClock } from '../clock/index.ts';
import { createRandom, InputError, parseDuration } from '../core/index.ts';
import {
  createFeed,
  FEED_KINDS,
  type FeedKind,
  type FeedSpec,
  type LiveFeed,
} from '../feeds/index.ts';

/** A live feed as `livemodel live` and `livemodel serve --feed` describe it. */
export interface LiveFeedOptions {
  readonly feed: string;
  readonly url?: string | undefined;
  readonly symbols: readonly string[];
  /** Bar length (`1s`, `1m`, …); default 1m. */
  readonly interval?: string | undefined;
  /** How long a bar waits for late ticks; default min(1 s, interval). */
  readonly reorderWindow?: string | undefined;
  readonly channel?: string | undefined;
  /** `ts=time,close=px,…` for NDJSON fields. */
  readonly columns?: string | undefined;
  /** Environment (Alpaca credentials). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The feed and the live clock's settings. */
export interface LiveInput {
  readonly feed: LiveFeed;
  readonly intervalMs: number;
  readonly reorderWindowMs: number;
}

const COLUMN_ROLES = ['ts', 'symbol', 'close', 'open', 'high', 'low', 'volume', 'id', 'size'];

function parseColumns(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, string> = Object.create(null);
  for (const part of text.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (!k || !v || !COLUMN_ROLES.includes(k))
      throw new InputError(
        `Expected --columns as role=field pairs (roles ${COLUMN_ROLES.join(', ')}), got \`${part}\``,
      );
    out[k] = v;
  }
  return out;
}

/**
 * Builds the feed of a live run (nothing connects until it runs) and its clock settings.
 *
 * @throws {InputError} unknown feed, bad interval, bad columns.
 * @example
 * const { feed, intervalMs } = createLiveInput({ feed: 'ndjson', url: 'stdin', symbols: [], interval: '1s' }, 42);
 */
export function createLiveInput(opts: LiveFeedOptions, seed: number): LiveInput {
  if (!(FEED_KINDS as readonly string[]).includes(opts.feed))
    throw new InputError(
      `Expected --feed to be one of ${FEED_KINDS.join(', ')}, got \`${opts.feed}\``,
    );
  const intervalMs = parseDuration(opts.interval ?? '1m', '--interval');
  if (intervalMs < 1)
    throw new InputError(`Expected --interval to be at least 1ms, got \`${opts.interval}\``);
  const reorderWindowMs =
    opts.reorderWindow !== undefined
      ? parseDuration(opts.reorderWindow, '--reorder-window')
      : Math.min(1000, intervalMs);
  const env = opts.env ?? {};
  const key = env['APCA_API_KEY_ID'];
  const secret = env['APCA_API_SECRET_KEY'];
  const columns = parseColumns(opts.columns);
  const spec: FeedSpec = {
    feed: opts.feed as FeedKind,
    url: opts.url,
    symbols: opts.symbols,
    channel: opts.channel,
    klineInterval: opts.channel === 'kline' ? (opts.interval ?? '1m') : undefined,
    credentials: key !== undefined && secret !== undefined ? { key, secret } : undefined,
    ndjson: { ...(columns !== undefined ? { columns } : {}), barIntervalMs: intervalMs },
  };
  const feed = createFeed(spec, {
    wall: new WallClock(),
    random: createRandom(seed).fork('feed-backoff'),
  });
  return { feed, intervalMs, reorderWindowMs };
}
