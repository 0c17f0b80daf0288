import { describe, expect, it } from 'vitest';
import {
  logGamma,
  regularizedIncompleteBeta,
  studentTSurvival,
} from '../../src/lifecycle/index.ts';

// Reference values from scipy 1.17 (stats.t.sf, special.betainc, special.gammaln), computed
// outside the repository.
describe('studentTSurvival', () => {
  it('doc example', () => {
    expect(studentTSurvival(0, 10)).toBe(0.5);
    expect(studentTSurvival(1, 1)).toBeCloseTo(0.25, 14);
    expect(studentTSurvival(2.045, 29)).toBeCloseTo(0.025012037961205807, 12);
  });

  it('keeps relative precision far into the tail (no p = 0 from rounding)', () => {
    const cases: [number, number, number][] = [
      [40, 29, 3.173438664864671e-27],
      [8.5, 29, 1.1490166431409574e-9],
      [12, 29, 4.5303541665685913e-13],
      [60, 3, 5.0997968366598774e-6],
      [3.2, 2.5, 0.031705514118190725],
      [0.3, 200, 0.382244365094664],
      [-1.5, 3, 0.8847080673775886],
    ];
    for (const [t, df, p] of cases) {
      expect(Math.abs(studentTSurvival(t, df) / p - 1), `t=${t} df=${df}`).toBeLessThan(1e-10);
    }
  });

  it('is 0 only at +∞, 1 at −∞, NaN for NaN or a bad df', () => {
    expect(studentTSurvival(Number.POSITIVE_INFINITY, 5)).toBe(0);
    expect(studentTSurvival(Number.NEGATIVE_INFINITY, 5)).toBe(1);
    expect(studentTSurvival(Number.NaN, 5)).toBeNaN();
    expect(studentTSurvival(1, 0)).toBeNaN();
    expect(studentTSurvival(1e6, 3)).toBeGreaterThan(0);
  });

  it('is a survival function: decreasing in t, symmetric about 0', () => {
    let last = 1;
    for (let t = -20; t <= 20; t += 0.25) {
      const p = studentTSurvival(t, 7);
      expect(p).toBeLessThanOrEqual(last);
      expect(p + studentTSurvival(-t, 7)).toBeCloseTo(1, 12);
      last = p;
    }
  });
});

describe('regularizedIncompleteBeta and logGamma', () => {
  it('match hand values and scipy', () => {
    expect(regularizedIncompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
    expect(regularizedIncompleteBeta(0.25, 1, 3)).toBeCloseTo(1 - 0.75 ** 3, 14);
    expect(regularizedIncompleteBeta(0.3, 2.5, 3.5)).toBeCloseTo(0.29675298929566646, 12);
    expect(regularizedIncompleteBeta(0.001, 0.5, 14.5)).toBeCloseTo(0.13410485145411907, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.3)).toBeCloseTo(1.0957979948180756, 12);
    expect(logGamma(100.5)).toBeCloseTo(361.43554046777757, 9);
  });

  it('refuses arguments outside its domain', () => {
    expect(() => regularizedIncompleteBeta(1.2, 1, 1)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(RangeError);
  });
});
