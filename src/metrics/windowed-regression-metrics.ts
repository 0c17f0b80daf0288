import { InputError, describeValue } from '../core/index.ts';
import {
  type RegressionSummary,
  isDirectionHit,
  toRegressionSummary,
} from './regression-metrics.ts';

/**
 * {@link RegressionMetrics} over the last `window` forecasts only. O(1) per update with a ring of
 * errors; the float sums are recomputed exactly every `window` updates. Memory O(window).
 *
 * @throws {InputError} when `window` is not an integer ≥ 1.
 * @example
 * const m = new WindowedRegressionMetrics(1);
 * m.update(0.05, -0.01); m.update(0.01, 0.03);
 * m.summary().mae; // 0.02 (only the last forecast counts)
 */
export class WindowedRegressionMetrics {
  readonly window: number;
  private readonly errors: Float64Array;
  private readonly hitFlags: Uint8Array;
  private head = 0;
  private count = 0;
  private absSum = 0;
  private sqSum = 0;
  /** Neumaier compensations of the two sums. */
  private absC = 0;
  private sqC = 0;
  private hits = 0;
  private sinceResync = 0;

  constructor(window: number) {
    if (!Number.isInteger(window) || window < 1) {
      throw new InputError(
        `Expected \`metrics.window\` to be an integer >= 1, got ${describeValue(window)}`,
      );
    }
    this.window = window;
    this.errors = new Float64Array(window);
    this.hitFlags = new Uint8Array(window);
  }

  get n(): number {
    return this.count;
  }

  update(forecast: number, actual: number): void {
    if (this.count === this.window) {
      const old = this.errors[this.head] as number;
      this.addAbs(-Math.abs(old));
      this.addSq(-(old * old));
      this.hits -= this.hitFlags[this.head] as number;
    } else {
      this.count++;
    }
    const e = forecast - actual;
    const hit = isDirectionHit(forecast, actual) ? 1 : 0;
    this.errors[this.head] = e;
    this.hitFlags[this.head] = hit;
    this.head = (this.head + 1) % this.window;
    this.addAbs(Math.abs(e));
    this.addSq(e * e);
    this.hits += hit;
    if (++this.sinceResync >= this.window) this.resync();
  }

  summary(): RegressionSummary {
    // Compensated sums: a large error leaving the window must not leave a residual that the
    // square root of RMSE would magnify (1e-17 in the sum is 3e-9 in the RMSE).
    return toRegressionSummary(
      this.count,
      this.count,
      Math.max(0, this.absSum + this.absC),
      Math.max(0, this.sqSum + this.sqC),
      this.hits,
    );
  }

  /** Neumaier summation step for the absolute-error sum. */
  private addAbs(x: number): void {
    const t = this.absSum + x;
    this.absC += Math.abs(this.absSum) >= Math.abs(x) ? this.absSum - t + x : x - t + this.absSum;
    this.absSum = t;
  }

  /** Neumaier summation step for the squared-error sum. */
  private addSq(x: number): void {
    const t = this.sqSum + x;
    this.sqC += Math.abs(this.sqSum) >= Math.abs(x) ? this.sqSum - t + x : x - t + this.sqSum;
    this.sqSum = t;
  }

  private resync(): void {
    let a = 0;
    let s = 0;
    for (let i = 0; i < this.count; i++) {
      const e = this.errors[i] as number;
      a += Math.abs(e);
      s += e * e;
    }
    this.absSum = a;
    this.sqSum = s;
    this.absC = 0;
    this.sqC = 0;
    this.sinceResync = 0;
  }
}
