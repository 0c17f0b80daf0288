import { InputError, type Random } from '../../core/index.ts';

export interface BackoffOptions {
  /** Delay before the first retry. Default 500 ms. */
  readonly initialMs?: number;
  /** Ceiling of the delay. Default 30 s. */
  readonly maxMs?: number;
}

/**
 * Reconnect delay after `attempt` failed attempts (0-based): exponential backoff with equal
 * jitter, `base = min(maxMs, initialMs · 2^attempt)` and a delay drawn uniformly from
 * [base / 2, base). The jitter comes from a seeded {@link Random}, so a run is reproducible.
 *
 * @example
 * backoffDelay(3, { initialMs: 100, maxMs: 10_000 }, createRandom(1)); // in [400, 800)
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: Random): number {
  const initial = options.initialMs ?? 500;
  const max = options.maxMs ?? 30_000;
  if (!(initial > 0) || !(max >= initial))
    throw new InputError(
      `Expected backoff 0 < initialMs <= maxMs, got initialMs \`${initial}\`, maxMs \`${max}\``,
    );
  const base = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return base / 2 + random.next() * (base / 2);
}
