import { checkReturnSeries, type ReturnSeries } from './return-series.ts';

/** An equal-weight portfolio's return series, with how many symbols each bar averaged. */
export interface PortfolioSeries {
  /** Union of the symbols' timestamps, increasing. */
  readonly ts: number[];
  readonly returns: number[];
  /** Number of symbols with a bar at `ts[i]` (the weight of each is 1 / symbols[i]). */
  readonly symbols: number[];
  /** Weighted turnover; present only when every symbol series has `turnover`. */
  readonly turnover?: number[];
  /** Weighted costs; present only when every symbol series has `costs`. */
  readonly costs?: number[];
  /** Weighted gross exposure; present only when every symbol series has `exposure`. */
  readonly exposure?: number[];
}

/**
 * Combines per-symbol return series into one equal-weight portfolio, rebalanced every bar:
 * at each timestamp of the union of all calendars, the portfolio return is the mean of the
 * returns of the symbols that have a bar at that timestamp, and turnover and costs are
 * averaged with the same weights 1/k.
 *
 * Different calendars: a symbol without a bar at a timestamp (a holiday on its exchange, a
 * later listing, an earlier end) is left out of that bar's mean, and the weights are spread
 * over the others. Because each symbol's return at its next bar covers the whole gap, its
 * return over a holiday is counted once, at the bar where it happens, not lost. The rebalancing
 * between symbols is free: the aggregated turnover is the weighted turnover of the symbols'
 * own positions only. O(N + U log U) for N bars in all and U distinct timestamps.
 *
 * @throws {InputError} when a series has arrays of different lengths, non-finite values, or
 *   timestamps that are not strictly increasing (the message names `portfolioReturns[i]`).
 * @example
 * const p = portfolioReturns([
 *   { ts: [1, 2, 3], returns: [0.01, 0.02, 0.03] },
 *   { ts: [2, 3], returns: [-0.02, 0.01] },
 * ]);
 * p.returns; // [0.01, 0, 0.02]
 * p.symbols; // [1, 2, 2]
 */
export function portfolioReturns(perSymbol: readonly ReturnSeries[]): PortfolioSeries {
  perSymbol.forEach((series, i) => {
    checkReturnSeries(series, `portfolioReturns[${i}]`);
  });
  const ts = unionOfTimestamps(perSymbol);
  const u = ts.length;
  const index = new Map<number, number>();
  for (const [i, t] of ts.entries()) index.set(t, i);
  const returns = new Array<number>(u).fill(0);
  const symbols = new Array<number>(u).fill(0);
  const withTurnover = perSymbol.length > 0 && perSymbol.every((s) => s.turnover !== undefined);
  const withCosts = perSymbol.length > 0 && perSymbol.every((s) => s.costs !== undefined);
  const withExposure = perSymbol.length > 0 && perSymbol.every((s) => s.exposure !== undefined);
  const exposure = new Array<number>(u).fill(0);
  const turnover = new Array<number>(u).fill(0);
  const costs = new Array<number>(u).fill(0);
  for (const series of perSymbol) {
    for (let j = 0; j < series.returns.length; j++) {
      const i = index.get(series.ts[j] as number) as number;
      returns[i] = (returns[i] as number) + (series.returns[j] as number);
      symbols[i] = (symbols[i] as number) + 1;
      if (withTurnover) turnover[i] = (turnover[i] as number) + (series.turnover?.[j] as number);
      if (withCosts) costs[i] = (costs[i] as number) + (series.costs?.[j] as number);
      if (withExposure)
        exposure[i] = (exposure[i] as number) + Math.abs(series.exposure?.[j] as number);
    }
  }
  for (let i = 0; i < u; i++) {
    const k = symbols[i] as number;
    returns[i] = (returns[i] as number) / k;
    turnover[i] = (turnover[i] as number) / k;
    costs[i] = (costs[i] as number) / k;
    exposure[i] = (exposure[i] as number) / k;
  }
  return {
    ts,
    returns,
    symbols,
    ...(withTurnover ? { turnover } : {}),
    ...(withCosts ? { costs } : {}),
    ...(withExposure ? { exposure } : {}),
  };
}

function unionOfTimestamps(perSymbol: readonly ReturnSeries[]): number[] {
  const all = new Set<number>();
  for (const series of perSymbol) {
    for (let j = 0; j < series.ts.length; j++) all.add(series.ts[j] as number);
  }
  return [...all].sort((a, b) => a - b);
}
