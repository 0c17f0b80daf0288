import { f1Score } from '../core/index.ts';
import type { ClassificationSummary } from './classification-metrics.ts';

/** Weighted confusion counts and loss sums from which a {@link ClassificationSummary} is built. */
export interface ClassificationTotals {
  /** Labels counted (for faded metrics, the number seen, not their weight). */
  readonly n: number;
  /** Sum of the weights: n for plain counts. */
  readonly weight: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly lossSum: number;
  readonly brierSum: number;
}

/**
 * Turns (possibly weighted) confusion counts into a summary: NaN where a ratio is undefined; F1
 * by `f1Score` (0 when there are predicted or actual positives but no true positive, NaN when
 * there are neither).
 *
 * @example
 * toClassificationSummary({ n: 2, weight: 2, tp: 1, fp: 1, tn: 0, fn: 0, lossSum: 1, brierSum: 0.5 }).precision; // 0.5
 */
export function toClassificationSummary(t: ClassificationTotals): ClassificationSummary {
  const w = t.weight;
  return {
    n: t.n,
    accuracy: w > 0 ? (t.tp + t.tn) / w : Number.NaN,
    precision: t.tp + t.fp > 0 ? t.tp / (t.tp + t.fp) : Number.NaN,
    recall: t.tp + t.fn > 0 ? t.tp / (t.tp + t.fn) : Number.NaN,
    f1: f1Score(t.tp, t.fp, t.fn),
    logLoss: w > 0 ? t.lossSum / w : Number.NaN,
    brier: w > 0 ? t.brierSum / w : Number.NaN,
  };
}
