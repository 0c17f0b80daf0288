import { describeValue, InputError } from '../core/index.ts';

/**
 * A per-period return series of one strategy on one symbol (or a portfolio). `ts[i]` is the
 * end of period i (epoch ms, UTC); `returns[i]` is the net return of period i as a fraction
 * (0.01 = +1%), after costs; `turnover[i]` is |Δposition| traded in period i and `costs[i]`
 * the costs of period i as a fraction of equity. All arrays have the same length.
 */
export interface ReturnSeries {
  readonly ts: ArrayLike<number>;
  readonly returns: ArrayLike<number>;
  readonly turnover?: ArrayLike<number> | undefined;
  readonly costs?: ArrayLike<number> | undefined;
  /**
   * Gross exposure held at some point of period i (≥ 0; 0 = flat all period), for the hit
   * rate: see {@link periodExposure}.
   */
  readonly exposure?: ArrayLike<number> | undefined;
}

/** Largest |epoch ms| a `Date` can represent. */
const MAX_DATE_MS = 8.64e15;

function checkFinite(values: ArrayLike<number>, field: string, where: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(
        `Expected \`${field}[${i}]\` to be a finite number, got ${describeValue(v)} in ${where}`,
      );
    }
  }
}

/**
 * Checks a return series: equal lengths, finite values, and strictly increasing timestamps that
 * a `Date` can show. O(n).
 *
 * @param where names the caller in messages, e.g. `computeMetrics` or `portfolioReturns[2]`.
 * @throws {InputError} naming the field, index and value that break a rule.
 * @example
 * checkReturnSeries({ ts: [1, 2], returns: [0.01, -0.02] }, 'computeMetrics'); // ok
 */
export function checkReturnSeries(series: ReturnSeries, where: string): void {
  const n = series.returns.length;
  const arrays: Array<[string, ArrayLike<number> | undefined]> = [
    ['ts', series.ts],
    ['turnover', series.turnover],
    ['costs', series.costs],
    ['exposure', series.exposure],
  ];
  for (const [field, values] of arrays) {
    if (values !== undefined && values.length !== n) {
      throw new InputError(
        `Expected \`${field}\` to have the length of \`returns\` (${n}), got ${values.length} in ${where}`,
      );
    }
  }
  checkFinite(series.returns, 'returns', where);
  checkFinite(series.ts, 'ts', where);
  if (series.turnover !== undefined) checkFinite(series.turnover, 'turnover', where);
  if (series.costs !== undefined) checkFinite(series.costs, 'costs', where);
  if (series.exposure !== undefined) checkFinite(series.exposure, 'exposure', where);
  for (let i = 0; i < n; i++) {
    const t = series.ts[i] as number;
    if (Math.abs(t) > MAX_DATE_MS) {
      throw new InputError(
        `Expected \`ts[${i}]\` to be epoch milliseconds within ±8.64e15, got ${describeValue(t)} in ${where}`,
      );
    }
    if (i > 0 && !(t > (series.ts[i - 1] as number))) {
      throw new InputError(
        `Expected \`ts\` to be strictly increasing, got ${describeValue(t)} after ${describeValue(series.ts[i - 1])} at index ${i} in ${where}`,
      );
    }
  }
}
