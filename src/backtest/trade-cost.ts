import { assert, describeValue, InputError } from '../core/index.ts';

/** What trading costs: commission plus slippage, both proportional to traded notional. */
export interface CostConfig {
  /** Commission in basis points of traded notional (turnover). */
  readonly costBps: number;
  /** Fixed slippage in basis points of traded notional, charged on every fill. */
  readonly slippageBps: number;
  /**
   * Volatility-proportional slippage: each unit traded also pays `slippageVolMultiplier ×
   * volatility`, where `volatility` is the per-bar return volatility (a fraction, 0.01 = 1%)
   * the caller passes for the bar of the fill. Omitted or 0: fixed slippage only.
   */
  readonly slippageVolMultiplier?: number;
}

/** Costs of one fill as fractions of the equity at the moment of the fill. */
export interface TradeCost {
  readonly commission: number;
  readonly slippage: number;
}

function checkNonNegative(field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(
      `Expected \`backtest.${field}\` to be a finite number >= 0, got ${describeValue(value)}`,
    );
  }
}

/**
 * Checks a cost configuration.
 *
 * @throws {InputError} when a field is negative, NaN, infinite or not a number.
 * @example
 * validateCostConfig({ costBps: 1, slippageBps: 2 }); // ok
 */
export function validateCostConfig(config: CostConfig): void {
  checkNonNegative('costBps', config.costBps);
  checkNonNegative('slippageBps', config.slippageBps);
  if (config.slippageVolMultiplier !== undefined) {
    checkNonNegative('slippageVolMultiplier', config.slippageVolMultiplier);
  }
}

/**
 * The cost of trading `turnover` (|Δposition|, in units of equity) at one fill.
 *
 * commission = turnover × costBps / 10⁴;
 * slippage   = turnover × (slippageBps / 10⁴ + slippageVolMultiplier × volatility).
 *
 * `volatility` is the caller's per-bar volatility estimate for the fill bar; to keep the
 * backtest free of look-ahead it should be computed from returns known before the fill (for
 * example a trailing standard deviation up to the previous bar). `undefined` or NaN (an
 * estimator still warming up) means "unknown" and adds no volatility component.
 *
 * @throws {InvariantError} when `volatility` is negative or infinite.
 * @example
 * tradeCost(2, { costBps: 1, slippageBps: 2, slippageVolMultiplier: 0.1 }, 0.01);
 * // { commission: 0.0002, slippage: 2 × (0.0002 + 0.001) = 0.0024 }
 */
export function tradeCost(turnover: number, config: CostConfig, volatility?: number): TradeCost {
  if (turnover === 0) return { commission: 0, slippage: 0 };
  let volRate = 0;
  const k = config.slippageVolMultiplier ?? 0;
  if (k > 0 && volatility !== undefined && !Number.isNaN(volatility)) {
    assert(
      Number.isFinite(volatility) && volatility >= 0,
      () => `volatility for slippage must be a finite number >= 0: got ${volatility}`,
    );
    volRate = k * volatility;
  }
  return {
    commission: (turnover * config.costBps) / 10_000,
    slippage: turnover * (config.slippageBps / 10_000 + volRate),
  };
}
