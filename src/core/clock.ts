import type { EpochMs } from './time.ts';

/** Handle returned by {@link Clock.setTimeout}. */
export type TimerId = number;

/**
 * The time port. Replay, paced and live clocks implement it; everything that needs "now" or a
 * timer takes a Clock. It is also structurally compatible with XState's `clock` option, so
 * machine delays run on market time.
 */
export interface Clock {
  /** Current market time. */
  now(): EpochMs;
  /** Runs `fn` once `delayMs` of market time has passed. */
  setTimeout(fn: () => void, delayMs: number): TimerId;
  clearTimeout(id: TimerId): void;
}
