import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/index.ts';

describe('createRandom', () => {
  it('doc example: same seed, same stream', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRandom(8).next()).not.toBe(xs[0]);
  });

  it('has roughly uniform mean and normal moments', () => {
    const r = createRandom(1);
    let s = 0;
    let q = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      q += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(q / n - 1)).toBeLessThan(0.03);
  });

  it('restores from state and forks independently', () => {
    const a = createRandom(3);
    a.next();
    const b = createRandom(3, a.state());
    expect(b.next()).toBe(a.next());
    expect(a.fork('x').next()).toBe(createRandom(3).fork('x').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });
});
