import type { Bar, Clock, EpochMs, MarketTick, TimerId } from '../core/index.ts';
import { InputError } from '../core/index.ts';
import { BarBucket } from './bar-bucket.ts';
import { BarGrid } from './bar-grid.ts';
import { MinHeap } from './min-heap.ts';
import type { TimeSlice } from './time-slice.ts';

export interface LiveClockOptions {
  /** Bar length in ms for every symbol (changeable per symbol with {@link LiveClock.setInterval}). */
  readonly intervalMs: number;
  /** How far behind the latest feed timestamp market time runs, to let late ticks in. Default 0. */
  readonly reorderWindowMs?: number;
  /** Market time before the first tick. Default 0 (the epoch). */
  readonly start?: EpochMs;
  /** Receives every closed bar, grouped by bar end, in time order. */
  readonly onSlice: (slice: TimeSlice) => void;
  /** Receives every tick dropped because its bar had already closed. */
  readonly onLate?: (
    tick: MarketTick,
    info: { readonly now: EpochMs; readonly barEnd: EpochMs },
  ) => void;
}

interface Timer {
  readonly id: TimerId;
  readonly due: number;
  readonly fn: () => void;
}

/**
 * Market time for live feeds: time comes from the feed's own timestamps, never the wall clock.
 * Ticks (trades, finished bars) are aggregated per symbol into bars of `intervalMs`, stamped with
 * their end, and handed out as {@link TimeSlice}s, exactly like a replay.
 *
 * Late-message policy (bounded reordering window, watermark):
 * - `now()` is the watermark: the latest timestamp seen (tick or heartbeat) minus
 *   `reorderWindowMs`. It never goes backwards.
 * - A bar [start, end) closes, and is emitted, as soon as `now() >= end`. So a bar stays open
 *   for `reorderWindowMs` after the feed has moved past it; ticks that arrive out of order in
 *   that window still land in their bar (OHLC by tick time, see {@link BarBucket}).
 * - A tick whose bar has already closed (its time is older than the symbol's watermark, the
 *   start of its oldest open bar) is dropped and reported to `onLate` (the engine records it as
 *   an alert and a data reject). It is never applied to a later bar.
 * - Memory is bounded: per symbol at most `reorderWindowMs / intervalMs + 2` bars are open.
 * - Intervals with no tick give no bar for that symbol (no forward fill).
 * - {@link flush} (end of a finite source, or shutdown) closes every open bar as it is.
 * Timers (XState delays) fire in market time as the watermark passes their due time.
 *
 * @example
 * const slices: TimeSlice[] = [];
 * const clock = new LiveClock({ intervalMs: 1000, onSlice: (s) => slices.push(s) });
 * clock.offer({ kind: 'trade', symbol: 'A', ts: 100 as EpochMs, price: 10, size: 1 });
 * clock.offer({ kind: 'trade', symbol: 'A', ts: 1200 as EpochMs, price: 11, size: 1 });
 * slices; // [{ ts: 1000, bars: [{ symbol: 'A', ts: 1000, open: 10, close: 10, … }] }]
 */
export class LiveClock implements Clock {
  private readonly opts: LiveClockOptions;
  private windowMs: number;
  private current: number;
  private latest = Number.NEGATIVE_INFINITY;
  private readonly grids = new Map<string, BarGrid>();
  private readonly latestBySymbol = new Map<string, number>();
  private readonly open = new Map<string, Map<number, BarBucket>>();
  private readonly closing = new MinHeap<BarBucket>((a, b) => a.end - b.end);
  private readonly timers = new MinHeap<Timer>((a, b) => a.due - b.due || a.id - b.id);
  private readonly cancelled = new Set<TimerId>();
  private nextId = 1;
  private dropped = 0;

  constructor(opts: LiveClockOptions) {
    const windowMs = opts.reorderWindowMs ?? 0;
    if (!Number.isFinite(windowMs) || windowMs < 0)
      throw new InputError(
        `Expected the reordering window to be a number of ms >= 0, got \`${windowMs}\` (${typeof windowMs})`,
      );
    new BarGrid(opts.intervalMs); // validates the interval
    this.opts = opts;
    this.windowMs = windowMs;
    this.current = opts.start ?? 0;
  }

  now(): EpochMs {
    return this.current as EpochMs;
  }

  setTimeout(fn: () => void, delayMs: number): TimerId {
    const id = this.nextId++;
    this.timers.push({ id, due: this.current + Math.max(0, delayMs), fn });
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.cancelled.add(id);
  }

  /** Takes one tick; returns false when it was dropped as late. Closed bars are emitted. */
  offer(tick: MarketTick): boolean {
    const grid = this.gridOf(tick.symbol);
    const start = grid.bucketStart(tick.ts);
    const end = Number.isNaN(start) ? Number.NaN : grid.bucketEnd(tick.ts);
    if (Number.isNaN(start) || end <= this.current) {
      this.dropped++;
      this.opts.onLate?.(tick, {
        now: this.current as EpochMs,
        barEnd: (Number.isNaN(end) ? this.current : end) as EpochMs,
      });
      this.observe(tick.ts);
      return false;
    }
    let buckets = this.open.get(tick.symbol);
    if (buckets === undefined) {
      buckets = new Map();
      this.open.set(tick.symbol, buckets);
    }
    let bucket = buckets.get(start);
    if (bucket === undefined) {
      bucket = new BarBucket(tick.symbol, start as EpochMs, end as EpochMs);
      buckets.set(start, bucket);
      this.closing.push(bucket);
    }
    bucket.add(tick);
    const last = tick.kind === 'bar' ? tick.ts + tick.intervalMs - 1 : tick.ts;
    if (last > (this.latestBySymbol.get(tick.symbol) ?? Number.NEGATIVE_INFINITY))
      this.latestBySymbol.set(tick.symbol, last);
    this.observe(last);
    return true;
  }

  /** Market time seen without data (a venue heartbeat): may close bars and fire timers. */
  observe(ts: number): void {
    if (!Number.isFinite(ts) || ts <= this.latest) return;
    this.latest = ts;
    const watermark = ts - this.windowMs;
    if (watermark > this.current) this.advanceTo(watermark, false);
  }

  /** Closes every open bar as it is (end of the source, shutdown). */
  flush(): void {
    this.advanceTo(this.current, true);
  }

  /**
   * Changes one symbol's bar interval from the end of its latest bar on (open bars keep their
   * length). Returns the market time from which the new interval applies.
   */
  setInterval(symbol: string, intervalMs: number): EpochMs {
    const boundary = this.gridOf(symbol).change(
      intervalMs,
      this.latestBySymbol.get(symbol) ?? Number.NEGATIVE_INFINITY,
    );
    return (Number.isFinite(boundary) ? boundary : this.current) as EpochMs;
  }

  /** The bar interval new bars of `symbol` get. */
  intervalOf(symbol: string): number {
    return this.grids.get(symbol)?.intervalMs ?? this.opts.intervalMs;
  }

  /**
   * Changes the reordering window for every symbol. A longer window keeps later bars open longer
   * (market time waits until the feed is that far ahead); a shorter one moves the watermark up
   * at once and closes the bars it passes. Market time never goes backwards either way.
   */
  setReorderWindow(windowMs: number): void {
    if (!Number.isFinite(windowMs) || windowMs < 0)
      throw new InputError(
        `Expected the reordering window to be a number of ms >= 0, got \`${windowMs}\` (${typeof windowMs})`,
      );
    this.windowMs = windowMs;
    const watermark = this.latest - windowMs;
    if (watermark > this.current) this.advanceTo(watermark, false);
  }

  /** Bars still open for `symbol` (the reordering buffer) and the most that can be. */
  openBars(symbol: string): { readonly open: number; readonly capacity: number } {
    return {
      open: this.open.get(symbol)?.size ?? 0,
      capacity: Math.ceil(this.windowMs / this.intervalOf(symbol)) + 2,
    };
  }

  /** Ticks dropped as late so far. */
  get late(): number {
    return this.dropped;
  }

  get reorderWindowMs(): number {
    return this.windowMs;
  }

  private gridOf(symbol: string): BarGrid {
    let g = this.grids.get(symbol);
    if (g === undefined) {
      g = new BarGrid(this.opts.intervalMs);
      this.grids.set(symbol, g);
    }
    return g;
  }

  private advanceTo(target: number, all: boolean): void {
    for (;;) {
      const bar = this.closing.peek();
      if (bar === undefined || (!all && bar.end > target)) break;
      const end = bar.end;
      const bars: Bar[] = [];
      for (let b = this.closing.peek(); b !== undefined && b.end === end; b = this.closing.peek()) {
        this.closing.pop();
        this.open.get(b.symbol)?.delete(b.start);
        bars.push(b.toBar());
      }
      bars.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
      this.fireTimers(end);
      this.current = Math.max(this.current, end);
      this.opts.onSlice({ ts: end as EpochMs, bars });
    }
    this.fireTimers(target);
    this.current = Math.max(this.current, target);
    for (const g of this.grids.values()) g.prune(this.current);
  }

  private fireTimers(upTo: number): void {
    for (let t = this.timers.peek(); t !== undefined && t.due <= upTo; t = this.timers.peek()) {
      this.timers.pop();
      if (this.cancelled.delete(t.id)) continue;
      this.current = Math.max(this.current, t.due);
      t.fn();
    }
  }
}
