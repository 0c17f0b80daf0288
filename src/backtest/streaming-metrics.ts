import { describeValue, InputError } from '../core/index.ts';
import {
  checkAnnualization,
  riskFreePerPeriod,
  type StrategyMetrics,
  toStrategyMetrics,
} from './strategy-metrics.ts';

function checkValue(field: string, v: number): void {
  if (!Number.isFinite(v)) {
    throw new InputError(
      `Expected \`${field}\` to be a finite number, got ${describeValue(v)} in StreamingMetrics.update`,
    );
  }
}

/**
 * The tearsheet of {@link computeMetrics}, kept up to date one period at a time in O(1)
 * memory and O(1) time per update — one per strategy × symbol. It keeps the running sum of
 * returns (for the mean), Welford's M2 (for the sample variance; Welford 1962, "Note on a
 * method for calculating corrected sums of squares and products"), the downside sum of
 * squares, the running equity, peak, drawdown and time under water, hit counts, and the sums
 * of turnover and costs. `value()` equals `computeMetrics` over the same series up to
 * floating-point rounding of the variance (≈ 1e-12 relative in practice).
 *
 * `turnover` (and likewise `costs`) is null until an update passes one; updates that omit it
 * after that count as 0.
 *
 * @example
 * const m = new StreamingMetrics(252);
 * m.update(0, 0.1); m.update(86_400_000, -0.1); m.update(172_800_000, 0.05);
 * m.value().total_return; // 0.0395, as computeMetrics gives
 */
export class StreamingMetrics {
  private readonly periodsPerYear: number;
  private readonly rf: number;
  private n = 0;
  private firstTs = 0;
  private lastTs = 0;
  private sum = 0;
  private welfordMean = 0;
  private m2 = 0;
  private first = 0;
  private constant = true;
  private downsideSquares = 0;
  private equity = 1;
  private peak = 1;
  private maxDrawdown = 0;
  private run = 0;
  private longest = 0;
  private positives = 0;
  private counted = 0;
  private turnover: number | null = null;
  private costs: number | null = null;

  /**
   * @param periodsPerYear P, e.g. from {@link inferPeriodsPerYear}.
   * @param riskFreeRate annual risk-free rate as a fraction, default 0.
   * @throws {InputError} when `periodsPerYear` <= 0 or `riskFreeRate` <= −1.
   */
  constructor(periodsPerYear: number, riskFreeRate = 0) {
    checkAnnualization(periodsPerYear, riskFreeRate);
    this.periodsPerYear = periodsPerYear;
    this.rf = riskFreePerPeriod(riskFreeRate, periodsPerYear);
  }

  /** Periods seen so far. */
  get periods(): number {
    return this.n;
  }

  /**
   * Adds one period.
   *
   * @param tsMs end of the period, epoch ms; strictly after the previous one.
   * @param ret net return of the period as a fraction.
   * @param exposure gross exposure held during the period (see `hit_rate`); omitted: the hit
   *   rate counts the periods with r ≠ 0.
   * @throws {InputError} when a value is not finite or time does not move forward.
   */
  update(tsMs: number, ret: number, turnover?: number, cost?: number, exposure?: number): void {
    checkValue('ret', ret);
    checkValue('tsMs', tsMs);
    if (Math.abs(tsMs) > 8.64e15) {
      throw new InputError(
        `Expected \`tsMs\` to be epoch milliseconds within ±8.64e15, got ${describeValue(tsMs)} in StreamingMetrics.update`,
      );
    }
    if (this.n > 0 && !(tsMs > this.lastTs)) {
      throw new InputError(
        `Expected \`tsMs\` to be after ${this.lastTs}, got ${describeValue(tsMs)} in StreamingMetrics.update`,
      );
    }
    if (this.n === 0) {
      this.firstTs = tsMs;
      this.first = ret;
    }
    this.lastTs = tsMs;
    this.n++;
    this.sum += ret;
    const delta = ret - this.welfordMean;
    this.welfordMean += delta / this.n;
    this.m2 += delta * (ret - this.welfordMean);
    if (ret !== this.first) this.constant = false;
    const below = Math.min(0, ret - this.rf);
    this.downsideSquares += below * below;
    if (exposure === undefined ? ret !== 0 : exposure !== 0) {
      this.counted++;
      if (ret > 0) this.positives++;
    }
    this.trackDrawdown(ret);
    if (turnover !== undefined) {
      checkValue('turnover', turnover);
      this.turnover = (this.turnover ?? 0) + turnover;
    }
    if (cost !== undefined) {
      checkValue('cost', cost);
      this.costs = (this.costs ?? 0) + cost;
    }
  }

  private trackDrawdown(ret: number): void {
    this.equity *= 1 + ret;
    if (this.equity >= this.peak) {
      this.peak = this.equity;
      this.run = 0;
      return;
    }
    this.run++;
    if (this.run > this.longest) this.longest = this.run;
    const dd = this.equity / this.peak - 1;
    if (dd < this.maxDrawdown) this.maxDrawdown = dd;
  }

  /** The tearsheet of everything seen so far. O(1). */
  value(): StrategyMetrics {
    const n = this.n;
    return toStrategyMetrics(
      {
        n,
        firstTs: this.firstTs,
        lastTs: this.lastTs,
        mean: n > 0 ? this.sum / n : Number.NaN,
        variance: n < 2 ? Number.NaN : this.constant ? 0 : this.m2 / (n - 1),
        downsideSquares: this.downsideSquares,
        equity: this.equity,
        maxDrawdown: this.maxDrawdown,
        maxDrawdownDuration: this.longest,
        positives: this.positives,
        counted: this.counted,
        turnover: this.turnover,
        costs: this.costs,
      },
      this.periodsPerYear,
      this.rf,
    );
  }
}
