import { describe, expect, it } from 'vitest';
import { computeMetrics, EMPTY_METRICS, StreamingMetrics } from '../../src/backtest/index.ts';
import { InputError } from '../../src/core/index.ts';

const DAY = 86_400_000;

describe('StreamingMetrics', () => {
  it('doc example', () => {
    const m = new StreamingMetrics(252);
    m.update(0, 0.1);
    m.update(86_400_000, -0.1);
    m.update(172_800_000, 0.05);
    expect(m.value().total_return).toBeCloseTo(0.0395, 15);
  });

  it('equals computeMetrics on the hand-computed series, after every period', () => {
    // Same series as compute-metrics.test.ts: r = [0.10, −0.20, 0.10, 0.08], P = 4, rf 4.06%.
    const returns = [0.1, -0.2, 0.1, 0.08];
    const turnover = [1, 2, 0, 1];
    const costs = [0.001, 0.002, 0, 0.001];
    const ts = returns.map((_, i) => i * DAY);
    const rf = 1.01 ** 4 - 1;
    const s = new StreamingMetrics(4, rf);
    expect(s.value()).toEqual(EMPTY_METRICS);
    returns.forEach((r, i) => {
      s.update(ts[i] as number, r, turnover[i], costs[i]);
      const k = i + 1;
      const batch = computeMetrics(
        {
          ts: ts.slice(0, k),
          returns: returns.slice(0, k),
          turnover: turnover.slice(0, k),
          costs: costs.slice(0, k),
        },
        4,
        rf,
      );
      const got = s.value();
      for (const [key, want] of Object.entries(batch)) {
        const value = got[key as keyof typeof got];
        if (typeof want === 'number') expect(value, `${key} after ${k}`).toBeCloseTo(want, 12);
        else expect(value, `${key} after ${k}`).toBe(want);
      }
    });
    expect(s.periods).toBe(4);
    expect(s.value().sortino).toBeCloseTo((0.01 / 0.105) * 2, 12);
  });

  it('turnover and costs stay null until given', () => {
    const s = new StreamingMetrics(252);
    s.update(0, 0.01);
    expect(s.value().turnover).toBeNull();
    s.update(1, 0.01, 0.5);
    s.update(2, 0.01);
    expect(s.value().turnover).toBe(0.5);
    expect(s.value().costs).toBeNull();
  });

  it('a constant stream has zero volatility and no Sharpe', () => {
    const s = new StreamingMetrics(252);
    for (let i = 0; i < 10; i++) s.update(i, 0.001);
    expect(s.value().annual_volatility).toBe(0);
    expect(s.value().sharpe).toBeNull();
  });

  it('rejects non-finite values and time that does not move forward', () => {
    const s = new StreamingMetrics(252);
    s.update(10, 0);
    expect(() => s.update(10, 0)).toThrow(/tsMs/);
    expect(() => s.update(11, Number.NaN)).toThrow(InputError);
    expect(() => s.update(12, 0, Number.POSITIVE_INFINITY)).toThrow(/turnover/);
    expect(() => new StreamingMetrics(-1)).toThrow(/periodsPerYear/);
  });
});
