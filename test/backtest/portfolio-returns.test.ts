import { describe, expect, it } from 'vitest';
import { computeMetrics, portfolioReturns } from '../../src/backtest/index.ts';
import { InputError } from '../../src/core/index.ts';

describe('portfolioReturns', () => {
  it('doc example: mean over the symbols that have a bar at each timestamp', () => {
    const p = portfolioReturns([
      { ts: [1, 2, 3], returns: [0.01, 0.02, 0.03] },
      { ts: [2, 3], returns: [-0.02, 0.01] },
    ]);
    expect(p.ts).toEqual([1, 2, 3]);
    expect(p.returns[0]).toBeCloseTo(0.01, 15);
    expect(p.returns[1]).toBeCloseTo(0, 15);
    expect(p.returns[2]).toBeCloseTo(0.02, 15);
    expect(p.symbols).toEqual([1, 2, 2]);
    expect(p.turnover).toBeUndefined();
  });

  it('different calendars: a holiday leaves a symbol out of that bar, weights go to the others', () => {
    // A trades on 1, 2, 3, 4; B has a holiday on 3 (its return at 4 covers 2 → 4); C lists at 3.
    const p = portfolioReturns([
      {
        ts: [1, 2, 3, 4],
        returns: [0.03, 0.06, -0.03, 0],
        turnover: [1, 0, 2, 0],
        costs: [0.003, 0, 0.006, 0],
      },
      { ts: [1, 2, 4], returns: [0.01, 0, 0.09], turnover: [1, 1, 0], costs: [0.001, 0.001, 0] },
      { ts: [3, 4], returns: [0.06, 0.03], turnover: [2, 1], costs: [0.002, 0.001] },
    ]);
    expect(p.symbols).toEqual([2, 2, 2, 3]);
    // t=1: (0.03 + 0.01)/2 = 0.02; t=2: (0.06 + 0)/2 = 0.03; t=3: (−0.03 + 0.06)/2 = 0.015;
    // t=4: (0 + 0.09 + 0.03)/3 = 0.04.
    for (const [i, r] of [0.02, 0.03, 0.015, 0.04].entries())
      expect(p.returns[i]).toBeCloseTo(r, 15);
    // turnover t=1: (1 + 1)/2 = 1; t=2: (0 + 1)/2 = 0.5; t=3: (2 + 2)/2 = 2; t=4: (0 + 0 + 1)/3.
    for (const [i, q] of [1, 0.5, 2, 1 / 3].entries()) expect(p.turnover?.[i]).toBeCloseTo(q, 15);
    for (const [i, c] of [0.002, 0.0005, 0.004, 0.001 / 3].entries())
      expect(p.costs?.[i]).toBeCloseTo(c, 15);
    // The result feeds computeMetrics directly.
    expect(computeMetrics(p, 252).turnover).toBeCloseTo(1 + 0.5 + 2 + 1 / 3, 12);
  });

  it('aggregated turnover and costs only when every symbol has them', () => {
    const p = portfolioReturns([
      { ts: [1], returns: [0.01], turnover: [1], costs: [0.001] },
      { ts: [1], returns: [0.03], costs: [0.003] },
    ]);
    expect(p.turnover).toBeUndefined();
    expect(p.costs?.[0]).toBeCloseTo(0.002, 15);
  });

  it('one symbol is itself; no symbols is empty', () => {
    const one = { ts: [5, 6, 7], returns: [0.01, -0.02, 0.005] };
    expect(portfolioReturns([one])).toEqual({
      ts: [5, 6, 7],
      returns: [0.01, -0.02, 0.005],
      symbols: [1, 1, 1],
    });
    expect(portfolioReturns([])).toEqual({ ts: [], returns: [], symbols: [] });
  });

  it('rejects a broken series and names it', () => {
    expect(() =>
      portfolioReturns([
        { ts: [1], returns: [0] },
        { ts: [2, 2], returns: [0, 0] },
      ]),
    ).toThrow(/strictly increasing.*portfolioReturns\[1\]/);
    expect(() => portfolioReturns([{ ts: [1], returns: [Number.NaN] }])).toThrow(InputError);
  });
});
