import { describe, expect, it } from 'vitest';
import { toClassificationSummary } from '../../src/metrics/index.ts';

describe('toClassificationSummary', () => {
  it('doc example', () => {
    expect(
      toClassificationSummary({
        n: 2,
        weight: 2,
        tp: 1,
        fp: 1,
        tn: 0,
        fn: 0,
        lossSum: 1,
        brierSum: 0.5,
      }).precision,
    ).toBe(0.5);
  });

  it('divides by the weight, reports n, and is NaN or 0 where undefined', () => {
    const s = toClassificationSummary({
      n: 3,
      weight: 1.5,
      tp: 0,
      fp: 0,
      tn: 1.5,
      fn: 0,
      lossSum: 0.3,
      brierSum: 0.15,
    });
    expect(s.n).toBe(3);
    expect(s.accuracy).toBe(1);
    expect(s.logLoss).toBeCloseTo(0.2, 15);
    expect(s.precision).toBeNaN();
    expect(s.f1).toBeNaN();
    expect(
      toClassificationSummary({
        n: 1,
        weight: 1,
        tp: 0,
        fp: 1,
        tn: 0,
        fn: 0,
        lossSum: 1,
        brierSum: 1,
      }).f1,
    ).toBe(0);
  });
});
