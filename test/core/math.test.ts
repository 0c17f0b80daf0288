import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { f1Score } from '../../src/core/index.ts';
import { fcParams } from '../helpers/fc-params.ts';

describe('f1Score', () => {
  it('doc example', () => {
    expect(f1Score(2, 1, 1)).toBeCloseTo(2 / 3, 15);
    expect(f1Score(0, 3, 0)).toBe(0);
    expect(f1Score(0, 0, 0)).toBeNaN();
  });

  it('is 2·TP / (2·TP + FP + FN), weighted counts included (property)', () => {
    const w = fc.double({ min: 0, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(w, w, w, (tp, fp, fn) => {
        const f = f1Score(tp, fp, fn);
        if (2 * tp + fp + fn === 0) expect(f).toBeNaN();
        else expect(f).toBeCloseTo((2 * tp) / (2 * tp + fp + fn), 12);
      }),
      fcParams(300),
    );
  });

  it('is 0, not NaN, when a long-faded true-positive weight underflows precision and recall', () => {
    // counterexample of the property above (fast-check seed 1365718213): 2PR/(P+R) gave 0/0
    expect(f1Score(5e-324, 2, 2)).toBe(0);
  });
});
