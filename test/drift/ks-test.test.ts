import { describe, expect, it } from 'vitest';
import { ksTestEqualSizes } from '../../src/drift/index.ts';

describe('ksTestEqualSizes', () => {
  it('doc example', () => {
    const r = ksTestEqualSizes([1, 2, 3], [4, 5, 6]);
    expect(r.statistic).toBe(1);
    expect(r.pValue).toBeCloseTo(0.1, 12); // 2 / C(6, 3)
  });

  it('matches scipy.stats.ks_2samp (exact) on hand-checked cases', () => {
    // scipy 1.17: ks_2samp([1,2,3,4,5],[3,4,5,6,7]) → D = 0.4, p = 0.873015873015873
    const a = ksTestEqualSizes([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]);
    expect(a.statistic).toBeCloseTo(0.4, 15);
    expect(a.pValue).toBeCloseTo(0.873015873015873, 12);
    // ties across samples: ks_2samp([0,0,1,1],[1,1,1,1]) → D = 0.5, p = 0.7714285714285716
    const b = ksTestEqualSizes([0, 0, 1, 1], [1, 1, 1, 1]);
    expect(b.statistic).toBe(0.5);
    expect(b.pValue).toBeCloseTo(0.7714285714285716, 12);
    expect(ksTestEqualSizes([2, 2], [2, 2])).toEqual({ statistic: 0, pValue: 1 });
  });
});
