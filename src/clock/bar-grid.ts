import { InputError } from '../core/index.ts';

interface Segment {
  /** First timestamp this segment covers; buckets are anchored here. */
  readonly from: number;
  readonly intervalMs: number;
}

/**
 * The bar boundaries of one symbol: epoch-aligned buckets of `intervalMs`, and, after an
 * interval change, buckets of the new interval anchored at the boundary where the change took
 * effect. A change never splits a bar that may still receive ticks: it starts at the end of
 * the latest bar that has one.
 *
 * @example
 * const g = new BarGrid(60_000);
 * g.bucketStart(90_000); // 60000
 * g.change(1_000, 90_000); // from 120000 on, bars are 1 s long
 * g.bucketStart(120_500); // 120000
 */
export class BarGrid {
  private segments: Segment[];

  constructor(intervalMs: number) {
    BarGrid.check(intervalMs);
    this.segments = [{ from: Number.NEGATIVE_INFINITY, intervalMs }];
  }

  /** The interval of the newest segment (the one that new bars will use). */
  get intervalMs(): number {
    return (this.segments[this.segments.length - 1] as Segment).intervalMs;
  }

  /** Start of the bar holding `ts`, or NaN when `ts` precedes every segment still kept. */
  bucketStart(ts: number): number {
    const seg = this.segmentOf(ts);
    if (seg === undefined) return Number.NaN;
    const anchor = Number.isFinite(seg.from) ? seg.from : 0;
    return anchor + Math.floor((ts - anchor) / seg.intervalMs) * seg.intervalMs;
  }

  /** End (exclusive) of the bar holding `ts`. */
  bucketEnd(ts: number): number {
    const start = this.bucketStart(ts);
    return start + (this.segmentOf(ts) as Segment).intervalMs;
  }

  /**
   * Switches to `intervalMs` from the end of the bar that holds `latestTs` (the latest tick time
   * seen for the symbol); returns that boundary.
   */
  change(intervalMs: number, latestTs: number): number {
    BarGrid.check(intervalMs);
    const boundary = Number.isFinite(latestTs)
      ? this.bucketEnd(latestTs)
      : Number.NEGATIVE_INFINITY;
    if (!Number.isFinite(boundary)) {
      this.segments = [{ from: Number.NEGATIVE_INFINITY, intervalMs }];
      return boundary;
    }
    this.segments = this.segments.filter((s) => s.from < boundary);
    this.segments.push({ from: boundary, intervalMs });
    return boundary;
  }

  /** Forgets segments that only cover time before `now` (their bars are all closed). */
  prune(now: number): void {
    while (this.segments.length > 1 && (this.segments[1] as Segment).from <= now)
      this.segments.shift();
  }

  private segmentOf(ts: number): Segment | undefined {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const s = this.segments[i] as Segment;
      if (ts >= s.from) return s;
    }
    return undefined;
  }

  private static check(intervalMs: number): void {
    if (!Number.isInteger(intervalMs) || intervalMs < 1)
      throw new InputError(
        `Expected the bar interval to be an integer number of milliseconds >= 1, got \`${intervalMs}\` (${typeof intervalMs})`,
      );
  }
}
