import { createRandom } from '../../src/core/index.ts';

/** Test helper: one Gaussian regime of a Markov-switching stream. */
export interface RegimeSpec {
  readonly name: string;
  readonly mu: number;
  readonly sd: number;
}

/**
 * Test helper: a seeded Markov-switching Gaussian stream. Each step stays in its regime with
 * probability `stay`, else jumps to another one uniformly. Returns the draws and the true regimes.
 */
export function markovSwitching(
  seed: number,
  n: number,
  regimes: readonly RegimeSpec[],
  stay: number,
): { xs: number[]; truth: string[] } {
  const rng = createRandom(seed);
  let s = 0;
  const xs: number[] = [];
  const truth: string[] = [];
  for (let i = 0; i < n; i++) {
    if (rng.next() > stay) s = (s + 1 + rng.int(regimes.length - 1)) % regimes.length;
    const r = regimes[s] as RegimeSpec;
    xs.push(r.mu + r.sd * rng.normal());
    truth.push(r.name);
  }
  return { xs, truth };
}
