import { describe, expect, it } from 'vitest';
import { initialGaussianStates, logNormal } from '../../src/regime/index.ts';

describe('initialGaussianStates', () => {
  it('doc example', () => {
    const s = initialGaussianStates([-1, -1.1, -0.9, 1, 1.1, 0.9], 2, 20, 1e-6);
    expect(s.means[0]).toBeCloseTo(-1, 6);
    expect(s.means[1]).toBeCloseTo(1, 6);
  });

  it('logNormal is the Gaussian log density', () => {
    expect(logNormal(0, 0, 1)).toBeCloseTo(-0.5 * Math.log(2 * Math.PI), 15);
    expect(logNormal(3, 1, 4)).toBeCloseTo(-0.5 * Math.log(8 * Math.PI) - 0.5, 15);
  });

  it('finds a volatility split with equal means (sorted by variance)', () => {
    const xs = [0.1, -0.1, 0.05, -0.05, 0.1, -0.1, 0.05, -0.05, 3, -3, 2.5, -2.5];
    const s = initialGaussianStates(xs, 2, 50, 1e-6);
    expect(s.variances[1]! / s.variances[0]!).toBeGreaterThan(50);
    expect(Math.abs(s.means[0]!)).toBeLessThan(0.05);
  });
});
