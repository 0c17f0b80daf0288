import type { EpochMs } from '../core/index.ts';
import { PairedLossTest, type PairedTestResult, spentAlpha } from '../lifecycle/index.ts';
import type { LifecycleConfig } from './config.ts';
import type { TestRecord } from './lifecycle-log.ts';

/** The verdict of a probation once its labels are in. */
export type ProbationVerdict =
  | { readonly passed: true }
  | { readonly passed: false; readonly mean: number };

/**
 * The evidence one symbol's lifecycle decides on: the paired test of the challenger under test,
 * and the losses of a promoted champion against the one it replaced (probation). It only counts
 * and computes statistics; the machine decides on what the driver sends it.
 */
export class LifecycleEvidence {
  private readonly config: LifecycleConfig;
  private readonly horizon: number;
  private test: PairedLossTest | null = null;
  private startedTs: EpochMs | null = null;
  /** Tests started for this symbol so far (the family-wise level of the next one depends on it). */
  private started = 0;
  private probationLabels = 0;
  private probationDiff = 0;

  constructor(config: LifecycleConfig, horizon: number) {
    this.config = config;
    this.horizon = horizon;
  }

  /** The test under way, if any. */
  get running(): PairedLossTest | null {
    return this.test;
  }

  startTest(ts: EpochMs): void {
    const { test } = this.config;
    this.started++;
    const level = test.familywise ? spentAlpha(test.alpha, this.started) : test.alpha;
    this.test = new PairedLossTest(test, { horizon: this.horizon, level });
    this.startedTs = ts;
  }

  /** Losses of champion and challenger on one label: the test's result once it is decided. */
  addPair(championLoss: number, challengerLoss: number): PairedTestResult | null {
    if (this.test === null) return null;
    this.test.add(championLoss, challengerLoss);
    const result = this.test.result();
    return result.decision === 'continue' ? null : result;
  }

  endTest(): void {
    this.test = null;
  }

  /** Where the running test sits, for its `ab_tests` row. */
  record(championVersion: number | null, challengerVersion: number | null): TestRecord {
    const { startedTs, horizon } = this;
    return { startedTs, championVersion, challengerVersion, testIndex: this.started, horizon };
  }

  startProbation(): void {
    this.probationLabels = 0;
    this.probationDiff = 0;
  }

  /**
   * The new champion's loss minus the previous one's on one label: once `probationBars` labels
   * are in, passed unless the mean exceeds `probationMargin` (again at every further label).
   */
  addProbation(lossDiff: number): ProbationVerdict | null {
    const { probationBars, probationMargin } = this.config;
    this.probationLabels++;
    this.probationDiff += lossDiff;
    if (this.probationLabels < probationBars) return null;
    const mean = this.probationDiff / this.probationLabels;
    return mean > probationMargin ? { passed: false, mean } : { passed: true };
  }
}
