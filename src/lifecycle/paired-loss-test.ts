import { normalCdf } from '../core/index.ts';

export interface PairedTestConfig {
  /** `dm`: Diebold-Mariano test once `minSamples` pairs are in; `sprt`: sequential test that may stop early. */
  readonly method: 'dm' | 'sprt';
  /** One-sided significance level: the challenger must have lower loss with p < alpha. */
  readonly alpha: number;
  /** Pairs needed before a decision (invariant 2). */
  readonly minSamples: number;
  /** The test rejects the challenger when this many pairs came in without a decision (liveness). */
  readonly maxSamples: number;
  /** SPRT: the loss improvement per label the challenger must show (alternative hypothesis). */
  readonly sprtEffect: number;
  /** SPRT type II error rate. */
  readonly beta: number;
}

export const DEFAULT_PAIRED_TEST: PairedTestConfig = {
  method: 'dm',
  alpha: 0.05,
  minSamples: 30,
  maxSamples: 500,
  sprtEffect: 0.01,
  beta: 0.2,
};

export interface PairedTestResult {
  readonly n: number;
  readonly statistic: number;
  readonly pValue: number;
  /** `continue` while undecided. */
  readonly decision: 'promote' | 'reject' | 'continue';
  readonly meanDiff: number;
}

/**
 * Paired test on the losses of champion and challenger scored on the same labels.
 * d_i = loss_champion − loss_challenger (positive when the challenger is better).
 *
 * - DM (Diebold & Mariano 1995, horizon 1): S = mean(d) / sqrt(var(d) / n) with the sample
 *   variance; one-sided p = 1 − Φ(S). Decides at n = minSamples: promote iff p < alpha.
 * - SPRT (Wald 1945) on the mean of d, Gaussian with variance estimated from the sample:
 *   H0: μ = 0 vs H1: μ = sprtEffect; log-likelihood ratio Λ = Σ (μ1·d_i − μ1²/2) / σ²,
 *   promote when Λ ≥ ln((1−β)/α), reject when Λ ≤ ln(β/(1−α)); never before minSamples.
 * Either way the test rejects at maxSamples. O(1) per pair.
 *
 * @example
 * const t = new PairedLossTest({ ...DEFAULT_PAIRED_TEST, minSamples: 3 });
 * t.add(0.7, 0.5); t.add(0.6, 0.5); t.add(0.8, 0.5);
 * t.result().decision; // 'promote' (d = 0.2, 0.1, 0.3: mean 0.2, sd 0.1, S = 3.46)
 */
export class PairedLossTest {
  readonly config: PairedTestConfig;
  private n = 0;
  private mean = 0;
  private m2 = 0;
  private sum = 0;

  constructor(config: PairedTestConfig) {
    this.config = config;
  }

  add(championLoss: number, challengerLoss: number): void {
    const d = championLoss - challengerLoss;
    this.n++;
    const delta = d - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (d - this.mean);
    this.sum += d;
  }

  get samples(): number {
    return this.n;
  }

  result(): PairedTestResult {
    const { n, mean } = this;
    const variance = n > 1 ? this.m2 / (n - 1) : Number.NaN;
    const statistic = n > 1 ? dmStatistic(mean, variance, n) : Number.NaN;
    const pValue = Number.isNaN(statistic) ? 1 : 1 - normalCdf(statistic);
    const base = { n, statistic, pValue, meanDiff: mean };
    if (n < this.config.minSamples) return { ...base, decision: 'continue' };
    if (this.config.method === 'dm')
      return { ...base, decision: pValue < this.config.alpha ? 'promote' : 'reject' };
    const decision = this.sprtDecision(variance);
    if (decision === 'continue' && n >= this.config.maxSamples)
      return { ...base, decision: 'reject' };
    return { ...base, decision };
  }

  private sprtDecision(variance: number): 'promote' | 'reject' | 'continue' {
    const { alpha, beta, sprtEffect: mu1 } = this.config;
    if (!(variance > 0)) return this.mean > 0 ? 'promote' : 'reject';
    const llr = (mu1 * this.sum - (this.n * mu1 * mu1) / 2) / variance;
    if (llr >= Math.log((1 - beta) / alpha)) return 'promote';
    if (llr <= Math.log(beta / (1 - alpha))) return 'reject';
    return 'continue';
  }
}

function dmStatistic(mean: number, variance: number, n: number): number {
  if (variance > 0) return mean / Math.sqrt(variance / n);
  if (mean === 0) return 0;
  return mean > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}
