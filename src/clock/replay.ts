import { Observable } from 'rxjs';
import type { ReplayClock } from './replay-clock.ts';
import { type BarBatches, SliceGrouper, type TimeSlice } from './time-slice.ts';

export interface ReplayOptions {
  /** Slices between yields to the event loop (lets Ctrl-C and I/O in). Default 2048. */
  readonly yieldEvery?: number;
  /**
   * Bars between yields, whichever comes first: a wide market (100 symbols × 3,000 bars has
   * 3,000 slices of 100 bars) would otherwise run for seconds without letting Ctrl-C or the
   * recorder's timed flush in. Yields fall between slices. Default 16,384.
   */
  readonly yieldEveryBars?: number;
}

/**
 * Replays a sorted bar stream as fast as possible: groups bars by timestamp into slices,
 * advances the virtual clock to each slice's time (firing due timers first, in (due, creation)
 * order) and emits the slice.
 *
 * Deterministic and wall-clock free: what is emitted, and in which order, depends only on the
 * data. Slices come in increasing time; the bars of one slice keep the source's order, which for
 * every `BarSource` is symbol code-unit order (`'B' < 'a'`) and, for several merged sources,
 * source order first, then symbol order. Emission is synchronous within a batch; every
 * `yieldEvery` slices or `yieldEveryBars` bars it yields to the event loop with setImmediate,
 * which reads no time.
 *
 * @throws {DataError} (as an Observable error) when bars go back in time.
 * @example
 * replay(source.batches(), new ReplayClock(start)).subscribe({ next: (s) => engine.onSlice(s) });
 */
export function replay(
  batches: BarBatches,
  clock: ReplayClock,
  options: ReplayOptions = {},
): Observable<TimeSlice> {
  const yieldEvery = options.yieldEvery ?? 2048;
  const yieldEveryBars = options.yieldEveryBars ?? 16_384;
  return new Observable<TimeSlice>((subscriber) => {
    let stopped = false;
    const grouper = new SliceGrouper();
    let emitted = 0;
    let barsSinceYield = 0;
    const emit = (slice: TimeSlice): void => {
      clock.advanceTo(slice.ts);
      barsSinceYield += slice.bars.length;
      subscriber.next(slice);
    };
    const run = async (): Promise<void> => {
      for await (const batch of batches) {
        for (const bar of batch) {
          const slice = grouper.push(bar);
          if (slice === undefined) continue;
          emit(slice);
          if (++emitted % yieldEvery === 0 || barsSinceYield >= yieldEveryBars) {
            barsSinceYield = 0;
            await new Promise<void>((r) => setImmediate(r));
          }
          if (stopped) return;
        }
        if (stopped) return;
      }
      const last = grouper.flush();
      if (last !== undefined) emit(last);
      subscriber.complete();
    };
    run().catch((error: unknown) => subscriber.error(error));
    return () => {
      stopped = true;
    };
  });
}
