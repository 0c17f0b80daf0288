/**
 * Seeded pseudo-random numbers (mulberry32 over a splitmix32-mixed seed). Every random draw in
 * the harness goes through a `Random`, so a scenario and seed reproduce a run exactly.
 *
 * @example
 * const rng = createRandom(7);
 * rng.next(); // a float in [0, 1), the same for every run seeded 7
 */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Standard normal draw (Box-Muller, one value per call). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** An independent stream derived from this one's seed and a label. */
  fork(label: string | number): Random;
  /** Current internal state, for snapshots. */
  state(): number;
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a hash of a string, for deriving seeds from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a seeded generator; `state` restores one from {@link Random.state}. */
export function createRandom(seed: number, state?: number): Random {
  let a = state ?? splitmix32(seed >>> 0);
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      let u = next();
      while (u <= Number.EPSILON) u = next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      return Math.floor(next() * n);
    },
    fork(label: string | number) {
      const salt = typeof label === 'number' ? label : hashString(label);
      return createRandom(splitmix32((seed ^ Math.imul(salt, 0x27d4eb2d)) >>> 0));
    },
    state() {
      return a;
    },
  };
}
