import type fc from 'fast-check';

/**
 * fast-check parameters: `FC_SEED=<n>` replays a failure (fast-check prints the seed and path
 * of every failure).
 */
export function fcParams<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env['FC_SEED'];
  return seed === undefined ? { numRuns } : { numRuns, seed: Number(seed) };
}
