import { FadedMetric } from './faded-metric.ts';
import { NeumaierSum } from './neumaier-sum.ts';
import type { RollableMetric } from './rollable-metric.ts';
import { WindowedMetric } from './windowed-metric.ts';

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
 * Prequential regression metrics of return forecasts: MAE, RMSE and directional accuracy, from
 * sums that forecasts can be added to, removed from ({@link WindowedRegressionMetrics}) or faded
 * ({@link FadedRegressionMetrics}). The error sums are compensated ({@link NeumaierSum}): when a
 * large error leaves a window, a small one added next to it must not be lost, or the square root
 * of RMSE would magnify the residual (1e-18 in the sum is 1e-9 in the RMSE). O(1) per update.
 *
 * @example
 * const m = new RegressionMetrics();
 * m.update(0.01, 0.02); m.update(-0.01, 0.01);
 * m.summary(); // { n: 2, mae: 0.015, rmse: sqrt((1e-4 + 4e-4) / 2), directionalAccuracy: 0.5 }
 */
export class RegressionMetrics implements RollableMetric<RegressionSummary> {
  private count = 0;
  private weight = 0;
  private readonly absSum = new NeumaierSum();
  private readonly sqSum = new NeumaierSum();
  private hits = 0;

  get n(): number {
    return this.count;
  }

  /** Scores a return `forecast` against the realised return `actual`. */
  update(forecast: number, actual: number): void {
    this.add(forecast, actual, 1);
    this.count++;
    this.weight++;
  }

  revert(forecast: number, actual: number): void {
    this.add(forecast, actual, -1);
    this.count--;
    this.weight--;
  }

  decay(alpha: number): void {
    this.absSum.scale(alpha);
    this.sqSum.scale(alpha);
    this.hits *= alpha;
    this.weight *= alpha;
  }

  reset(): void {
    this.count = this.weight = this.hits = 0;
    this.absSum.reset();
    this.sqSum.reset();
  }

  summary(): RegressionSummary {
    return toRegressionSummary(
      this.count,
      this.weight,
      Math.max(0, this.absSum.value),
      Math.max(0, this.sqSum.value),
      this.hits,
    );
  }

  private add(forecast: number, actual: number, sign: 1 | -1): void {
    const e = forecast - actual;
    this.absSum.add(sign * Math.abs(e));
    this.sqSum.add(sign * e * e);
    if (isDirectionHit(forecast, actual)) this.hits += sign;
  }
}

/**
 * {@link RegressionMetrics} over the last `window` forecasts only: a {@link WindowedMetric}.
 *
 * @throws {InputError} when `window` is not an integer ≥ 1.
 * @example
 * const m = new WindowedRegressionMetrics(1);
 * m.update(0.05, -0.01); m.update(0.01, 0.03);
 * m.summary().mae; // 0.02 (only the last forecast counts)
 */
export class WindowedRegressionMetrics extends WindowedMetric<RegressionSummary> {
  constructor(window: number) {
    super(new RegressionMetrics(), window);
  }
}

/**
 * {@link RegressionMetrics} with a fading factor α (Gama et al. 2013): a {@link FadedMetric}.
 *
 * @throws {InputError} when `alpha` is not in (0, 1].
 * @example
 * const m = new FadedRegressionMetrics(0.5);
 * m.update(0.03, 0); m.update(0.01, 0);
 * m.summary().mae; // (0.5·0.03 + 0.01) / 1.5 = 1/60
 */
export class FadedRegressionMetrics extends FadedMetric<RegressionSummary> {
  constructor(alpha: number) {
    super(new RegressionMetrics(), alpha);
  }
}
