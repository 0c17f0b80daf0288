import { type Bar, DataError, type EpochMs, formatTs } from '../core/index.ts';

/** All bars that share one timestamp: one tick of the clock. */
export interface TimeSlice {
  readonly ts: EpochMs;
  /**
   * Bars at `ts`, in the merge order: the order of their sources, then symbol code-unit order
   * within one source (what {@link BarSource}s promise and `mergeSorted` keeps).
   */
  readonly bars: readonly Bar[];
}

/** Batches of bars as sources give them: lazily (async) or already in memory (sync). */
export type BarBatches = AsyncIterable<readonly Bar[]> | Iterable<readonly Bar[]>;

/** True when `batches` must be iterated with `for await`. */
export function isAsyncBatches(batches: BarBatches): batches is AsyncIterable<readonly Bar[]> {
  return typeof (batches as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function';
}

/**
 * Groups a time-ordered bar stream into slices of equal timestamps (a timestamp may span two
 * batches). The bars keep their order inside a slice.
 *
 * @throws {DataError} when a bar's time is earlier than the previous bar's.
 * @example
 * [...toTimeSlices([[bar('A', 1), bar('B', 1)], [bar('A', 2)]])].map((s) => s.bars.length); // [2, 1]
 */
export function* toTimeSlices(batches: Iterable<readonly Bar[]>): Generator<TimeSlice> {
  const grouper = new SliceGrouper();
  for (const batch of batches) {
    for (const bar of batch) {
      const done = grouper.push(bar);
      if (done !== undefined) yield done;
    }
  }
  const last = grouper.flush();
  if (last !== undefined) yield last;
}

/** {@link toTimeSlices} over lazily produced (async) batches. */
export async function* toTimeSlicesAsync(batches: BarBatches): AsyncGenerator<TimeSlice> {
  const grouper = new SliceGrouper();
  for await (const batch of batches) {
    for (const bar of batch) {
      const done = grouper.push(bar);
      if (done !== undefined) yield done;
    }
  }
  const last = grouper.flush();
  if (last !== undefined) yield last;
}

/**
 * Incremental form of {@link toTimeSlices}: push bars one at a time, get each slice as soon as
 * the next timestamp starts, and the last one from `flush()`.
 *
 * @example
 * const g = new SliceGrouper();
 * g.push(bar('A', 1)); // undefined
 * g.push(bar('A', 2)); // { ts: 1, bars: [A@1] }
 * g.flush();           // { ts: 2, bars: [A@2] }
 */
export class SliceGrouper {
  private group: Bar[] = [];
  private ts = Number.NaN;

  /** Adds a bar; returns the previous slice when this bar starts a new one. */
  push(bar: Bar): TimeSlice | undefined {
    if (bar.ts === this.ts) {
      this.group.push(bar);
      return undefined;
    }
    if (bar.ts < this.ts) {
      throw new DataError(
        `bars must come in time order: ${bar.symbol} at ${formatTs(bar.ts)} after ${formatTs(this.ts)}`,
      );
    }
    const done = this.flush();
    this.ts = bar.ts;
    this.group.push(bar);
    return done;
  }

  flush(): TimeSlice | undefined {
    if (this.group.length === 0) return undefined;
    const slice = { ts: this.ts as EpochMs, bars: this.group };
    this.group = [];
    return slice;
  }
}
