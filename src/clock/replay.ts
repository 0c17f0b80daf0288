import { Observable } from 'rxjs';
import type { Bar, EpochMs } from '../core/index.ts';
import type { ReplayClock } from './replay-clock.ts';

/** All bars that share one timestamp: one tick of the clock. */
export interface TimeSlice {
  readonly ts: EpochMs;
  /** Bars at `ts`, in the merge order (by symbol within one source). */
  readonly bars: readonly Bar[];
}

export interface ReplayOptions {
  /** Slices between yields to the event loop (lets Ctrl-C and I/O in). Default 2048. */
  readonly yieldEvery?: number;
}

/**
 * Replays a sorted bar stream as fast as possible: groups bars by timestamp into slices,
 * advances the virtual clock to each slice's time (firing due timers first) and emits the
 * slice. Deterministic: no wall-clock reads. Emission is synchronous within a batch; every
 * `yieldEvery` slices it yields to the event loop with setImmediate, which is not a time read.
 *
 * @example
 * replay(source, new ReplayClock(start)).subscribe({ next: (s) => engine.onSlice(s) });
 */
export function replay(batches: AsyncIterable<readonly Bar[]>, clock: ReplayClock, options: ReplayOptions = {}): Observable<TimeSlice> {
  const yieldEvery = options.yieldEvery ?? 2048;
  return new Observable<TimeSlice>((subscriber) => {
    let stopped = false;
    const run = async (): Promise<void> => {
      let group: Bar[] = [];
      let groupTs = Number.NaN;
      let emitted = 0;
      const emit = (): void => {
        clock.advanceTo(groupTs as EpochMs);
        subscriber.next({ ts: groupTs as EpochMs, bars: group });
        group = [];
      };
      for await (const batch of batches) {
        for (const bar of batch) {
          if (bar.ts !== groupTs && group.length > 0) {
            emit();
            if (++emitted % yieldEvery === 0) await new Promise<void>((r) => setImmediate(r));
            if (stopped) return;
          }
          groupTs = bar.ts;
          group.push(bar);
        }
        if (stopped) return;
      }
      if (group.length > 0) emit();
      subscriber.complete();
    };
    run().catch((error: unknown) => subscriber.error(error));
    return () => {
      stopped = true;
    };
  });
}
