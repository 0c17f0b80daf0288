import { InputError } from '../../core/index.ts';

/**
 * Stationary distribution π of a Markov transition matrix (rows sum to 1): the long-run share of
 * time in each state, π = πP. Solved exactly (Gaussian elimination on πᵀ(P − I) = 0 with Σπ = 1);
 * for a reducible chain, where that system is singular, it falls back to power iteration on the
 * lazy chain (P + I) / 2 from the uniform start.
 *
 * @example
 * stationaryDistribution([[0.9, 0.1], [0.3, 0.7]]); // [0.75, 0.25]
 */
export function stationaryDistribution(matrix: readonly (readonly number[])[]): number[] {
  return solveStationary(matrix) ?? iterateStationary(matrix);
}

function solveStationary(matrix: readonly (readonly number[])[]): number[] | null {
  const n = matrix.length;
  // rows j < n-1: Σ_i π_i (P_ij − δ_ij) = 0; last row: Σ_i π_i = 1
  const a = Array.from({ length: n }, (_, j) => [
    ...Array.from({ length: n }, (_, i) =>
      j === n - 1 ? 1 : ((matrix[i] as readonly number[])[j] as number) - (i === j ? 1 : 0),
    ),
    j === n - 1 ? 1 : 0,
  ]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[pivot] as number[])[c] as number))
        pivot = r;
    if (Math.abs((a[pivot] as number[])[c] as number) < 1e-12) return null;
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const row = a[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const other = a[r] as number[];
      const f = (other[c] as number) / (row[c] as number);
      for (let k = c; k <= n; k++) other[k] = (other[k] as number) - f * (row[k] as number);
    }
  }
  const pi = a.map((row, i) => (row[n] as number) / (row[i] as number));
  return pi.every((p) => p >= -1e-12) ? pi.map((p) => Math.max(0, p)) : null;
}

function iterateStationary(matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  let pi = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < 1_000_000; iter++) {
    const next = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const row = matrix[i] as readonly number[];
      for (let j = 0; j < n; j++)
        next[j] =
          (next[j] as number) + 0.5 * (pi[i] as number) * ((row[j] as number) + (i === j ? 1 : 0));
    }
    const delta = next.reduce((m, v, j) => Math.max(m, Math.abs(v - (pi[j] as number))), 0);
    pi = next;
    if (delta < 1e-15) break;
  }
  const sum = pi.reduce((a, b) => a + b, 0);
  return pi.map((p) => p / sum);
}

/**
 * Checks a transition matrix: square, entries in [0, 1], rows summing to 1 (within 1e-9).
 *
 * @throws {InputError} naming `field` and the offending row.
 * @example
 * checkTransitionMatrix([[1, 0], [0.5, 0.5]], 'synthetic.transitions');
 */
export function checkTransitionMatrix(matrix: readonly (readonly number[])[], field: string): void {
  const n = matrix.length;
  matrix.forEach((row, i) => {
    if (row.length !== n)
      throw new InputError(
        `Expected \`${field}\` to be a ${n}×${n} matrix, got row ${i} with ${row.length} entries`,
      );
    if (row.some((p) => !(p >= 0 && p <= 1)))
      throw new InputError(
        `Expected \`${field}[${i}]\` to hold probabilities in [0, 1], got [${row.join(', ')}]`,
      );
    const sum = row.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9)
      throw new InputError(`Expected \`${field}[${i}]\` to sum to 1, got ${sum}`);
  });
}

/**
 * Next state of a chain from a uniform draw `u` in [0, 1): inverse CDF of the current row.
 *
 * @example
 * nextState([[0.9, 0.1], [0.3, 0.7]], 0, 0.95); // 1
 */
export function nextState(
  matrix: readonly (readonly number[])[],
  state: number,
  u: number,
): number {
  const row = matrix[state] as readonly number[];
  let acc = 0;
  for (let j = 0; j < row.length; j++) {
    acc += row[j] as number;
    if (u < acc) return j;
  }
  // rounding left u above the row's sum: the last state with a positive probability
  for (let j = row.length - 1; j > 0; j--) if ((row[j] as number) > 0) return j;
  return 0;
}
