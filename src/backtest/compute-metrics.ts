import { checkReturnSeries, type ReturnSeries } from './return-series.ts';
import {
  checkAnnualization,
  EMPTY_METRICS,
  riskFreePerPeriod,
  type ReturnSummary,
  type StrategyMetrics,
  toStrategyMetrics,
} from './strategy-metrics.ts';

function sum(values: ArrayLike<number> | undefined): number | null {
  if (values === undefined) return null;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}

/** Running peak of equity (starting at 1), deepest drawdown and longest time under water. */
function drawdowns(returns: ArrayLike<number>): {
  equity: number;
  maxDrawdown: number;
  maxDrawdownDuration: number;
} {
  let equity = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let run = 0;
  let longest = 0;
  for (let i = 0; i < returns.length; i++) {
    equity *= 1 + (returns[i] as number);
    if (equity >= peak) {
      peak = equity;
      run = 0;
    } else {
      run++;
      if (run > longest) longest = run;
      const dd = equity / peak - 1;
      if (dd < maxDrawdown) maxDrawdown = dd;
    }
  }
  return { equity, maxDrawdown, maxDrawdownDuration: longest };
}

/** Sufficient statistics of a whole series, two-pass for the variance. */
function summarize(series: ReturnSeries, rfPerPeriod: number): ReturnSummary {
  const r = series.returns;
  const n = r.length;
  const mean = (sum(r) as number) / n;
  let squares = 0;
  let downsideSquares = 0;
  let positives = 0;
  let counted = 0;
  let constant = true;
  const exposure = series.exposure;
  for (let i = 0; i < n; i++) {
    const x = r[i] as number;
    squares += (x - mean) ** 2;
    const below = Math.min(0, x - rfPerPeriod);
    downsideSquares += below * below;
    if (exposure === undefined ? x !== 0 : (exposure[i] as number) !== 0) {
      counted++;
      if (x > 0) positives++;
    }
    if (x !== r[0]) constant = false;
  }
  return {
    n,
    firstTs: series.ts[0] as number,
    lastTs: series.ts[n - 1] as number,
    mean,
    // A constant series has no volatility: do not let the rounding of the mean invent one.
    variance: n < 2 ? Number.NaN : constant ? 0 : squares / (n - 1),
    downsideSquares,
    ...drawdowns(r),
    positives,
    counted,
    turnover: sum(series.turnover),
    costs: sum(series.costs),
  };
}

/**
 * Tearsheet metrics of a per-period return series (see {@link StrategyMetrics} and
 * docs/backtest.md for every formula). Conventions: sample standard deviation (n − 1);
 * Sharpe = mean(r − rf_p) / sd × √P; Sortino's downside deviation over all n periods,
 * √(Σ min(0, r − rf_p)² / n), as in empyrical's `downside_risk`/`sortino_ratio` and
 * PerformanceAnalytics' `DownsideDeviation(method = "full")`; CAGR from the period count,
 * equity_end^(P/n) − 1; Calmar = CAGR / |max drawdown|; rf_p = (1 + rf)^(1/P) − 1.
 * Undefined values are `null`. O(n) time, O(1) extra memory.
 *
 * @param input the series; `turnover` and `costs` are optional (their sums are null without).
 * @param periodsPerYear P, e.g. from {@link inferPeriodsPerYear}.
 * @param riskFreeRate annual risk-free rate as a fraction (0.02 = 2%), default 0.
 * @throws {InputError} when arrays differ in length, a value is not finite, `ts` is not
 *   strictly increasing, `periodsPerYear` <= 0 or `riskFreeRate` <= −1.
 * @example
 * const m = computeMetrics({ ts: [0, 86_400_000, 172_800_000], returns: [0.1, -0.1, 0.05] }, 252);
 * m.total_return;  // 1.1 × 0.9 × 1.05 − 1 = 0.0395
 * m.max_drawdown;  // 0.99 / 1.1 − 1 = −0.1
 * m.hit_rate;      // 2 / 3 (no positions given: positive among non-zero returns)
 */
export function computeMetrics(
  input: ReturnSeries,
  periodsPerYear: number,
  riskFreeRate = 0,
): StrategyMetrics {
  checkAnnualization(periodsPerYear, riskFreeRate);
  checkReturnSeries(input, 'computeMetrics');
  const rf = riskFreePerPeriod(riskFreeRate, periodsPerYear);
  if (input.returns.length === 0) return EMPTY_METRICS;
  return toStrategyMetrics(summarize(input, rf), periodsPerYear, rf);
}
