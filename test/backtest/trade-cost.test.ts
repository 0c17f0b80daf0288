import { describe, expect, it } from 'vitest';
import { riskFreePerPeriod, tradeCost, validateCostConfig } from '../../src/backtest/index.ts';
import { InputError, InvariantError } from '../../src/core/index.ts';

describe('tradeCost', () => {
  it('doc example: commission plus fixed and volatility-proportional slippage', () => {
    const c = tradeCost(2, { costBps: 1, slippageBps: 2, slippageVolMultiplier: 0.1 }, 0.01);
    expect(c.commission).toBeCloseTo(0.0002, 15); // 2 × 1 bp
    expect(c.slippage).toBeCloseTo(0.0024, 15); // 2 × (2 bp + 0.1 × 1%)
  });

  it('no trade costs nothing; unknown volatility adds nothing', () => {
    expect(tradeCost(0, { costBps: 5, slippageBps: 5 })).toEqual({ commission: 0, slippage: 0 });
    const c = tradeCost(1, { costBps: 0, slippageBps: 3, slippageVolMultiplier: 1 }, Number.NaN);
    expect(c.slippage).toBeCloseTo(0.0003, 15);
  });

  it('rejects a negative volatility and bad settings', () => {
    expect(() =>
      tradeCost(1, { costBps: 0, slippageBps: 0, slippageVolMultiplier: 1 }, -0.01),
    ).toThrow(InvariantError);
    expect(() => validateCostConfig({ costBps: 1, slippageBps: 2 })).not.toThrow();
    expect(() => validateCostConfig({ costBps: Number.POSITIVE_INFINITY, slippageBps: 0 })).toThrow(
      InputError,
    );
  });
});

describe('riskFreePerPeriod', () => {
  it('doc example: compounds the annual rate down to one period', () => {
    expect(riskFreePerPeriod(0.05, 12)).toBeCloseTo(1.05 ** (1 / 12) - 1, 15);
    expect(riskFreePerPeriod(0.05, 12)).toBeCloseTo(0.0040741, 7);
    expect(riskFreePerPeriod(0, 252)).toBe(0);
  });
});
