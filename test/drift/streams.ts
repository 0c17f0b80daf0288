import { createRandom } from '../../src/core/index.ts';

/** Test helper: 0/1 errors with rate `before` up to index `at` (exclusive) and `after` from it. */
export function bernoulliStream(
  seed: number,
  n: number,
  before: number,
  after = before,
  at = n,
): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => (rng.next() < (i < at ? before : after) ? 1 : 0));
}

/** Test helper: N(0, 1) draws whose mean moves by `shift` at index `at`. */
export function gaussianStream(seed: number, n: number, shift = 0, at = n): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, (_, i) => rng.normal() + (i < at ? 0 : shift));
}

/** Test helper: indices where `update` returned `signal`. */
export function signalIndices(
  detector: { update(x: number): string },
  xs: readonly number[],
  signal: 'drift' | 'warning' = 'drift',
): number[] {
  const out: number[] = [];
  xs.forEach((x, i) => {
    if (detector.update(x) === signal) out.push(i);
  });
  return out;
}
