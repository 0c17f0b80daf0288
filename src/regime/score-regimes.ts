import { InputError } from '../core/index.ts';
import { REGIMES } from './regime.ts';

/** Agreement of predicted regimes with a ground truth. */
export interface RegimeScore {
  readonly n: number;
  /** Share of bars where the prediction equals the truth (NaN when n = 0). */
  readonly accuracy: number;
  /** Row and column labels of `matrix`: the known regimes first, then any other label sorted. */
  readonly labels: readonly string[];
  /** matrix[i][j] = bars whose truth is labels[i] and prediction labels[j]. */
  readonly matrix: readonly (readonly number[])[];
}

/**
 * Scores predicted regimes against ground truth (e.g. a synthetic market's regime path): accuracy
 * and the confusion matrix. O(n).
 *
 * @throws {InputError} when the two sequences differ in length.
 * @example
 * scoreRegimes(['bull', 'bull', 'bear'], ['bull', 'bear', 'bear']).accuracy; // 2/3
 */
export function scoreRegimes(truth: readonly string[], predicted: readonly string[]): RegimeScore {
  if (truth.length !== predicted.length) {
    throw new InputError(
      `Expected \`predicted\` to have the length of \`truth\` (${truth.length}), got ${predicted.length}`,
    );
  }
  const seen = new Set([...truth, ...predicted]);
  const known = REGIMES.filter((r) => seen.has(r));
  const others = [...seen].filter((r) => !(REGIMES as readonly string[]).includes(r)).sort();
  const labels = [...known, ...others];
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let hits = 0;
  truth.forEach((t, i) => {
    const p = predicted[i] as string;
    const row = matrix[index.get(t) ?? -1];
    const col = index.get(p);
    if (row === undefined || col === undefined || row[col] === undefined)
      throw new Error(`scoreRegimes: no confusion-matrix cell for (${t}, ${p})`);
    row[col] += 1;
    if (t === p) hits++;
  });
  return {
    n: truth.length,
    accuracy: truth.length > 0 ? hits / truth.length : Number.NaN,
    labels,
    matrix,
  };
}
