import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FadedRegressionMetrics,
  RegressionMetrics,
  WindowedRegressionMetrics,
} from '../../src/metrics/index.ts';
import { describeRollableMetricContract } from './rollable-metric-contract.ts';
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

  /** After every update, the windowed summary equals the batch one over the last `window`. */
  function expectWindowedEqualsBatch(window: number, data: readonly [number, number][]): void {
    const m = new WindowedRegressionMetrics(window);
    data.forEach(([f, y], i) => {
      m.update(f, y);
      expectSummaryClose(m.summary(), {
        ...batch(data.slice(Math.max(0, i + 1 - window), i + 1)),
        n: Math.min(i + 1, window),
      });
    });
  }

  it('equals the batch computation over the last N (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(pair, { maxLength: 80 }),
        expectWindowedEqualsBatch,
      ),
      { numRuns: 300 },
    );
  });

  // Counterexamples of the property, kept as cases. A tiny squared error (5e-19 to 1e-18) added
  // next to a large one was lost by the periodic exact re-sum (a plain sum that dropped the
  // Neumaier compensation), so once the large error left the window the sum was 0 or a 1e-18
  // residue and RMSE, a square root, missed the batch value by 5e-10 to 1.1e-9.
  const counterexamples: { seed: number; window: number; data: [number, number][] }[] = [
    // the reported failure: windowed RMSE 0, batch 5e-10
    {
      seed: 1200104465,
      window: 2,
      data: [
        [0, 0.08838834764831845],
        [-7.071067811865476e-10, 0],
        [0, 0],
      ],
    },
    // found by the 20× reruns: windowed RMSE 1.07e-9, batch 0
    {
      seed: 2088729579,
      window: 3,
      data: [
        [0, -0.020770568092692704],
        [0, -0.17556153809767336],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    },
    // found by the 20× reruns: windowed RMSE 7.6e-10, batch 0
    {
      seed: 1488455360,
      window: 3,
      data: [
        [0, -0.1249999822071072],
        [0.00021580739981963786, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    },
    // found by the 20× reruns: windowed RMSE 1.06e-9, batch 0
    {
      seed: -746779696,
      window: 3,
      data: [
        [0, -0.020770568339310517],
        [0, -0.17565924187736973],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    },
    // found by the 20× reruns: windowed RMSE 7.6e-10, batch 0
    {
      seed: -1152743156,
      window: 3,
      data: [
        [-0.12499999999994019, 0],
        [1.2229084629029295e-7, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    },
  ];
  it.each(counterexamples)(
    'keeps small errors when a large one leaves (fast-check seed $seed)',
    (c) => expectWindowedEqualsBatch(c.window, c.data),
  );
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

describeRollableMetricContract('RegressionMetrics', () => new RegressionMetrics(), pair);
