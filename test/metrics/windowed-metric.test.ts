import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import {
  ClassificationMetrics,
  RegressionMetrics,
  WindowedMetric,
} from '../../src/metrics/index.ts';
import { expectSummaryClose } from './summary-helpers.ts';

describe('WindowedMetric', () => {
  it('doc example', () => {
    const m = new WindowedMetric(new ClassificationMetrics(), 2);
    m.update(0.9, 0);
    m.update(0.8, 1);
    m.update(0.2, 0);
    expect(m.summary().accuracy).toBe(1);
    expect(m.n).toBe(2);
  });

  it('wraps any rollable metric: regression over the last 2 forecasts', () => {
    const m = new WindowedMetric(new RegressionMetrics(), 2);
    const batch = new RegressionMetrics();
    for (const [f, y] of [
      [0.05, -0.01],
      [0.01, 0.03],
      [-0.02, -0.01],
    ] as const)
      m.update(f, y);
    batch.update(0.01, 0.03);
    batch.update(-0.02, -0.01);
    expectSummaryClose(m.summary(), batch.summary(), 15);
  });

  it('rejects a bad window and resets', () => {
    expect(() => new WindowedMetric(new RegressionMetrics(), 0)).toThrow(
      'Expected `metrics.window` to be an integer >= 1, got `0` (number)',
    );
    expect(() => new WindowedMetric(new RegressionMetrics(), 2.5)).toThrow(InputError);
    const m = new WindowedMetric(new RegressionMetrics(), 3);
    m.update(0.1, 0.2);
    m.reset();
    expect(m.n).toBe(0);
    expect(m.summary().mae).toBeNaN();
    m.update(0.1, 0.3);
    expect(m.summary().mae).toBeCloseTo(0.2, 15);
  });
});
