import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  EMPTY_METRICS,
  fillOfConfig,
  periodExposure,
  portfolioReturns,
  type StrategyMetrics,
  StreamingMetrics,
} from '../../src/backtest/index.ts';
import { toStrategyMetrics } from '../../src/backtest/strategy-metrics.ts';
import { InputError } from '../../src/core/index.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const days = (n: number): number[] => Array.from({ length: n }, (_, i) => T0 + i * DAY);

function expectMetrics(got: StrategyMetrics, want: Partial<StrategyMetrics>): void {
  for (const [key, value] of Object.entries(want)) {
    const actual = got[key as keyof StrategyMetrics];
    if (typeof value === 'number') expect(actual, key).toBeCloseTo(value, 12);
    else expect(actual, key).toBe(value);
  }
}

describe('computeMetrics', () => {
  it('doc example', () => {
    const m = computeMetrics({ ts: [0, 86_400_000, 172_800_000], returns: [0.1, -0.1, 0.05] }, 252);
    expect(m.total_return).toBeCloseTo(0.0395, 15);
    expect(m.max_drawdown).toBeCloseTo(-0.1, 15);
    expect(m.hit_rate).toBeCloseTo(2 / 3, 15);
  });

  // r = [0.10, −0.20, 0.10, 0.08], P = 4 (quarterly, so √P = 2), rf = 0.
  const ts = days(4);
  const returns = [0.1, -0.2, 0.1, 0.08];

  it('every metric against hand-computed values', () => {
    const m = computeMetrics(
      { ts, returns, turnover: [1, 2, 0, 1], costs: [0.001, 0.002, 0, 0.001] },
      4,
    );
    // equity: 1.1, 0.88, 0.968, 1.04544 → total 0.04544; CAGR = 1.04544^(4/4) − 1 = 0.04544.
    // mean = 0.08 / 4 = 0.02; deviations 0.08, −0.22, 0.08, 0.06; squares sum to
    // 0.0064 + 0.0484 + 0.0064 + 0.0036 = 0.0648; sample variance 0.0648 / 3 = 0.0216.
    const sd = Math.sqrt(0.0216); // 0.14696938…
    // Sharpe = 0.02 / 0.146969 × 2 = 0.2721655…
    // downside: only −0.20 is below 0 → √(0.04 / 4) = 0.1; Sortino = 0.02 / 0.1 × 2 = 0.4.
    // peak 1.1 after period 1; 0.88 / 1.1 − 1 = −0.2 (deepest), then −0.12, −0.0496:
    // under water for periods 2, 3, 4, not recovered → duration 3. Calmar = 0.04544 / 0.2.
    // hits: 3 positive of 4 non-zero. turnover 1+2+0+1 = 4; costs 0.004.
    expectMetrics(m, {
      first_ts: '2024-01-01T00:00:00.000Z',
      last_ts: '2024-01-04T00:00:00.000Z',
      periods: 4,
      total_return: 0.04544,
      cagr: 0.04544,
      annual_volatility: sd * 2,
      sharpe: (0.02 / sd) * 2,
      sortino: 0.4,
      calmar: 0.04544 / 0.2,
      max_drawdown: -0.2,
      max_drawdown_duration: 3,
      hit_rate: 0.75,
      turnover: 4,
      costs: 0.004,
    });
    expect(m.sharpe).toBeCloseTo(0.2721655269759087, 12);
  });

  it('risk-free rate: annual, compounded to a per-period rate', () => {
    // rf = 1.01⁴ − 1 = 0.04060401 → rf_p = 0.01 per quarter. Excess mean = 0.02 − 0.01 = 0.01.
    // Sharpe = 0.01 / √0.0216 × 2 = 0.1360827…
    // excess returns 0.09, −0.21, 0.09, 0.07 → downside √(0.0441 / 4) = 0.105;
    // Sortino = 0.01 / 0.105 × 2 = 0.1904761…; volatility, CAGR and drawdown do not change.
    const m = computeMetrics({ ts, returns }, 4, 1.01 ** 4 - 1);
    expectMetrics(m, {
      sharpe: (0.01 / Math.sqrt(0.0216)) * 2,
      sortino: (0.01 / 0.105) * 2,
      annual_volatility: Math.sqrt(0.0216) * 2,
      cagr: 0.04544,
      turnover: null,
      costs: null,
    });
  });

  it('CAGR uses the number of periods: 4 periods at P = 252', () => {
    // 1.04544^(252 / 4) − 1 = 1.04544^63 − 1
    expect(computeMetrics({ ts, returns }, 252).cagr).toBeCloseTo(1.04544 ** 63 - 1, 10);
  });

  it('durations count periods under water; reaching the old peak again ends a drawdown', () => {
    // equity 0.5, 1.0 (= the peak 1: recovered), 0.5, 0.75, 1.125 (recovered)
    // runs under water: [period 1] and [periods 3, 4] → 2; max drawdown −0.5.
    const m = computeMetrics({ ts: days(5), returns: [-0.5, 1, -0.5, 0.5, 0.5] }, 252);
    expectMetrics(m, { max_drawdown: -0.5, max_drawdown_duration: 2, total_return: 0.125 });
  });

  it('edge: one period — ratios that need two periods are null', () => {
    // CAGR = 1.02^(252 / 1) − 1; no sample sd with n = 1.
    const m = computeMetrics({ ts: [T0], returns: [0.02] }, 252);
    expectMetrics(m, {
      periods: 1,
      first_ts: '2024-01-01T00:00:00.000Z',
      last_ts: '2024-01-01T00:00:00.000Z',
      total_return: 0.02,
      annual_volatility: null,
      sharpe: null,
      sortino: null,
      max_drawdown: 0,
      max_drawdown_duration: 0,
      calmar: null,
      hit_rate: 1,
    });
    expect(m.cagr).toBeCloseTo(1.02 ** 252 - 1, 6);
  });

  it('edge: all zeros — zero volatility, no downside, no hits, no drawdown', () => {
    expectMetrics(computeMetrics({ ts: days(3), returns: [0, 0, 0] }, 252), {
      total_return: 0,
      cagr: 0,
      annual_volatility: 0,
      sharpe: null,
      sortino: null,
      max_drawdown: 0,
      max_drawdown_duration: 0,
      calmar: null,
      hit_rate: null,
    });
  });

  it('edge: a constant non-zero return has zero volatility, not rounding noise', () => {
    const m = computeMetrics({ ts: days(7), returns: Array(7).fill(0.001) }, 252);
    expectMetrics(m, { annual_volatility: 0, sharpe: null, sortino: null, hit_rate: 1 });
  });

  it('edge: monotonic up — no drawdown, so Calmar and Sortino are null', () => {
    // mean 0.02, sample sd of [0.01, 0.02, 0.03] = 0.01 → Sharpe = 2 × √4 = 4 at P = 4.
    expectMetrics(computeMetrics({ ts: days(3), returns: [0.01, 0.02, 0.03] }, 4), {
      max_drawdown: 0,
      max_drawdown_duration: 0,
      calmar: null,
      sortino: null,
      sharpe: 4,
      hit_rate: 1,
    });
  });

  it('edge: a drawdown not recovered by the end counts to the last period', () => {
    // equity 1.2 (peak), 0.96, 0.864, 0.9504 → max drawdown 0.864 / 1.2 − 1 = −0.28, 3 periods.
    expectMetrics(computeMetrics({ ts: days(4), returns: [0.2, -0.2, -0.1, 0.1] }, 4), {
      max_drawdown: -0.28,
      max_drawdown_duration: 3,
      total_return: -0.0496,
      calmar: -0.0496 / 0.28,
    });
  });

  it('edge: a total loss — CAGR −1, drawdown −1', () => {
    expectMetrics(computeMetrics({ ts: days(2), returns: [-1, 0.5] }, 252), {
      total_return: -1,
      cagr: -1,
      max_drawdown: -1,
      calmar: -1,
    });
  });

  it('edge: no periods gives every metric null; the result survives JSON', () => {
    expect(computeMetrics({ ts: [], returns: [] }, 252)).toEqual(EMPTY_METRICS);
    const m = computeMetrics({ ts: days(3), returns: [0, 0, 0] }, 252);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(Object.keys(m).sort()).toEqual(Object.keys(EMPTY_METRICS).sort());
  });

  it('rejects bad input with messages naming the field', () => {
    expect(() => computeMetrics({ ts: days(2), returns: [0.1] }, 252)).toThrow(
      /`ts` to have the length/,
    );
    expect(() => computeMetrics({ ts: days(2), returns: [0.1, Number.NaN] }, 252)).toThrow(
      /returns\[1\]/,
    );
    expect(() => computeMetrics({ ts: [2, 1], returns: [0, 0] }, 252)).toThrow(
      /strictly increasing/,
    );
    expect(() => computeMetrics({ ts: days(1), returns: [0], costs: [] }, 252)).toThrow(InputError);
    expect(() => computeMetrics({ ts: days(1), returns: [0] }, 0)).toThrow(/periodsPerYear/);
    expect(() => computeMetrics({ ts: days(1), returns: [0] }, 252, -1)).toThrow(/riskFreeRate/);
  });
});

describe('toStrategyMetrics', () => {
  it('doc example', () => {
    const s = {
      n: 2,
      firstTs: 0,
      lastTs: 1,
      mean: 0.01,
      variance: 0.0002,
      downsideSquares: 0,
      equity: 1.02,
      maxDrawdown: 0,
      maxDrawdownDuration: 0,
      positives: 1,
      counted: 1,
      turnover: null,
      costs: null,
    };
    expect(toStrategyMetrics(s, 252, 0).sharpe).toBeCloseTo(
      (0.01 / Math.sqrt(0.0002)) * Math.sqrt(252),
      12,
    );
    expect(toStrategyMetrics(s, 252, 0).sharpe).toBeCloseTo(11.225, 3);
  });
});

describe('hit rate over periods with a position', () => {
  it('a flat period that only pays a cost is neither a hit nor a miss', () => {
    // Periods: long +1 %, flat paying a 0.1 % exit cost, long −2 %, long +3 %.
    const series = {
      ts: [1, 2, 3, 4],
      returns: [0.01, -0.001, -0.02, 0.03],
      exposure: [1, 0, 1, 1],
    };
    expect(computeMetrics(series, 252).hit_rate).toBeCloseTo(2 / 3, 15);
    // Without positions every non-zero return counts: 2 of 4.
    expect(computeMetrics({ ts: series.ts, returns: series.returns }, 252).hit_rate).toBe(0.5);
    const m = new StreamingMetrics(252);
    for (const [i, t] of series.ts.entries())
      m.update(t, series.returns[i]!, undefined, undefined, series.exposure[i]);
    expect(m.value().hit_rate).toBeCloseTo(2 / 3, 15);
  });

  it('periodExposure: next_close counts the held position, next_open also the one closed at the open', () => {
    expect([...periodExposure([0, 1, 0, 0, -1], 'next_close')]).toEqual([0, 1, 0, 0, 1]);
    expect([...periodExposure([0, 1, 0, 0, -1], 'next_open')]).toEqual([0, 1, 1, 0, 1]);
    expect(fillOfConfig('{"backtest":{"fill":"next_open"}}')).toBe('next_open');
    expect(fillOfConfig('{"backtest":{}}')).toBe('next_close');
    expect(fillOfConfig('not json')).toBe('next_close');
  });

  it('the portfolio counts a bar when any symbol held a position', () => {
    const p = portfolioReturns([
      { ts: [1, 2], returns: [0.01, -0.001], exposure: [1, 0] },
      { ts: [1, 2], returns: [0, -0.001], exposure: [0, 0] },
    ]);
    expect(p.exposure).toEqual([0.5, 0]);
    expect(computeMetrics(p, 252).hit_rate).toBe(1);
  });
});
