import { InputError, describeValue } from '../core/index.ts';
import {
  type RegressionSummary,
  isDirectionHit,
  toRegressionSummary,
} from './regression-metrics.ts';

/**
 * {@link RegressionMetrics} with a fading factor α (Gama et al. 2013): the forecast k updates old
 * weighs α^k; sums and the weight are faded alike. α = 1 is the all-time version. O(1).
 *
 * @throws {InputError} when `alpha` is not in (0, 1].
 * @example
 * const m = new FadedRegressionMetrics(0.5);
 * m.update(0.03, 0); m.update(0.01, 0);
 * m.summary().mae; // (0.5·0.03 + 0.01) / 1.5 = 1/60
 */
export class FadedRegressionMetrics {
  readonly alpha: number;
  private count = 0;
  private weight = 0;
  private absSum = 0;
  private sqSum = 0;
  private hits = 0;

  constructor(alpha: number) {
    if (!(typeof alpha === 'number' && alpha > 0 && alpha <= 1)) {
      throw new InputError(
        `Expected \`metrics.alpha\` to be in (0, 1], got ${describeValue(alpha)}`,
      );
    }
    this.alpha = alpha;
  }

  get n(): number {
    return this.count;
  }

  update(forecast: number, actual: number): void {
    const a = this.alpha;
    const e = forecast - actual;
    this.absSum = a * this.absSum + Math.abs(e);
    this.sqSum = a * this.sqSum + e * e;
    this.hits = a * this.hits + (isDirectionHit(forecast, actual) ? 1 : 0);
    this.weight = a * this.weight + 1;
    this.count++;
  }

  summary(): RegressionSummary {
    return toRegressionSummary(this.count, this.weight, this.absSum, this.sqSum, this.hits);
  }
}
