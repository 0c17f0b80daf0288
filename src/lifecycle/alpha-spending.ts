/**
 * The level of a symbol's k-th challenger test under family-wise control: α_k = α · 6 / (π² k²).
 * The levels sum to α over k = 1, 2, …, so if every test holds its level the probability that a
 * symbol ever promotes a no-better challenger during a run is at most α (Bonferroni over an
 * unbounded sequence of tests; the first test gets 0.61 α, the second 0.15 α, the tenth 0.006 α).
 *
 * @throws {RangeError} when k is not an integer ≥ 1.
 * @example
 * spentAlpha(0.05, 1); // 0.0303963…
 * spentAlpha(0.05, 2); // 0.0075991…
 */
export function spentAlpha(alpha: number, k: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`test index must be >= 1: got ${k}`);
  return (alpha * 6) / (Math.PI * Math.PI * k * k);
}
