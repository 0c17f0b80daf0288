import { LiveClock, type TimeSlice } from '../clock/index.ts';
import type { EpochMs, MarketTick, OutcomeSink } from '../core/index.ts';
import type { FeedHandlers, FeedStatus, LiveFeed } from '../feeds/index.ts';
import type { EngineConfig } from './config.ts';
import { Engine } from './engine.ts';
import { LatencyStats } from './latency-stats.ts';
import type { LiveEngine } from './live-engine.ts';
import { type PhaseSink, phaseSinks } from './phase-sinks.ts';

export interface LiveSessionOptions {
  readonly config: EngineConfig;
  readonly feed: LiveFeed;
  readonly sink: OutcomeSink;
  /** Bar length in ms. */
  readonly intervalMs: number;
  /** Reordering window in ms (see {@link LiveClock}). */
  readonly reorderWindowMs: number;
  /**
   * A high-resolution stopwatch in ms (performance.now), for tick-to-decision latency: from the
   * arrival of the message that closes a bar to the engine having decided on every bar of it.
   */
  readonly stopwatch?: () => number;
  /** Told each tick-to-decision latency (ms) as it is measured (needs `stopwatch`). */
  readonly onDecisionLatency?: ((ms: number) => void) | undefined;
  /**
   * Wall time in epoch ms: when given, every message the feed delivers is journaled (a
   * `feed_message` outcome, in order, with this receive time) so `livemodel replay` can feed the
   * run again through the same code.
   */
  readonly wallClock?: () => number;
  /**
   * High-resolution wall time in epoch ms (the time origin plus the stopwatch), for each
   * symbol's latency from its bar's end — the bar's timestamp, in the feed's clock — to its
   * decision: queueing, GC pauses and everything on the thread included. Meaningful when the
   * feed's clock is this machine's (a local feed; a venue's clock offset adds to it).
   */
  readonly epochClock?: () => number;
  /**
   * What decides on the closed bars instead of an {@link Engine} on this thread (a sharded live
   * run: runner/live-shards.ts). It measures the latencies into the session's stats itself.
   */
  readonly engine?: ((session: LiveSession) => LiveEngine) | undefined;
}

/** Per-symbol view of the stream, for `GET /ml/stream/status`. */
export interface SymbolStreamStatus {
  readonly symbol: string;
  readonly intervalMs: number;
  readonly ticks: number;
  readonly duplicates: number;
  readonly gaps: number;
  readonly missing: number;
  readonly lateDropped: number;
  /** Market time of the latest tick. */
  readonly lastTs: number | null;
  /** Wall time of receipt minus market time of the latest tick. */
  readonly lagMs: number | null;
  /** Open bars in the reordering buffer, its capacity and fill (0..1). */
  readonly buffer: { readonly open: number; readonly capacity: number; readonly fill: number };
}

/**
 * A live run: a feed's ticks go through a {@link LiveClock} (bars of market time, late-tick
 * policy) into the same {@link Engine} a replay uses. Feed alerts (disconnects, gaps, resyncs)
 * and late ticks are recorded as `alerts` (variant `feed`) and late ticks also as
 * `data_rejects`. An engine error stops the run and is rethrown by {@link run}; a fatal feed
 * error (bad credentials) is rethrown after the bars received so far have been processed.
 *
 * @example
 * const session = new LiveSession({ config, feed, sink: recorder, intervalMs: 60_000, reorderWindowMs: 1000 });
 * await session.run(signal); // until Ctrl-C or the end of the source; the engine is finished
 */
export class LiveSession {
  readonly engine: LiveEngine;
  readonly clock: LiveClock;
  readonly feed: LiveFeed;
  readonly latency = new LatencyStats(1024);
  /** Per symbol-bar: from the arrival of the message that closed the bar to its decision. */
  readonly symbolLatency = new LatencyStats(1 << 16);
  /** Per symbol-bar: from the bar's end (feed clock) to its decision (see `epochClock`). */
  readonly closeLatency = new LatencyStats(1 << 16);
  private readonly opts: LiveSessionOptions;
  /** What the feed delivered or refused leaves through the feed phase's sink. */
  private readonly feedSink: PhaseSink<'feed'>;
  private readonly lateBySymbol = new Map<string, number>();
  private failure: unknown = null;
  private tickStarted = Number.NaN;
  private seq = 0;

  constructor(opts: LiveSessionOptions) {
    this.opts = opts;
    this.feed = opts.feed;
    this.clock = new LiveClock({
      intervalMs: opts.intervalMs,
      reorderWindowMs: opts.reorderWindowMs,
      onSlice: (slice) => this.onSlice(slice),
      onLate: (tick, info) => this.onLate(tick, info.now, info.barEnd),
    });
    this.feedSink = phaseSinks(opts.sink).feed;
    this.engine =
      opts.engine?.(this) ??
      new Engine(opts.config, this.clock, opts.sink, (_symbol, ts) => this.onSettled(ts));
    this.engine.prepare(opts.feed.symbols);
  }

  /** Runs until the signal aborts or the source ends; closes the open bars and finishes the engine. */
  async run(
    signal: AbortSignal,
  ): Promise<{ bars: number; slices: number; ended: 'source' | 'stopped' }> {
    const inner = new AbortController();
    const stop = (): void => inner.abort();
    signal.addEventListener('abort', stop, { once: true });
    if (signal.aborted) inner.abort();
    this.journal('session', null, null, {
      feed: this.feed.name,
      url: this.feed.status().url,
      symbols: this.feed.symbols,
      intervalMs: this.opts.intervalMs,
      reorderWindowMs: this.opts.reorderWindowMs,
    });
    const handlers: FeedHandlers = {
      tick: (tick) =>
        this.guard(inner, () => {
          this.journal('tick', tick.symbol, tick.ts, tick);
          this.onTick(tick);
        }),
      heartbeat: (ts) =>
        this.guard(inner, () => {
          this.journal('heartbeat', null, ts, { ts });
          this.tickStarted = this.opts.stopwatch?.() ?? Number.NaN;
          this.clock.observe(ts);
        }),
      alert: (a) => {
        this.journal('alert', a.symbol, null, a);
        this.feedSink.write({
          type: 'alert',
          variant: 'feed',
          symbol: a.symbol,
          ts: this.clock.now(),
          kind: a.kind,
          severity: a.severity,
          message: a.message,
        });
      },
      reject: (r) => {
        this.journal('reject', null, null, r);
        this.feedSink.write(r);
      },
    };
    let feedError: unknown = null;
    try {
      await this.feed.run(handlers, inner.signal);
    } catch (error) {
      feedError = error; // a fatal feed error: what was received is still processed and recorded
    } finally {
      signal.removeEventListener('abort', stop);
    }
    // bars closed by the end of the stream have no arriving message to time them from
    this.tickStarted = Number.NaN;
    if (this.failure === null) this.guard(inner, () => this.clock.flush());
    await this.engine.finish();
    if (this.failure === null && feedError !== null) this.failure = feedError;
    if (this.failure !== null) throw this.failure;
    return {
      bars: this.engine.bars,
      slices: this.engine.slices,
      ended: signal.aborted ? 'stopped' : 'source',
    };
  }

  /** Changes a symbol's bar interval from its next bar on; returns when it applies (market time). */
  setInterval(symbol: string, intervalMs: number): EpochMs {
    this.journal('interval', symbol, null, { symbol, intervalMs });
    return this.clock.setInterval(symbol, intervalMs);
  }

  /** Changes the reordering window of every symbol (see {@link LiveClock.setReorderWindow}). */
  setReorderWindow(windowMs: number): void {
    this.journal('reorder', null, null, { windowMs });
    this.clock.setReorderWindow(windowMs);
  }

  /** Journals one delivered message (when journaling is on). */
  private journal(
    kind: 'session' | 'tick' | 'heartbeat' | 'alert' | 'reject' | 'interval' | 'reorder',
    symbol: string | null,
    ts: number | null,
    payload: unknown,
  ): void {
    const wall = this.opts.wallClock;
    if (wall === undefined) return;
    this.feedSink.write({
      type: 'feed_message',
      seq: kind === 'session' ? 0 : ++this.seq,
      receivedMs: wall(),
      kind,
      symbol,
      ts: ts as EpochMs | null,
      payload: JSON.stringify(payload),
    });
  }

  /** The feed's connection status. */
  feedStatus(): FeedStatus {
    return this.feed.status();
  }

  /** Per-symbol stream counters and buffer fill. */
  streamStatus(symbol: string): SymbolStreamStatus {
    const f = this.feed.status().symbols[symbol];
    const { open, capacity } = this.clock.openBars(symbol);
    return {
      symbol,
      intervalMs: this.clock.intervalOf(symbol),
      ticks: f?.ticks ?? 0,
      duplicates: f?.duplicates ?? 0,
      gaps: f?.gaps ?? 0,
      missing: f?.missing ?? 0,
      lateDropped: this.lateBySymbol.get(symbol) ?? 0,
      lastTs: f?.lastTs ?? null,
      lagMs: f?.lagMs ?? null,
      buffer: { open, capacity, fill: capacity === 0 ? 0 : open / capacity },
    };
  }

  /** Symbols the feed subscribed to and those that have sent data, sorted. */
  symbols(): string[] {
    return [...new Set([...this.feed.symbols, ...Object.keys(this.feed.status().symbols)])].sort();
  }

  private onTick(tick: MarketTick): void {
    this.tickStarted = this.opts.stopwatch?.() ?? Number.NaN;
    this.clock.offer(tick);
  }

  private onSlice(slice: TimeSlice): void {
    this.engine.onSlice(slice, this.tickStarted);
    if (this.opts.engine !== undefined) return; // it measures when its decisions are recorded
    if (this.opts.stopwatch !== undefined && !Number.isNaN(this.tickStarted)) {
      const ms = this.opts.stopwatch() - this.tickStarted;
      this.latency.add(ms);
      this.opts.onDecisionLatency?.(ms);
    }
  }

  private onSettled(barEnd: EpochMs): void {
    const { stopwatch, epochClock } = this.opts;
    if (stopwatch !== undefined && !Number.isNaN(this.tickStarted))
      this.symbolLatency.add(stopwatch() - this.tickStarted);
    if (epochClock !== undefined && !Number.isNaN(this.tickStarted))
      this.closeLatency.add(epochClock() - barEnd);
  }

  private onLate(tick: MarketTick, now: EpochMs, barEnd: EpochMs): void {
    this.lateBySymbol.set(tick.symbol, (this.lateBySymbol.get(tick.symbol) ?? 0) + 1);
    const message = `late ${tick.kind} for ${tick.symbol} at ${new Date(tick.ts).toISOString()} dropped: its bar closed at ${new Date(barEnd).toISOString()} (market time ${new Date(now).toISOString()}, reordering window ${this.clock.reorderWindowMs} ms)`;
    this.feedSink.write({
      type: 'alert',
      variant: 'feed',
      symbol: tick.symbol,
      ts: now,
      kind: 'late',
      severity: 'warning',
      message,
    });
    this.feedSink.write({ type: 'reject', source: this.feed.name, line: 0, reason: message });
  }

  private guard(inner: AbortController, fn: () => void): void {
    if (this.failure !== null) return;
    try {
      fn();
    } catch (error) {
      this.failure = error;
      inner.abort();
    }
  }
}
