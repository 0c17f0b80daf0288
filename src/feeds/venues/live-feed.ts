import { dict, type EpochMs, type MarketTick, type RejectOutcome } from '../../core/index.ts';

/** Something the feed wants recorded in `alerts`: a disconnect, a gap, a resync, a venue error. */
export interface FeedAlert {
  /** The symbol concerned, or `*` for the whole connection. */
  readonly symbol: string;
  /** `disconnect`, `reconnect`, `gap`, `resync`, `stale`, `venue_error`, `shutdown_notice`, `status`. */
  readonly kind: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly message: string;
}

/** Where a running feed delivers what it receives. */
export interface FeedHandlers {
  /** A new trade or finished bar (never one already delivered, even across reconnects). */
  tick(tick: MarketTick): void;
  /** Market time the venue reported without a trade (heartbeat, event time). */
  heartbeat(ts: EpochMs): void;
  alert(alert: FeedAlert): void;
  /** A message that could not be used (bad JSON, missing price): recorded in `data_rejects`. */
  reject(reject: RejectOutcome): void;
}

/** Counters of one symbol of a feed. */
export interface SymbolFeedStatus {
  ticks: number;
  duplicates: number;
  gaps: number;
  /** Trades known to be missing (from id or sequence gaps). */
  missing: number;
  /** Market time of the latest tick, or null. */
  lastTs: number | null;
  /** Wall time of receipt minus market time of the latest tick, in ms. */
  lagMs: number | null;
}

/** What `GET /ml/stream/status` shows about the connection. */
export interface FeedStatus {
  readonly feed: string;
  readonly url: string;
  state: 'idle' | 'connecting' | 'open' | 'backoff' | 'ended' | 'stopped' | 'failed';
  connects: number;
  disconnects: number;
  /** Frames (or lines) received. */
  messages: number;
  ticks: number;
  duplicates: number;
  gaps: number;
  missing: number;
  rejects: number;
  /** Wall time (epoch ms) of the last frame received. */
  lastMessageAt: number | null;
  readonly symbols: Record<string, SymbolFeedStatus>;
}

/**
 * A live source of market data. `run` connects (and reconnects) until the signal aborts, the
 * source ends (stdin, a file, a TCP peer closing) or a fatal error (bad credentials, refused
 * subscription) rejects it.
 *
 * @example
 * const feed = createFeed({ feed: 'binance', symbols: ['BTCUSDT'] }, deps);
 * await feed.run({ tick: (t) => clock.offer(t), heartbeat: (ts) => clock.observe(ts), alert, reject }, signal);
 */
export interface LiveFeed {
  readonly name: string;
  readonly symbols: readonly string[];
  run(handlers: FeedHandlers, signal: AbortSignal): Promise<void>;
  status(): FeedStatus;
}

/** A fresh status record. */
export function newFeedStatus(feed: string, url: string, symbols: readonly string[]): FeedStatus {
  const perSymbol = dict<SymbolFeedStatus>();
  for (const s of symbols) perSymbol[s] = newSymbolStatus();
  return {
    feed,
    url,
    state: 'idle',
    connects: 0,
    disconnects: 0,
    messages: 0,
    ticks: 0,
    duplicates: 0,
    gaps: 0,
    missing: 0,
    rejects: 0,
    lastMessageAt: null,
    symbols: perSymbol,
  };
}

export function newSymbolStatus(): SymbolFeedStatus {
  return { ticks: 0, duplicates: 0, gaps: 0, missing: 0, lastTs: null, lagMs: null };
}
