import { asyncScheduler, Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { InputError } from '../core/index.ts';
import type { ReplayClock } from './replay-clock.ts';
import {
  type BarBatches,
  isAsyncBatches,
  type TimeSlice,
  toTimeSlices,
  toTimeSlicesAsync,
} from './time-slice.ts';

export interface PacedReplayOptions {
  /**
   * Market milliseconds played per real millisecond: `60` plays one minute of market time per
   * second, `1` plays in real time. A finite number > 0.
   */
  readonly speed: number;
  /** Where the waits run (default `asyncScheduler`); tests pass a virtual-time scheduler. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Replays the same slices as {@link replay}, in the same order, but paced: a slice at market
 * time `ts` is emitted `(ts − first ts) / speed` real milliseconds after the first one, as
 * measured by the scheduler's `now()`. Timers of the market clock that fall between two slices
 * fire at their own paced moment, not only when the next slice arrives. If the consumer falls
 * behind, slices come as soon as possible (never dropped, never reordered).
 *
 * The scheduler is the only time source: with a `VirtualTimeScheduler` or `TestScheduler` the
 * whole replay runs in virtual time, so tests assert emission times without sleeping.
 *
 * @throws {InputError} when `speed` is not a finite number > 0.
 * @example
 * // one bar per market minute, played at 60×: one slice per real second
 * pacedReplay(source.batches(), clock, { speed: 60 }).subscribe((s) => engine.onSlice(s));
 */
export function pacedReplay(
  batches: BarBatches,
  clock: ReplayClock,
  options: PacedReplayOptions,
): Observable<TimeSlice> {
  const { speed } = options;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) {
    throw new InputError(
      `Expected the replay speed to be a finite number > 0, got \`${String(speed)}\` (${typeof speed})`,
    );
  }
  const scheduler = options.scheduler ?? asyncScheduler;
  return new Observable<TimeSlice>((subscriber) => {
    const it: Iterator<TimeSlice> | AsyncIterator<TimeSlice> = isAsyncBatches(batches)
      ? toTimeSlicesAsync(batches)
      : toTimeSlices(batches);
    let startReal = Number.NaN;
    let startMarket = Number.NaN;
    let current: Subscription | undefined;
    let stopped = false;

    const fail = (error: unknown): void => {
      if (!stopped) subscriber.error(error);
    };
    const pull = (): void => {
      if (stopped) return;
      try {
        const r = it.next();
        if (r instanceof Promise) r.then(onResult, fail);
        else onResult(r);
      } catch (error) {
        fail(error);
      }
    };
    const onResult = (r: IteratorResult<TimeSlice>): void => {
      if (stopped) return;
      if (r.done === true) {
        subscriber.complete();
        return;
      }
      if (Number.isNaN(startReal)) {
        startReal = scheduler.now();
        startMarket = r.value.ts;
      }
      plan(r.value);
    };
    // Waits until the next stop: a market timer due before the slice, or the slice itself.
    const plan = (slice: TimeSlice): void => {
      const due = clock.nextDue();
      const stop = due !== undefined && due < slice.ts ? due : slice.ts;
      const delay = Math.max(0, startReal + (stop - startMarket) / speed - scheduler.now());
      current = scheduler.schedule(() => {
        if (stopped) return;
        try {
          if (stop < slice.ts) {
            clock.advanceTo(stop);
            plan(slice);
            return;
          }
          clock.advanceTo(slice.ts);
        } catch (error) {
          fail(error);
          return;
        }
        subscriber.next(slice);
        pull();
      }, delay);
    };

    pull();
    return () => {
      stopped = true;
      current?.unsubscribe();
      void it.return?.();
    };
  });
}
