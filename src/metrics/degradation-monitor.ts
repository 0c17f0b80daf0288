import { InputError, describeValue } from '../core/index.ts';
import {
  type ClassificationSummary,
  WindowedClassificationMetrics,
} from './classification-metrics.ts';

/** Metrics a {@link DegradationMonitor} can watch. */
export type DegradationMetric = 'accuracy' | 'precision' | 'recall' | 'f1' | 'logLoss' | 'brier';

/** Configuration of a {@link DegradationMonitor}. */
export interface DegradationConfig {
  readonly metric: DegradationMetric;
  /** Labels in the sliding window the rules look at. */
  readonly window: number;
  /** Absolute rule: alert when the champion's metric is worse than this (below for accuracy-like, above for losses). */
  readonly threshold?: number;
  /** Relative rule: alert when the champion is worse than the frozen baseline by more than this. */
  readonly vsBaselineMargin?: number;
  /** Labels needed in the window before any rule is checked. */
  readonly minSamples: number;
  /** Updates after an alert during which no new alert is raised. */
  readonly cooldown: number;
}

/** What a {@link DegradationMonitor} raises. */
export interface DegradationAlert {
  readonly kind: 'degradation';
  readonly severity: 'warning' | 'critical';
  readonly message: string;
}

/** Score of a constant 0.5 forecast (no skill), the anchor of the absolute rule's severity. */
const NO_SKILL: Readonly<Record<DegradationMetric, number>> = {
  accuracy: 0.5,
  precision: 0.5,
  recall: 0.5,
  f1: 0.5,
  logLoss: Math.LN2,
  brier: 0.25,
};

const LOWER_IS_BETTER: ReadonlySet<DegradationMetric> = new Set(['logLoss', 'brier']);

/**
 * Watches the champion's windowed metric and raises a degradation alert by two rules, each
 * optional:
 * - absolute: the metric is worse than `threshold`. Severity `critical` when it is worse than the
 *   threshold by more than the threshold's own distance d = |threshold − no-skill value| (no skill:
 *   accuracy/precision/recall/F1 0.5, log loss ln 2, Brier 0.25) — i.e. more than twice as far from
 *   the threshold's anchor; with d = 0 every breach is critical.
 * - vs baseline: the champion is worse than the frozen baseline, over the same window, by more than
 *   `vsBaselineMargin` (warning), or by more than twice the margin (critical).
 * Rules are checked once the window holds `minSamples` labels; NaN metrics (e.g. precision with no
 * "up" call) are skipped. After an alert, `cooldown` updates pass silently. O(1) per update.
 *
 * @throws {InputError} when a config field is out of range or neither rule is configured.
 * @example
 * const m = new DegradationMonitor({ metric: 'accuracy', window: 4, threshold: 0.45, minSamples: 4, cooldown: 10 });
 * for (const y of [1, 0, 0]) m.update(0.9, 0.5, y); // null: fewer than minSamples labels
 * m.update(0.9, 0.5, 0)?.severity; // 'critical': accuracy 0.25 is 0.2 below 0.45, more than |0.45 − 0.5|
 */
export class DegradationMonitor {
  readonly config: DegradationConfig;
  private readonly champion: WindowedClassificationMetrics;
  private readonly baseline: WindowedClassificationMetrics;
  private quietFor = 0;

  constructor(config: DegradationConfig) {
    validate(config);
    this.config = config;
    this.champion = new WindowedClassificationMetrics(config.window);
    this.baseline = new WindowedClassificationMetrics(config.window);
  }

  /**
   * Scores one resolved label for the champion and the baseline and checks the rules.
   * @returns an alert, or null when nothing is wrong (or during warm-up or cooldown).
   */
  update(championScore: number, baselineScore: number, label: number): DegradationAlert | null {
    this.champion.update(championScore, label);
    this.baseline.update(baselineScore, label);
    if (this.quietFor > 0) {
      this.quietFor--;
      return null;
    }
    if (this.champion.n < this.config.minSamples) return null;
    const alert = this.check(this.champion.summary(), this.baseline.summary());
    if (alert) this.quietFor = this.config.cooldown;
    return alert;
  }

  private check(
    champ: ClassificationSummary,
    base: ClassificationSummary,
  ): DegradationAlert | null {
    const { metric, threshold, vsBaselineMargin, window } = this.config;
    const sign = LOWER_IS_BETTER.has(metric) ? -1 : 1; // badness = sign · (reference − value)
    const value = champ[metric];
    const found: { critical: boolean; text: string }[] = [];
    if (threshold !== undefined && Number.isFinite(value) && sign * (threshold - value) > 0) {
      const d = Math.abs(threshold - NO_SKILL[metric]);
      const side = sign > 0 ? 'below' : 'above';
      found.push({
        critical: sign * (threshold - value) > d,
        text: `${metric} ${fmt(value)} ${side} threshold ${fmt(threshold)}`,
      });
    }
    const baseValue = base[metric];
    if (vsBaselineMargin !== undefined && Number.isFinite(value) && Number.isFinite(baseValue)) {
      const gap = sign * (baseValue - value);
      if (gap > vsBaselineMargin) {
        found.push({
          critical: gap > 2 * vsBaselineMargin,
          text: `${metric} ${fmt(value)} worse than baseline ${fmt(baseValue)} by ${fmt(gap)} (margin ${fmt(vsBaselineMargin)})`,
        });
      }
    }
    if (found.length === 0) return null;
    const critical = found.some((f) => f.critical);
    return {
      kind: 'degradation',
      severity: critical ? 'critical' : 'warning',
      message: `${found.map((f) => f.text).join('; ')} over the last ${Math.min(this.champion.n, window)} labels`,
    };
  }
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

function validate(c: DegradationConfig): void {
  const bad = (field: string, rule: string, value: unknown): never => {
    throw new InputError(
      `Expected \`degradation.${field}\` to be ${rule}, got ${describeValue(value)}`,
    );
  };
  if (!Object.hasOwn(NO_SKILL, c.metric))
    bad('metric', `one of ${Object.keys(NO_SKILL).join(', ')}`, c.metric);
  if (!Number.isInteger(c.window) || c.window < 1) bad('window', 'an integer >= 1', c.window);
  if (!Number.isInteger(c.minSamples) || c.minSamples < 1 || c.minSamples > c.window) {
    bad('minSamples', `an integer in [1, window = ${c.window}]`, c.minSamples);
  }
  if (!Number.isInteger(c.cooldown) || c.cooldown < 0)
    bad('cooldown', 'an integer >= 0', c.cooldown);
  if (c.threshold !== undefined && !Number.isFinite(c.threshold))
    bad('threshold', 'a finite number', c.threshold);
  if (
    c.vsBaselineMargin !== undefined &&
    !(Number.isFinite(c.vsBaselineMargin) && c.vsBaselineMargin >= 0)
  ) {
    bad('vsBaselineMargin', 'a finite number >= 0', c.vsBaselineMargin);
  }
  if (c.threshold === undefined && c.vsBaselineMargin === undefined) {
    bad(
      'threshold',
      'set (or vsBaselineMargin set): a monitor needs at least one rule',
      c.threshold,
    );
  }
}
