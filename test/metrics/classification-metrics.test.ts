import { describe, expect, it } from 'vitest';
import { ClassificationMetrics } from '../../src/metrics/index.ts';

describe('ClassificationMetrics', () => {
  it('doc example', () => {
    const m = new ClassificationMetrics();
    m.update(0.8, 1);
    m.update(0.6, 0);
    m.update(0.3, 0);
    expect(m.summary().accuracy).toBeCloseTo(2 / 3, 15);
    expect(m.summary().precision).toBeCloseTo(1 / 2, 15);
  });

  it('matches a hand-computed confusion matrix, F1 and log loss', () => {
    const m = new ClassificationMetrics();
    const data: [number, number][] = [
      [0.9, 1],
      [0.7, 1],
      [0.2, 1],
      [0.6, 0],
      [0.1, 0],
    ];
    for (const [s, y] of data) m.update(s, y);
    const s = m.summary();
    // tp=2 fp=1 fn=1 tn=1
    expect(s.accuracy).toBeCloseTo(3 / 5, 15);
    expect(s.precision).toBeCloseTo(2 / 3, 15);
    expect(s.recall).toBeCloseTo(2 / 3, 15);
    expect(s.f1).toBeCloseTo(2 / 3, 15);
    const ll = -(Math.log(0.9) + Math.log(0.7) + Math.log(0.2) + Math.log(0.4) + Math.log(0.9)) / 5;
    expect(s.logLoss).toBeCloseTo(ll, 14);
    expect(s.brier).toBeCloseTo((0.01 + 0.09 + 0.64 + 0.36 + 0.01) / 5, 14);
  });

  it('is NaN where undefined', () => {
    const s = new ClassificationMetrics().summary();
    expect(s.n).toBe(0);
    expect(s.accuracy).toBeNaN();
  });
});
