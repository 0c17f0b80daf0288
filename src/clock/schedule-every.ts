import { type Clock, type EpochMs, InputError, InvariantError } from '../core/index.ts';

/** Handle of a periodic market-time timer. */
export interface PeriodicTimer {
  /** Stops the timer; later ticks never fire. Idempotent. */
  cancel(): void;
  /** Market time of the next tick, or undefined once cancelled. */
  readonly nextTs: EpochMs | undefined;
}

export interface ScheduleEveryOptions {
  /**
   * Align ticks to multiples of the period since the epoch (plus `offsetMs`), e.g. every hour
   * on the hour; default false: the first tick is one period after now.
   */
  readonly align?: boolean;
  /** Shift of aligned ticks, in ms (e.g. a daily tick at 21:00 UTC: period 1 day, offset 21 h). */
  readonly offsetMs?: number;
}

/** The earliest time a Date can hold; a clock before it has not started yet. */
const MIN_DATE_MS = -8.64e15;

/**
 * Calls `fn` every `periodMs` of market time on any {@link Clock}: the replay clock fires it as
 * the replay passes each tick (every tick, even when one slice jumps over several), a live clock
 * when its time comes. Tick k is due at `first + k·periodMs` exactly, so ticks never drift, even
 * when a live clock fires late. `fn` receives the tick's due time.
 *
 * @throws {InputError} when `periodMs` is not a finite number > 0.
 * @throws {InvariantError} when the clock has not started (a replay clock before its first slice).
 * @example
 * const clock = new ReplayClock(0 as EpochMs);
 * const seen: number[] = [];
 * scheduleEvery(clock, 100, (ts) => seen.push(ts));
 * clock.advanceTo(350 as EpochMs);
 * seen; // [100, 200, 300]
 */
export function scheduleEvery(
  clock: Clock,
  periodMs: number,
  fn: (ts: EpochMs) => void,
  options: ScheduleEveryOptions = {},
): PeriodicTimer {
  if (!Number.isFinite(periodMs) || periodMs <= 0)
    throw new InputError(
      `Expected the timer period to be a finite number of ms > 0, got \`${periodMs}\` (${typeof periodMs})`,
    );
  const now = clock.now();
  if (now < MIN_DATE_MS)
    throw new InvariantError(
      `scheduleEvery: the clock has not started (now() is ${now}); schedule after the first slice`,
    );
  const offset = options.offsetMs ?? 0;
  let next =
    options.align === true
      ? Math.floor((now - offset) / periodMs) * periodMs + offset + periodMs
      : now + periodMs;
  let id: number | undefined;
  let cancelled = false;
  const arm = (): void => {
    id = clock.setTimeout(tick, Math.max(0, next - clock.now()));
  };
  const tick = (): void => {
    if (cancelled) return;
    const due = next as EpochMs;
    next += periodMs;
    arm();
    fn(due);
  };
  arm();
  return {
    cancel() {
      if (cancelled) return;
      cancelled = true;
      if (id !== undefined) clock.clearTimeout(id);
    },
    get nextTs() {
      return cancelled ? undefined : (next as EpochMs);
    },
  };
}
