import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FadedRegressionMetrics,
  RegressionMetrics,
  WindowedRegressionMetrics,
} from '../../src/metrics/index.ts';
import { expectSummaryClose } from './summary-helpers.ts';

const pair = fc.tuple(
  fc.double({ min: -0.2, max: 0.2, noNaN: true }),
  fc.double({ min: -0.2, max: 0.2, noNaN: true }),
);

/** Batch computation with weights alpha^age (alpha 1: plain means). */
function batch(data: readonly [number, number][], alpha = 1) {
  let w = 0,
    a = 0,
    q = 0,
    h = 0;
  data.forEach(([f, y], i) => {
    const k = alpha ** (data.length - 1 - i);
    w += k;
    a += k * Math.abs(f - y);
    q += k * (f - y) ** 2;
    h += f > 0 === y > 0 ? k : 0;
  });
  const nan = Number.NaN;
  return {
    n: data.length,
    mae: w ? a / w : nan,
    rmse: w ? Math.sqrt(q / w) : nan,
    directionalAccuracy: w ? h / w : nan,
  };
}

describe('RegressionMetrics', () => {
  it('doc example', () => {
    const m = new RegressionMetrics();
    m.update(0.01, 0.02);
    m.update(-0.01, 0.01);
    const s = m.summary();
    expect(s.n).toBe(2);
    expect(s.mae).toBeCloseTo(0.015, 15);
    expect(s.rmse).toBeCloseTo(Math.sqrt((1e-4 + 4e-4) / 2), 15);
    expect(s.directionalAccuracy).toBe(0.5);
  });

  it('equals the batch computation (property)', () => {
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 80 }), (data) => {
        const m = new RegressionMetrics();
        for (const [f, y] of data) m.update(f, y);
        expectSummaryClose(m.summary(), batch(data));
      }),
      { numRuns: 100 },
    );
  });
});

describe('WindowedRegressionMetrics', () => {
  it('doc example', () => {
    const m = new WindowedRegressionMetrics(1);
    m.update(0.05, -0.01);
    m.update(0.01, 0.03);
    expect(m.summary().mae).toBeCloseTo(0.02, 15);
  });

  it('equals the batch computation over the last N (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(pair, { maxLength: 80 }),
        (window, data) => {
          const m = new WindowedRegressionMetrics(window);
          data.forEach(([f, y], i) => {
            m.update(f, y);
            expectSummaryClose(m.summary(), {
              ...batch(data.slice(Math.max(0, i + 1 - window), i + 1)),
              n: Math.min(i + 1, window),
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('FadedRegressionMetrics', () => {
  it('doc example', () => {
    const m = new FadedRegressionMetrics(0.5);
    m.update(0.03, 0);
    m.update(0.01, 0);
    expect(m.summary().mae).toBeCloseTo(1 / 60, 15);
  });

  it('equals the batch weighted computation (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.array(pair, { maxLength: 80 }),
        (alpha, data) => {
          const m = new FadedRegressionMetrics(alpha);
          for (const [f, y] of data) m.update(f, y);
          expectSummaryClose(m.summary(), batch(data, alpha));
        },
      ),
      { numRuns: 100 },
    );
  });
});
