import { InputError, describeValue, logLoss } from '../core/index.ts';
import type { ClassificationSummary } from './classification-metrics.ts';
import { toClassificationSummary } from './classification-summary.ts';

/**
 * Prequential direction metrics over the last `window` labels only (a sliding window). O(1) per
 * update: the oldest pair leaves as the newest enters; the float sums are recomputed exactly every
 * `window` updates so rounding cannot creep. Memory O(window). Threshold 0.5 as
 * {@link ClassificationMetrics}.
 *
 * @throws {InputError} when `window` is not an integer ≥ 1.
 * @example
 * const m = new WindowedClassificationMetrics(2);
 * m.update(0.9, 0); m.update(0.8, 1); m.update(0.2, 0);
 * m.summary().accuracy; // 1: the first (wrong) label has left the window
 */
export class WindowedClassificationMetrics {
  readonly window: number;
  private readonly scores: Float64Array;
  private readonly labels: Uint8Array;
  private head = 0;
  private count = 0;
  private tp = 0;
  private fp = 0;
  private tn = 0;
  private fn = 0;
  private lossSum = 0;
  private brierSum = 0;
  private sinceResync = 0;

  constructor(window: number) {
    if (!Number.isInteger(window) || window < 1) {
      throw new InputError(
        `Expected \`metrics.window\` to be an integer >= 1, got ${describeValue(window)}`,
      );
    }
    this.window = window;
    this.scores = new Float64Array(window);
    this.labels = new Uint8Array(window);
  }

  /** Labels currently in the window (≤ window). */
  get n(): number {
    return this.count;
  }

  /** Scores a prediction `score` (probability of "up") against its 0/1 `label`. */
  update(score: number, label: number): void {
    if (this.count === this.window)
      this.apply(this.scores[this.head] as number, this.labels[this.head] as number, -1);
    else this.count++;
    this.scores[this.head] = score;
    this.labels[this.head] = label;
    this.head = (this.head + 1) % this.window;
    this.apply(score, label, 1);
    if (++this.sinceResync >= this.window) this.resync();
  }

  summary(): ClassificationSummary {
    const { tp, fp, tn, fn, lossSum, brierSum } = this;
    return toClassificationSummary({
      n: this.count,
      weight: this.count,
      tp,
      fp,
      tn,
      fn,
      lossSum,
      brierSum,
    });
  }

  /** Empties the window. */
  reset(): void {
    this.head = 0;
    this.count = 0;
    this.tp = this.fp = this.tn = this.fn = 0;
    this.lossSum = this.brierSum = 0;
    this.sinceResync = 0;
  }

  private apply(score: number, label: number, sign: 1 | -1): void {
    const up = score > 0.5;
    if (up && label === 1) this.tp += sign;
    else if (up) this.fp += sign;
    else if (label === 1) this.fn += sign;
    else this.tn += sign;
    this.lossSum += sign * logLoss(score, label);
    this.brierSum += sign * (score - label) ** 2;
  }

  private resync(): void {
    let loss = 0;
    let brier = 0;
    for (let i = 0; i < this.count; i++) {
      const s = this.scores[i] as number;
      const y = this.labels[i] as number;
      loss += logLoss(s, y);
      brier += (s - y) ** 2;
    }
    this.lossSum = loss;
    this.brierSum = brier;
    this.sinceResync = 0;
  }
}
