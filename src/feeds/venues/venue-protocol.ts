import type { EpochMs, MarketTick } from '../../core/index.ts';
import type { FeedAlert } from './live-feed.ts';

/** What a protocol can do while it reads one connection's frames. */
export interface FrameContext {
  /** A new trade or bar; the protocol has already deduplicated it. */
  tick(tick: MarketTick, id?: string): void;
  /** A tick recognised as already delivered (counted, not passed on). */
  duplicate(symbol: string): void;
  /** Trades known to be missing (id or sequence gap). */
  gap(symbol: string, missing: number, message: string): void;
  heartbeat(ts: EpochMs): void;
  /** Sends a JSON frame to the venue. */
  send(frame: unknown): void;
  alert(alert: FeedAlert): void;
  /** A frame that could not be used. */
  reject(reason: string): void;
  /** Closes this connection and reconnects (server shutdown notice, slow client). */
  reconnect(reason: string): void;
  /** Stops the feed for good: retrying cannot help (bad credentials, refused symbols). */
  fatal(error: Error): void;
}

/**
 * One venue's public market-data protocol, independent of the socket: the URL to open, what to
 * send on connect (subscribe, authenticate), how to read a frame. It keeps what must survive a
 * reconnect (the last trade id per symbol, for dedupe and gaps) and resets per-connection state
 * in {@link onOpen}.
 */
export interface VenueProtocol {
  readonly venue: string;
  /** Symbols as the engine names them (the venue's canonical spelling). */
  readonly symbols: readonly string[];
  /** The URL to open for `base` (the `--url` of the command line). */
  url(base: string): string;
  /** A connection opened; `reconnect` is true from the second one on. */
  onOpen(ctx: FrameContext, reconnect: boolean): void;
  onFrame(text: string, ctx: FrameContext): void;
  /** Wall time after which the connection is renewed before the venue drops it (Binance: 24 h). */
  readonly maxConnectionMs?: number;
}
