import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logLoss } from '../../src/core/index.ts';
import { ClassificationMetrics, FadedClassificationMetrics } from '../../src/metrics/index.ts';
import { expectSummaryClose } from './summary-helpers.ts';

const pair = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1 }));

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
