import type { Random } from '../../src/core/index.ts';

/**
 * Test helper: CPython's `random.Random(seed)` (MT19937, `init_by_array` seeding) for integer
 * seeds below 2^32, so tests can rebuild the exact streams of river's doctests.
 * `next()` is `random()`, `int(n)` is `_randbelow(n)`, `fork()` returns a fresh generator with the
 * same seed (what river's KSWIN does when it re-creates `random.Random(seed)` on reset).
 */
export class PythonRandom implements Random {
  private readonly mt = new Uint32Array(624);
  private index = 625;
  private readonly seed: number;

  constructor(seed: number) {
    this.seed = seed;
    this.initByArray([seed >>> 0]);
  }

  /** `random.random()`: 53-bit float in [0, 1). */
  next(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `random._randbelow(n)`: getrandbits(bit_length(n)) with rejection. */
  int(n: number): number {
    const k = 32 - Math.clz32(n);
    let r = this.uint32() >>> (32 - k);
    while (r >= n) r = this.uint32() >>> (32 - k);
    return r;
  }

  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  fork(): Random {
    return new PythonRandom(this.seed);
  }

  state(): number {
    return this.index;
  }

  /** `rng.choices(population, k)` (no weights): `population[floor(random() * n)]`. */
  choices(population: readonly number[], k: number): number[] {
    return Array.from(
      { length: k },
      () => population[Math.floor(this.next() * population.length)] as number,
    );
  }

  /** `rng.choices(population, weights, k)`: bisect on cumulative weights. */
  weightedChoices(population: readonly number[], weights: readonly number[], k: number): number[] {
    const cum: number[] = [];
    let s = 0;
    for (const w of weights) {
      s += w;
      cum.push(s);
    }
    const total = cum[cum.length - 1] as number;
    return Array.from({ length: k }, () => {
      const x = this.next() * total;
      let lo = 0;
      let hi = population.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (x < (cum[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      return population[lo] as number;
    });
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1] as number;
      mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.index = 624;
  }

  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] =
        ((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + (key[j] as number) + j;
      i++;
      j++;
      if (i >= 624) {
        mt[0] = mt[623] as number;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= 624) {
        mt[0] = mt[623] as number;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private uint32(): number {
    const mt = this.mt;
    if (this.index >= 624) {
      for (let kk = 0; kk < 624; kk++) {
        const y = ((mt[kk] as number) & 0x80000000) | ((mt[(kk + 1) % 624] as number) & 0x7fffffff);
        mt[kk] = (mt[(kk + 397) % 624] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
