import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsample, lttbIndices } from '../../src/report/charts/downsample.ts';

describe('lttbIndices', () => {
  it('doc example: keeps the peak', () => {
    expect(lttbIndices([0, 1, 2, 3, 4], [0, 5, 0, -5, 0], 3)).toEqual([0, 1, 4]);
    expect(downsample([0, 1, 2, 3, 4], [0, 5, 0, -5, 0], 3)).toEqual([
      [0, 0],
      [1, 5],
      [4, 0],
    ]);
  });

  it('keeps everything when the series is short or the threshold is below 3', () => {
    expect(lttbIndices([0, 1, 2], [1, 2, 3], 10)).toEqual([0, 1, 2]);
    expect(lttbIndices([0, 1, 2, 3], [1, 2, 3, 4], 2)).toEqual([0, 1, 2, 3]);
  });

  it('keeps exactly threshold increasing indices, the first and the last, and the global extremes of a spike', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 400 }),
        fc.integer({ min: 3, max: 100 }),
        (ys, threshold) => {
          const xs = ys.map((_, i) => i * 10);
          const idx = lttbIndices(xs, ys, threshold);
          expect(idx.length).toBe(Math.min(ys.length, threshold));
          expect(idx[0]).toBe(0);
          expect(idx[idx.length - 1]).toBe(ys.length - 1);
          for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
        },
      ),
      { numRuns: 100 },
    );
    const ys = Array.from({ length: 1000 }, (_, i) => (i === 617 ? 50 : Math.sin(i / 30)));
    expect(
      lttbIndices(
        ys.map((_, i) => i),
        ys,
        100,
      ),
    ).toContain(617);
  });
});
