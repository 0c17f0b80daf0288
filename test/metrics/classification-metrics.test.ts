import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, logLoss } from '../../src/core/index.ts';
import {
  ClassificationMetrics,
  FadedClassificationMetrics,
  WindowedClassificationMetrics,
} from '../../src/metrics/index.ts';
import { describeRollableMetricContract } from './rollable-metric-contract.ts';
import { expectSummaryClose } from './summary-helpers.ts';

const pair = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1 }));

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

describe('WindowedClassificationMetrics', () => {
  it('doc example', () => {
    const m = new WindowedClassificationMetrics(2);
    m.update(0.9, 0);
    m.update(0.8, 1);
    m.update(0.2, 0);
    expect(m.summary().accuracy).toBe(1);
    expect(m.n).toBe(2);
  });

  it('equals the batch computation over the last N labels (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(pair, { maxLength: 120 }),
        (window, data) => {
          const m = new WindowedClassificationMetrics(window);
          data.forEach(([s, y], i) => {
            m.update(s, y);
            const batch = new ClassificationMetrics();
            for (const [bs, by] of data.slice(Math.max(0, i + 1 - window), i + 1))
              batch.update(bs, by);
            expectSummaryClose(m.summary(), batch.summary());
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stays exact over a long stream (periodic resync)', () => {
    const m = new WindowedClassificationMetrics(7);
    const data: [number, number][] = Array.from({ length: 50_000 }, (_, i) => [
      ((i * 0.6180339887) % 1) * 0.98 + 0.01,
      i % 3 === 0 ? 1 : 0,
    ]);
    for (const [s, y] of data) m.update(s, y);
    const batch = new ClassificationMetrics();
    for (const [s, y] of data.slice(-7)) batch.update(s, y);
    expectSummaryClose(m.summary(), batch.summary(), 12);
  });

  it('rejects a bad window and resets', () => {
    expect(() => new WindowedClassificationMetrics(0)).toThrow(InputError);
    expect(() => new WindowedClassificationMetrics(1.5)).toThrow(
      'Expected `metrics.window` to be an integer >= 1, got `1.5` (number)',
    );
    const m = new WindowedClassificationMetrics(3);
    m.update(0.7, 1);
    m.reset();
    expect(m.summary().accuracy).toBeNaN();
  });
});

/** Batch computation: the label k steps before the last weighs alpha^k. */
function batchFaded(data: readonly [number, number][], alpha: number) {
  let w = 0,
    tp = 0,
    fp = 0,
    tn = 0,
    fn = 0,
    loss = 0,
    brier = 0;
  data.forEach(([s, y], i) => {
    const k = alpha ** (data.length - 1 - i);
    w += k;
    if (s > 0.5 && y === 1) tp += k;
    else if (s > 0.5) fp += k;
    else if (y === 1) fn += k;
    else tn += k;
    loss += k * logLoss(s, y);
    brier += k * (s - y) ** 2;
  });
  const precision = tp + fp > 0 ? tp / (tp + fp) : Number.NaN;
  const recall = tp + fn > 0 ? tp / (tp + fn) : Number.NaN;
  const f1 =
    tp > 0 ? (2 * precision * recall) / (precision + recall) : tp + fp + fn > 0 ? 0 : Number.NaN;
  return {
    n: data.length,
    accuracy: w > 0 ? (tp + tn) / w : Number.NaN,
    precision,
    recall,
    f1,
    logLoss: w > 0 ? loss / w : Number.NaN,
    brier: w > 0 ? brier / w : Number.NaN,
  };
}

describe('FadedClassificationMetrics', () => {
  it('doc example', () => {
    const m = new FadedClassificationMetrics(0.5);
    m.update(0.9, 0);
    m.update(0.8, 1);
    expect(m.summary().accuracy).toBeCloseTo(2 / 3, 15);
  });

  it('equals the batch weighted computation (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.array(pair, { maxLength: 80 }),
        (alpha, data) => {
          const m = new FadedClassificationMetrics(alpha);
          for (const [s, y] of data) m.update(s, y);
          expectSummaryClose(m.summary(), batchFaded(data, alpha));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('with alpha 1 equals the all-time metrics', () => {
    const a = new FadedClassificationMetrics(1);
    const b = new ClassificationMetrics();
    for (const [s, y] of [
      [0.9, 1],
      [0.7, 1],
      [0.2, 1],
      [0.6, 0],
      [0.1, 0],
    ] as const) {
      a.update(s, y);
      b.update(s, y);
    }
    expectSummaryClose(a.summary(), b.summary(), 14);
  });

  it('rejects alpha outside (0, 1]', () => {
    expect(() => new FadedClassificationMetrics(0)).toThrow(
      'Expected `metrics.alpha` to be in (0, 1], got `0` (number)',
    );
    expect(() => new FadedClassificationMetrics(1.1)).toThrow('(0, 1]');
  });
});

describeRollableMetricContract('ClassificationMetrics', () => new ClassificationMetrics(), pair);
