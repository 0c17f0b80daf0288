import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  StreamingMetrics,
  type StrategyMetrics,
} from '../../src/backtest/index.ts';
import { fcParams } from './fc-params.ts';

/** Relative closeness to 1e-9; exact for strings, nulls and zeros. */
function expectClose(got: StrategyMetrics, want: StrategyMetrics): void {
  for (const [key, w] of Object.entries(want)) {
    const g = got[key as keyof StrategyMetrics];
    if (typeof w === 'number' && typeof g === 'number') {
      expect(Math.abs(g - w), `${key}: ${g} vs ${w}`).toBeLessThanOrEqual(
        1e-9 * Math.max(Math.abs(g), Math.abs(w)),
      );
    } else {
      expect(g, key).toBe(w);
    }
  }
}

// Returns on a 1e-6 grid (a hundredth of a basis point), with runs of zeros and repeats:
// realistic and free of subnormal noise.
const returnArb = fc.oneof(
  fc.integer({ min: -300_000, max: 300_000 }).map((k) => k / 1e6),
  fc.constant(0),
  fc.constant(0.001),
);

describe('StreamingMetrics property', () => {
  it('equals computeMetrics on random series (1e-9 relative)', () => {
    const arb = fc.record({
      rows: fc.array(fc.tuple(returnArb, fc.integer({ min: 0, max: 20 }), fc.nat({ max: 2_000 })), {
        maxLength: 200,
      }),
      periodsPerYear: fc.constantFrom(12, 52, 252, 365, 1638, 8760),
      riskFreeRate: fc.constantFrom(0, 0.02, 0.05),
      withTurnover: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ rows, periodsPerYear, riskFreeRate, withTurnover }) => {
        const ts = rows.map((_, i) => 1_700_000_000_000 + i * 3_600_000);
        const returns = rows.map(([r]) => r);
        const turnover = rows.map(([, q]) => q / 10);
        const costs = rows.map(([, , c]) => c / 1e6);
        const stream = new StreamingMetrics(periodsPerYear, riskFreeRate);
        rows.forEach((_, i) => {
          const t = ts[i] as number;
          const r = returns[i] as number;
          if (withTurnover) stream.update(t, r, turnover[i], costs[i]);
          else stream.update(t, r);
        });
        const batch = computeMetrics(
          withTurnover ? { ts, returns, turnover, costs } : { ts, returns },
          periodsPerYear,
          riskFreeRate,
        );
        expectClose(stream.value(), batch);
      }),
      fcParams(300),
    );
  });
});
