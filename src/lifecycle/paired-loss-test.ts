import { dieboldMariano } from './diebold-mariano.ts';
import { MixtureEProcess } from './mixture-e-process.ts';

export interface PairedTestConfig {
  /**
   * `dm`: Diebold–Mariano (HAC, HLN, t) once `minSamples` pairs are in; `sprt`: the mixture
   * sequential test (an anytime-valid e-process) that may stop at any label after `minSamples`.
   */
  readonly method: 'dm' | 'sprt';
  /** One-sided significance level: the challenger must have lower loss. */
  readonly alpha: number;
  /** Pairs needed before a decision (invariant 2). */
  readonly minSamples: number;
  /** The test rejects the challenger when this many pairs came in without a decision (liveness). */
  readonly maxSamples: number;
  /** `sprt`: standardised loss improvement per label, E[d]/sd(d), the mixture is tuned for. */
  readonly effect: number;
  /** `sprt`: reject early once the evidence that the challenger is worse reaches 1/beta. */
  readonly beta: number;
  /**
   * Family-wise control over a run: the k-th test of a symbol runs at α·6/(π²k²), so a symbol
   * promotes a no-better challenger with probability at most α over the whole run.
   */
  readonly familywise: boolean;
}

export const DEFAULT_PAIRED_TEST: PairedTestConfig = {
  method: 'dm',
  alpha: 0.05,
  minSamples: 30,
  maxSamples: 500,
  effect: 0.2,
  beta: 0.2,
  familywise: false,
};

/** Where one test sits in a run: the label horizon, and the level it may spend. */
export interface PairedTestContext {
  /** Label horizon in bars (overlapping labels make the differentials autocorrelated). */
  readonly horizon: number;
  /** The level this test runs at: alpha, or the family-wise share of it. */
  readonly level: number;
}

export interface PairedTestResult {
  readonly n: number;
  /** `dm`: the HLN-corrected DM statistic; `sprt`: ln of the e-value now. */
  readonly statistic: number;
  /** `dm`: one-sided p from t(ν); `sprt`: the anytime-valid 1 / max e-value (capped at 1). */
  readonly pValue: number;
  /** `continue` while undecided. */
  readonly decision: 'promote' | 'reject' | 'continue';
  readonly meanDiff: number;
  /** The level the decision was taken at. */
  readonly level: number;
  /** `dm`: degrees of freedom of the t reference; null for `sprt`. */
  readonly df: number | null;
}

/**
 * Paired test on the losses of champion and challenger scored on the same labels.
 * d_i = loss_champion − loss_challenger (positive when the challenger is better).
 *
 * - `dm` decides once, at n = minSamples: promote iff the one-sided Diebold–Mariano p-value
 *   ({@link dieboldMariano}: HAC long-run variance, Harvey–Leybourne–Newbold factor, Student t)
 *   is below the level.
 * - `sprt` feeds a {@link MixtureEProcess} (valid for overlapping labels) and promotes as soon
 *   as n ≥ minSamples and its largest value reached 1/level; a mirrored e-process on −d
 *   rejects early when it reaches 1/beta (futility, which never adds false promotions); at
 *   maxSamples it rejects.
 *
 * The differentials are kept (at most maxSamples of them) so a `validate` command can run the
 * DM test at any n. O(1) per pair for `sprt`; the DM costs O(n·ν) once.
 *
 * @example
 * const t = new PairedLossTest({ ...DEFAULT_PAIRED_TEST, minSamples: 3 }, { horizon: 1, level: 0.05 });
 * t.add(0.7, 0.5); t.add(0.6, 0.5); t.add(0.8, 0.5);
 * t.result().decision; // 'promote' (d = 0.2, 0.1, 0.3: see the test for the numbers)
 */
export class PairedLossTest {
  readonly config: PairedTestConfig;
  readonly context: PairedTestContext;
  private readonly diffs: Float64Array;
  private n = 0;
  private sum = 0;
  private readonly better: MixtureEProcess | null;
  private readonly worse: MixtureEProcess | null;
  private dm: { n: number; result: PairedTestResult } | null = null;

  constructor(config: PairedTestConfig, context: PairedTestContext) {
    this.config = config;
    this.context = context;
    this.diffs = new Float64Array(Math.max(config.maxSamples, config.minSamples));
    const sequential = config.method === 'sprt';
    const e = { horizon: context.horizon, effect: config.effect };
    this.better = sequential ? new MixtureEProcess(e) : null;
    this.worse = sequential ? new MixtureEProcess(e) : null;
  }

  add(championLoss: number, challengerLoss: number): void {
    const d = championLoss - challengerLoss;
    if (this.n < this.diffs.length) this.diffs[this.n] = d;
    this.n++;
    this.sum += d;
    this.better?.add(d);
    this.worse?.add(-d);
  }

  get samples(): number {
    return this.n;
  }

  result(): PairedTestResult {
    if (this.better === null || this.worse === null) {
      // The DM decides once: nothing to compute before minSamples.
      if (this.n < this.config.minSamples || this.n < 2) return this.empty();
      const r = this.dmResult();
      return { ...r, decision: r.pValue < this.context.level ? 'promote' : 'reject' };
    }
    const { level } = this.context;
    const e = this.better;
    const decision =
      this.n < this.config.minSamples
        ? 'continue'
        : e.max >= 1 / level
          ? 'promote'
          : this.worse.max >= 1 / this.config.beta || this.n >= this.config.maxSamples
            ? 'reject'
            : 'continue';
    return {
      n: this.n,
      statistic: Math.log(e.value),
      pValue: Math.min(1, 1 / e.max),
      decision,
      meanDiff: this.n > 0 ? this.sum / this.n : Number.NaN,
      level,
      df: null,
    };
  }

  /**
   * The DM test on every pair so far, whatever the method (the `validate` command): decision
   * `promote` when p < level and the mean differential is positive, else `reject`.
   */
  validateNow(): PairedTestResult {
    const r = this.n >= 2 ? this.dmResult() : this.empty();
    return {
      ...r,
      decision: r.pValue < this.context.level && r.meanDiff > 0 ? 'promote' : 'reject',
    };
  }

  private dmResult(): PairedTestResult {
    const n = Math.min(this.n, this.diffs.length);
    if (this.dm !== null && this.dm.n === n) return this.dm.result;
    const dm = dieboldMariano(this.diffs, n, this.context.horizon);
    const result: PairedTestResult = {
      n: this.n,
      statistic: dm.statistic,
      pValue: dm.pValue,
      decision: 'continue',
      meanDiff: dm.mean,
      level: this.context.level,
      df: dm.df,
    };
    this.dm = { n, result };
    return result;
  }

  private empty(): PairedTestResult {
    return {
      n: this.n,
      statistic: Number.NaN,
      pValue: 1,
      decision: 'continue',
      meanDiff: this.n > 0 ? this.sum / this.n : Number.NaN,
      level: this.context.level,
      df: null,
    };
  }
}
