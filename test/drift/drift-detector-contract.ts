import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DriftDetector } from '../../src/drift/index.ts';
import { gaussianStream } from './streams.ts';

/**
 * The shared contract of every {@link DriftDetector}: silent on a constant stream, `reset()` returns
 * to the initial state, deterministic for a seed, and a signal is always one of the three values.
 * `factory(seed)` must build a fresh detector whose randomness (if any) comes from `seed`.
 */
export function describeDriftDetectorContract(
  factory: (seed: number) => DriftDetector,
  label = factory(1).name,
): void {
  describe(`DriftDetector contract: ${label}`, () => {
    it('stays silent on a constant stream (any constant, any length)', () => {
      fc.assert(
        fc.property(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.integer({ min: 1, max: 1500 }),
          (c, n) => {
            const d = factory(1);
            for (let i = 0; i < n; i++) if (d.update(c) !== 'none') return false;
            return true;
          },
        ),
        { numRuns: 25 },
      );
      for (const c of [0, 1]) {
        const d = factory(1);
        for (let i = 0; i < 3000; i++) expect(d.update(c)).toBe('none');
      }
    });

    it('reset() returns to the initial state', () => {
      const xs = gaussianStream(3, 1200, 2, 600).map((x) => (x > 0.5 ? 1 : 0));
      const fresh = factory(5);
      const expected = xs.map((x) => fresh.update(x));
      const used = factory(5);
      for (const x of gaussianStream(4, 777).map((v) => (v > 0 ? 1 : 0))) used.update(x);
      used.reset();
      expect(xs.map((x) => used.update(x))).toEqual(expected);
    });

    it('is deterministic for a seed', () => {
      const xs = gaussianStream(9, 1500, 1.5, 700);
      const a = factory(11);
      const b = factory(11);
      expect(xs.map((x) => a.update(x))).toEqual(xs.map((x) => b.update(x)));
    });

    it('exposes its name and complete params', () => {
      const d = factory(1);
      expect(d.name).toMatch(/^[a-z_]+$/);
      expect(Object.values(d.params).every((v) => Number.isFinite(v))).toBe(true);
    });
  });
}
