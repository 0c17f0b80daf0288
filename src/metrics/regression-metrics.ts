/** Streaming metrics of return forecasts. NaN while undefined (no sample yet). */
export interface RegressionSummary {
  readonly n: number;
  /** Mean absolute error |forecast − actual|. */
  readonly mae: number;
  /** Root mean squared error. */
  readonly rmse: number;
  /** Share of forecasts on the right side of zero: (forecast > 0) === (actual > 0). */
  readonly directionalAccuracy: number;
}

/** Builds a summary from (possibly faded) sums; `weight` is the divisor, `n` the sample count. */
export function toRegressionSummary(
  n: number,
  weight: number,
  absSum: number,
  sqSum: number,
  hits: number,
): RegressionSummary {
  return {
    n,
    mae: weight > 0 ? absSum / weight : Number.NaN,
    rmse: weight > 0 ? Math.sqrt(Math.max(0, sqSum) / weight) : Number.NaN,
    directionalAccuracy: weight > 0 ? hits / weight : Number.NaN,
  };
}

/** True when forecast and actual are on the same side of zero ("up" means > 0). */
export function isDirectionHit(forecast: number, actual: number): boolean {
  return forecast > 0 === actual > 0;
}

/**
 * Prequential regression metrics of return forecasts over everything seen: MAE, RMSE and
 * directional accuracy. O(1) per update.
 *
 * @example
 * const m = new RegressionMetrics();
 * m.update(0.01, 0.02); m.update(-0.01, 0.01);
 * m.summary(); // { n: 2, mae: 0.015, rmse: sqrt((1e-4 + 4e-4) / 2), directionalAccuracy: 0.5 }
 */
export class RegressionMetrics {
  private count = 0;
  private absSum = 0;
  private sqSum = 0;
  private hits = 0;

  get n(): number {
    return this.count;
  }

  /** Scores a return `forecast` against the realised return `actual`. */
  update(forecast: number, actual: number): void {
    const e = forecast - actual;
    this.absSum += Math.abs(e);
    this.sqSum += e * e;
    if (isDirectionHit(forecast, actual)) this.hits++;
    this.count++;
  }

  summary(): RegressionSummary {
    return toRegressionSummary(this.count, this.count, this.absSum, this.sqSum, this.hits);
  }
}
