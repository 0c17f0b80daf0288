import { InputError, describeValue, logLoss } from '../core/index.ts';
import type { ClassificationSummary } from './classification-metrics.ts';
import { toClassificationSummary } from './classification-summary.ts';

/**
 * Prequential direction metrics with a fading factor α — Gama, J., Sebastião, R. and
 * Rodrigues, P. P. (2013), "On evaluating stream learning algorithms", Machine Learning 90(3).
 * The label seen k updates ago weighs α^k: every count and loss sum S becomes S ← α·S + x, and
 * each ratio divides by the faded weight N ← α·N + 1. α = 1 gives the all-time metrics; the
 * effective memory is about 1/(1 − α) labels. O(1) time and memory.
 *
 * @throws {InputError} when `alpha` is not in (0, 1].
 * @example
 * const m = new FadedClassificationMetrics(0.5);
 * m.update(0.9, 0); m.update(0.8, 1);
 * m.summary().accuracy; // (0·0.5 + 1) / (0.5 + 1) = 2/3
 */
export class FadedClassificationMetrics {
  readonly alpha: number;
  private count = 0;
  private weight = 0;
  private tp = 0;
  private fp = 0;
  private tn = 0;
  private fn = 0;
  private lossSum = 0;
  private brierSum = 0;

  constructor(alpha: number) {
    if (!(typeof alpha === 'number' && alpha > 0 && alpha <= 1)) {
      throw new InputError(
        `Expected \`metrics.alpha\` to be in (0, 1], got ${describeValue(alpha)}`,
      );
    }
    this.alpha = alpha;
  }

  /** Labels seen so far. */
  get n(): number {
    return this.count;
  }

  /** Scores a prediction `score` (probability of "up") against its 0/1 `label`. */
  update(score: number, label: number): void {
    const a = this.alpha;
    const up = score > 0.5;
    this.tp = a * this.tp + (up && label === 1 ? 1 : 0);
    this.fp = a * this.fp + (up && label !== 1 ? 1 : 0);
    this.fn = a * this.fn + (!up && label === 1 ? 1 : 0);
    this.tn = a * this.tn + (!up && label !== 1 ? 1 : 0);
    this.lossSum = a * this.lossSum + logLoss(score, label);
    this.brierSum = a * this.brierSum + (score - label) ** 2;
    this.weight = a * this.weight + 1;
    this.count++;
  }

  summary(): ClassificationSummary {
    const { tp, fp, tn, fn, lossSum, brierSum, weight } = this;
    return toClassificationSummary({ n: this.count, weight, tp, fp, tn, fn, lossSum, brierSum });
  }
}
