import type { FillPolicy } from './book.ts';

/**
 * Gross exposure held at some point of each period, from the `position` column of the equity
 * table (the exposure that earned the end of the period, see `PeriodResult.position`):
 * - `next_close`: the position held over (t−1, t] is `position[t]` (an order fills at the
 *   close and earns nothing in that period) → |position[t]|;
 * - `next_open`: the old position earns close(t−1) → open(t) and the new one open(t) →
 *   close(t), so the period was exposed if either was held → max(|position[t−1]|, |position[t]|)
 *   (the first period: |position[0]|).
 * A period with exposure 0 was flat throughout: its return can only be a cost. O(n).
 *
 * @example
 * periodExposure([0, 1, 0, 0], 'next_close'); // [0, 1, 0, 0]
 * periodExposure([0, 1, 0, 0], 'next_open');  // [0, 1, 1, 0]
 */
export function periodExposure(position: ArrayLike<number>, fill: FillPolicy): Float64Array {
  const out = new Float64Array(position.length);
  for (let i = 0; i < position.length; i++) {
    const now = Math.abs(position[i] as number);
    out[i] =
      fill === 'next_open' && i > 0 ? Math.max(now, Math.abs(position[i - 1] as number)) : now;
  }
  return out;
}

/**
 * The fill policy of a run from its recorded scenario (`runs.config`, JSON text): `next_open`
 * when `backtest.fill` says so, else `next_close` (the default; also for unreadable text).
 *
 * @example
 * fillOfConfig('{"backtest":{"fill":"next_open"}}'); // 'next_open'
 */
export function fillOfConfig(config: string): FillPolicy {
  try {
    const fill = (JSON.parse(config) as { backtest?: { fill?: unknown } } | null)?.backtest?.fill;
    return fill === 'next_open' ? 'next_open' : 'next_close';
  } catch {
    return 'next_close';
  }
}
