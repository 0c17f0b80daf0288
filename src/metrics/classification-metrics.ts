import { logLoss } from '../core/index.ts';

/** A snapshot of prequential direction metrics. NaN where undefined (e.g. no positives). */
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
 * Prequential (test-then-train) direction metrics over all labels seen: each label is scored
 * against the prediction made before it was known. O(1) per update. Threshold 0.5: a score
 * above it predicts "up".
 *
 * @example
 * const m = new ClassificationMetrics();
 * m.update(0.8, 1); m.update(0.6, 0); m.update(0.3, 0);
 * m.summary().accuracy;  // 2 / 3
 * m.summary().precision; // 1 / 2
 */
export class ClassificationMetrics {
  private tp = 0;
  private fp = 0;
  private tn = 0;
  private fn = 0;
  private lossSum = 0;
  private brierSum = 0;

  update(score: number, label: number): void {
    const up = score > 0.5;
    if (up && label === 1) this.tp++;
    else if (up) this.fp++;
    else if (label === 1) this.fn++;
    else this.tn++;
    this.lossSum += logLoss(score, label);
    this.brierSum += (score - label) ** 2;
  }

  get n(): number {
    return this.tp + this.fp + this.tn + this.fn;
  }

  summary(): ClassificationSummary {
    const n = this.n;
    const precision = this.tp + this.fp > 0 ? this.tp / (this.tp + this.fp) : Number.NaN;
    const recall = this.tp + this.fn > 0 ? this.tp / (this.tp + this.fn) : Number.NaN;
    const f1 =
      this.tp > 0
        ? (2 * precision * recall) / (precision + recall)
        : this.tp + this.fp + this.fn > 0
          ? 0
          : Number.NaN;
    return {
      n,
      accuracy: n > 0 ? (this.tp + this.tn) / n : Number.NaN,
      precision,
      recall,
      f1,
      logLoss: n > 0 ? this.lossSum / n : Number.NaN,
      brier: n > 0 ? this.brierSum / n : Number.NaN,
    };
  }
}
