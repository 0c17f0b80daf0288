/** An equity curve (starting from 1 before the first period) with its drawdown. */
export interface Curve {
  readonly name: string;
  readonly ts: number[];
  readonly equity: number[];
  /** equity / running peak − 1 (the initial 1 counts as a peak), <= 0. */
  readonly drawdown: number[];
}

/**
 * Compounds per-period returns into an equity curve and its drawdown, with the conventions of
 * the backtest's `computeMetrics` (equity starts at 1, which counts as a peak).
 *
 * @example
 * curveFromReturns('m', [1, 2, 3], [0.1, -0.1, 0.05]).drawdown; // [0, -0.1, -0.055]
 */
export function curveFromReturns(name: string, ts: number[], returns: readonly number[]): Curve {
  const equity: number[] = [];
  let e = 1;
  for (const r of returns) {
    e *= 1 + r;
    equity.push(e);
  }
  return { name, ts, equity, drawdown: drawdownOf(equity) };
}

/** An equity curve from recorded equity values (already compounded). */
export function curveFromEquity(name: string, ts: number[], equity: number[]): Curve {
  return { name, ts, equity, drawdown: drawdownOf(equity) };
}

function drawdownOf(equity: readonly number[]): number[] {
  let peak = 1;
  return equity.map((e) => {
    if (e > peak) peak = e;
    return e / peak - 1;
  });
}
