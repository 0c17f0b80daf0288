import { describe, expect, it } from 'vitest';
import { ClassificationMetrics, FadedMetric, RegressionMetrics } from '../../src/metrics/index.ts';
import { expectSummaryClose } from './summary-helpers.ts';

describe('FadedMetric', () => {
  it('doc example', () => {
    const m = new FadedMetric(new ClassificationMetrics(), 0.5);
    m.update(0.9, 0);
    m.update(0.8, 1);
    expect(m.summary().accuracy).toBeCloseTo(2 / 3, 15);
    expect(m.n).toBe(2);
  });

  it('with alpha 1 equals the all-time metric (regression)', () => {
    const a = new FadedMetric(new RegressionMetrics(), 1);
    const b = new RegressionMetrics();
    for (const [f, y] of [
      [0.01, 0.02],
      [-0.01, 0.01],
      [0.03, -0.02],
    ] as const) {
      a.update(f, y);
      b.update(f, y);
    }
    expectSummaryClose(a.summary(), b.summary(), 15);
  });

  it('rejects alpha outside (0, 1] and resets', () => {
    expect(() => new FadedMetric(new RegressionMetrics(), Number.NaN)).toThrow(
      'Expected `metrics.alpha` to be in (0, 1], got `null` (number)',
    );
    const m = new FadedMetric(new RegressionMetrics(), 0.9);
    m.update(0.1, 0);
    m.reset();
    expect(m.n).toBe(0);
  });
});
