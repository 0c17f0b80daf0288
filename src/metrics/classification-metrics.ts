import { logLoss } from '../core/index.ts';
import { toClassificationSummary } from './classification-summary.ts';
import { FadedMetric } from './faded-metric.ts';
import type { RollableMetric } from './rollable-metric.ts';
import { WindowedMetric } from './windowed-metric.ts';

/**
 * A snapshot of prequential direction metrics. NaN where undefined (e.g. precision with no "up"
 * call; F1 follows `f1Score`: NaN when there is no predicted and no actual positive).
 */
export interface ClassificationSummary {
  readonly n: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly logLoss: number;
  readonly brier: number;
}

/**
 * Prequential (test-then-train) direction metrics: each label is scored against the prediction
 * made before it was known. The one confusion matrix of the code base — counts tp/fp/tn/fn, sums
 * of log loss and Brier score, and their weight — which labels can be added to, removed from
 * ({@link WindowedClassificationMetrics}) or faded ({@link FadedClassificationMetrics}). O(1) per
 * update. Threshold 0.5: a score above it predicts "up".
 *
 * @example
 * const m = new ClassificationMetrics();
 * m.update(0.8, 1); m.update(0.6, 0); m.update(0.3, 0);
 * m.summary().accuracy;  // 2 / 3
 * m.summary().precision; // 1 / 2
 */
export class ClassificationMetrics implements RollableMetric<ClassificationSummary> {
  private count = 0;
  private weight = 0;
  private tp = 0;
  private fp = 0;
  private tn = 0;
  private fn = 0;
  private lossSum = 0;
  private brierSum = 0;

  /** Labels counted. */
  get n(): number {
    return this.count;
  }

  /** Scores a prediction `score` (probability of "up") against its 0/1 `label`. */
  update(score: number, label: number): void {
    this.add(score, label, 1);
    this.count++;
    this.weight++;
  }

  revert(score: number, label: number): void {
    this.add(score, label, -1);
    this.count--;
    this.weight--;
  }

  decay(alpha: number): void {
    this.tp *= alpha;
    this.fp *= alpha;
    this.tn *= alpha;
    this.fn *= alpha;
    this.lossSum *= alpha;
    this.brierSum *= alpha;
    this.weight *= alpha;
  }

  reset(): void {
    this.count = this.weight = 0;
    this.tp = this.fp = this.tn = this.fn = 0;
    this.lossSum = this.brierSum = 0;
  }

  summary(): ClassificationSummary {
    const { count, weight, tp, fp, tn, fn, lossSum, brierSum } = this;
    return toClassificationSummary({ n: count, weight, tp, fp, tn, fn, lossSum, brierSum });
  }

  private add(score: number, label: number, sign: 1 | -1): void {
    const up = score > 0.5;
    if (up && label === 1) this.tp += sign;
    else if (up) this.fp += sign;
    else if (label === 1) this.fn += sign;
    else this.tn += sign;
    this.lossSum += sign * logLoss(score, label);
    this.brierSum += sign * (score - label) ** 2;
  }
}

/**
 * {@link ClassificationMetrics} over the last `window` labels only: a {@link WindowedMetric}.
 *
 * @throws {InputError} when `window` is not an integer ≥ 1.
 * @example
 * const m = new WindowedClassificationMetrics(2);
 * m.update(0.9, 0); m.update(0.8, 1); m.update(0.2, 0);
 * m.summary().accuracy; // 1: the first (wrong) label has left the window
 */
export class WindowedClassificationMetrics extends WindowedMetric<ClassificationSummary> {
  constructor(window: number) {
    super(new ClassificationMetrics(), window);
  }
}

/**
 * {@link ClassificationMetrics} with a fading factor α: a {@link FadedMetric}.
 *
 * @throws {InputError} when `alpha` is not in (0, 1].
 * @example
 * const m = new FadedClassificationMetrics(0.5);
 * m.update(0.9, 0); m.update(0.8, 1);
 * m.summary().accuracy; // (0·0.5 + 1) / (0.5 + 1) = 2/3
 */
export class FadedClassificationMetrics extends FadedMetric<ClassificationSummary> {
  constructor(alpha: number) {
    super(new ClassificationMetrics(), alpha);
  }
}
