import { describeValue, InputError } from '../core/index.ts';

/**
 * A tearsheet of one return series. Field names are snake_case because the object goes to
 * JSON and DuckDB as is. Every value that is undefined for the series (too few periods, zero
 * volatility, no drawdown, no data) or not finite is `null`, never NaN or Infinity, so
 * `JSON.stringify` keeps it. The formulas are in docs/backtest.md and on each field.
 */
export interface StrategyMetrics {
  /** ISO-8601 UTC time of the end of the first period; null with no periods. */
  readonly first_ts: string | null;
  /** ISO-8601 UTC time of the end of the last period; null with no periods. */
  readonly last_ts: string | null;
  /** Number of periods n. */
  readonly periods: number;
  /** Π(1 + rᵢ) − 1. */
  readonly total_return: number | null;
  /** equity_end^(P / n) − 1 (−1 when equity_end <= 0). */
  readonly cagr: number | null;
  /** Sample standard deviation (n − 1) × √P; null when n < 2. */
  readonly annual_volatility: number | null;
  /** mean(r − rf_p) / sd(r) × √P; null when n < 2 or sd = 0. */
  readonly sharpe: number | null;
  /** mean(r − rf_p) / √(Σ min(0, r − rf_p)² / n) × √P; null when n < 2 or no downside. */
  readonly sortino: number | null;
  /** cagr / |max_drawdown|; null when there is no drawdown. */
  readonly calmar: number | null;
  /** min over t of equity_t / peak_t − 1, the initial equity 1 counting as a peak; <= 0. */
  readonly max_drawdown: number | null;
  /** Longest run of consecutive periods ending below the running peak (unrecovered included). */
  readonly max_drawdown_duration: number | null;
  /**
   * Share of the periods with a position whose return was positive: #(exposed, r > 0) /
   * #(exposed). A flat period that only pays an entry or exit cost is neither a hit nor a miss.
   * Without positions (a bare return series): #(r > 0) / #(r ≠ 0). Null when nothing counts.
   */
  readonly hit_rate: number | null;
  /** Σ turnover (|Δposition|); null when no turnover was given. */
  readonly turnover: number | null;
  /** Σ costs (fractions of equity); null when no costs were given. */
  readonly costs: number | null;
}

/**
 * Sufficient statistics of a return series, from which {@link toStrategyMetrics} derives the
 * tearsheet. The batch and the streaming computation each produce one.
 */
export interface ReturnSummary {
  readonly n: number;
  readonly firstTs: number;
  readonly lastTs: number;
  /** Σ rᵢ / n. */
  readonly mean: number;
  /** Sample variance (n − 1); exactly 0 when all returns are equal; NaN when n < 2. */
  readonly variance: number;
  /** Σ min(0, rᵢ − rf_p)². */
  readonly downsideSquares: number;
  /** Π(1 + rᵢ), multiplied in order. */
  readonly equity: number;
  readonly maxDrawdown: number;
  readonly maxDrawdownDuration: number;
  /** Counted periods (see `hit_rate`) with a positive return. */
  readonly positives: number;
  /** Periods the hit rate counts: those with a position, or with r ≠ 0 without positions. */
  readonly counted: number;
  readonly turnover: number | null;
  readonly costs: number | null;
}

/**
 * Checks the annualization inputs.
 *
 * @throws {InputError} when `periodsPerYear` is not a finite number > 0 or `riskFreeRate` not
 *   a finite number > −1.
 * @example
 * checkAnnualization(252, 0.02); // ok
 */
export function checkAnnualization(periodsPerYear: number, riskFreeRate: number): void {
  if (
    !(typeof periodsPerYear === 'number' && Number.isFinite(periodsPerYear) && periodsPerYear > 0)
  ) {
    throw new InputError(
      `Expected \`periodsPerYear\` to be a finite number > 0, got ${describeValue(periodsPerYear)}`,
    );
  }
  if (!(typeof riskFreeRate === 'number' && Number.isFinite(riskFreeRate) && riskFreeRate > -1)) {
    throw new InputError(
      `Expected \`riskFreeRate\` to be a finite annual rate > -1, got ${describeValue(riskFreeRate)}`,
    );
  }
}

/**
 * The per-period risk-free return of an annual rate, compounded: (1 + rf)^(1/P) − 1.
 *
 * @example
 * riskFreePerPeriod(0.05, 12); // 1.05^(1/12) − 1 ≈ 0.0040741
 */
export function riskFreePerPeriod(riskFreeRate: number, periodsPerYear: number): number {
  return riskFreeRate === 0 ? 0 : (1 + riskFreeRate) ** (1 / periodsPerYear) - 1;
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** The tearsheet of a series with no periods: everything null. */
export const EMPTY_METRICS: StrategyMetrics = {
  first_ts: null,
  last_ts: null,
  periods: 0,
  total_return: null,
  cagr: null,
  annual_volatility: null,
  sharpe: null,
  sortino: null,
  calmar: null,
  max_drawdown: null,
  max_drawdown_duration: null,
  hit_rate: null,
  turnover: null,
  costs: null,
};

/**
 * Derives the tearsheet from sufficient statistics (see {@link StrategyMetrics} for formulas).
 *
 * @example
 * // returns [0, 0.02]: mean 0.01, sample variance 0.0002, equity 1.02
 * const s = { n: 2, firstTs: 0, lastTs: 1, mean: 0.01, variance: 0.0002, downsideSquares: 0,
 *   equity: 1.02, maxDrawdown: 0, maxDrawdownDuration: 0, positives: 1, counted: 1,
 *   turnover: null, costs: null };
 * toStrategyMetrics(s, 252, 0).sharpe; // 0.01 / √0.0002 × √252 ≈ 11.225
 */
export function toStrategyMetrics(
  s: ReturnSummary,
  periodsPerYear: number,
  rfPerPeriod: number,
): StrategyMetrics {
  if (s.n === 0) return EMPTY_METRICS;
  const rootP = Math.sqrt(periodsPerYear);
  const sd = s.n >= 2 ? Math.sqrt(s.variance) : Number.NaN;
  const excess = s.mean - rfPerPeriod;
  const downside = Math.sqrt(s.downsideSquares / s.n);
  const cagr = s.equity > 0 ? s.equity ** (periodsPerYear / s.n) - 1 : -1;
  return {
    first_ts: new Date(s.firstTs).toISOString(),
    last_ts: new Date(s.lastTs).toISOString(),
    periods: s.n,
    total_return: finite(s.equity - 1),
    cagr: finite(cagr),
    annual_volatility: finite(sd * rootP),
    sharpe: sd > 0 ? finite((excess / sd) * rootP) : null,
    sortino: s.n >= 2 && downside > 0 ? finite((excess / downside) * rootP) : null,
    calmar: s.maxDrawdown < 0 ? finite(cagr / -s.maxDrawdown) : null,
    max_drawdown: finite(s.maxDrawdown),
    max_drawdown_duration: s.maxDrawdownDuration,
    hit_rate: s.counted > 0 ? s.positives / s.counted : null,
    turnover: s.turnover === null ? null : finite(s.turnover),
    costs: s.costs === null ? null : finite(s.costs),
  };
}
