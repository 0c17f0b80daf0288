import { f1Score } from '../core/index.ts';
import type { ClassificationRow } from '../store/index.ts';

export interface ClassificationStats {
  predictions: number;
  labelled: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  log_loss: number | null;
}

/**
 * Direction metrics from confusion counts (threshold 0.5); null where undefined. F1 by `f1Score`:
 * 0 when there are predicted or actual positives but no true positive, null when there are neither.
 *
 * @example
 * classificationStats({ predictions: 5, labelled: 5, tp: 2, fp: 1, tn: 1, fn: 1, log_loss: 0.6 }).f1; // 2/3
 */
export function classificationStats(
  r: Pick<ClassificationRow, 'predictions' | 'labelled' | 'tp' | 'fp' | 'tn' | 'fn' | 'log_loss'>,
): ClassificationStats {
  const n = r.tp + r.fp + r.tn + r.fn;
  const precision = r.tp + r.fp > 0 ? r.tp / (r.tp + r.fp) : null;
  const recall = r.tp + r.fn > 0 ? r.tp / (r.tp + r.fn) : null;
  const f1 = f1Score(r.tp, r.fp, r.fn);
  return {
    predictions: r.predictions,
    labelled: r.labelled,
    accuracy: n > 0 ? (r.tp + r.tn) / n : null,
    precision,
    recall,
    f1: Number.isNaN(f1) ? null : f1,
    log_loss: r.log_loss,
  };
}

/** Sums confusion counts over rows (for a variant's overall figures). */
export function sumCounts(
  rows: readonly ClassificationRow[],
): Pick<ClassificationRow, 'predictions' | 'labelled' | 'tp' | 'fp' | 'tn' | 'fn' | 'log_loss'> {
  const s = {
    predictions: 0,
    labelled: 0,
    tp: 0,
    fp: 0,
    tn: 0,
    fn: 0,
    log_loss: null as number | null,
  };
  let lossSum = 0;
  for (const r of rows) {
    s.predictions += r.predictions;
    s.labelled += r.labelled;
    s.tp += r.tp;
    s.fp += r.fp;
    s.tn += r.tn;
    s.fn += r.fn;
    lossSum += (r.log_loss ?? 0) * r.labelled;
  }
  s.log_loss = s.labelled > 0 ? lossSum / s.labelled : null;
  return s;
}
