import { type Bar, InputError, describeValue, formatTs, withDefaults } from '../core/index.ts';
import { SortedWindow } from './sorted-window.ts';

/** One data-quality problem found on a bar. */
export interface QualityIssue {
  readonly kind: 'nan' | 'infinite' | 'stale' | 'outlier' | 'gap';
  readonly severity: 'warning' | 'critical';
  readonly message: string;
}

/** Configuration of a {@link QualityChecker}. */
export interface QualityCheckerConfig {
  /** The same close this many bars in a row is stale (critical at twice as many). */
  readonly staleCount: number;
  /** A log return more than outlierK robust deviations from the rolling median is an outlier (critical beyond 2·outlierK). */
  readonly outlierK: number;
  /** Returns in the rolling median/MAD window; outliers are checked once it is full. */
  readonly outlierWindow: number;
  /** A bar spacing above gapFactor × the median spacing is a gap (critical beyond 2·gapFactor). */
  readonly gapFactor: number;
  /** Recent spacings the median spacing is taken over (default 256); checked from 3 on. */
  readonly spacingWindow?: number;
}

/** Scale factor making the MAD a consistent estimator of a normal sd. */
const MAD_TO_SD = 1.482602218505602;
const MIN_SPACINGS = 3;

/**
 * Data-quality checks for the bars of one symbol, in time order:
 * - `nan` / `infinite` (critical): the close is NaN or ±∞ (or another field is ±∞; NaN there
 *   means "not provided"); a close ≤ 0 is a critical `outlier`. Such bars do not enter the windows.
 * - `stale` (warning; critical at 2 × staleCount): the same close `staleCount` or more bars running.
 * - `outlier` (warning; critical beyond 2k): |r − median| > k · 1.4826 · MAD of the last
 *   `outlierWindow` log returns (skipped while the MAD is 0).
 * - `gap` (warning; critical beyond 2 × gapFactor): the time since the previous bar exceeds
 *   `gapFactor` × the median of the recent spacings (bars are missing).
 * O(outlierWindow + spacingWindow) per bar at worst, bounded memory.
 *
 * @throws {InputError} when a config field is out of range.
 * @example
 * const q = new QualityChecker({ staleCount: 3, outlierK: 5, outlierWindow: 20, gapFactor: 3 });
 * const bar = (ts: number, close: number) => ({ symbol: 'X', ts: epochMs(ts), open: NaN, high: NaN, low: NaN, close, volume: NaN });
 * q.update(bar(0, 10)); q.update(bar(1, 10));
 * q.update(bar(2, 10)).map((i) => i.kind); // ['stale']
 */
export class QualityChecker {
  readonly config: Required<QualityCheckerConfig>;
  private readonly returns: SortedWindow;
  private readonly spacings: SortedWindow;
  private lastClose = Number.NaN;
  private lastTs = Number.NaN;
  private run = 0;

  constructor(config: QualityCheckerConfig) {
    const c = withDefaults({ spacingWindow: 256 }, config);
    validate(c);
    this.config = c;
    this.returns = new SortedWindow(c.outlierWindow);
    this.spacings = new SortedWindow(c.spacingWindow);
  }

  /** Checks the next bar of the symbol; returns its issues (empty when clean). */
  update(bar: Bar): QualityIssue[] {
    const issues: QualityIssue[] = [];
    // The place is formatted only when there is an issue to report (this runs on every bar).
    const where = new Where(bar.symbol, bar.ts);
    this.checkGap(bar.ts, where, issues);
    const c = bar.close;
    if (Number.isNaN(c))
      issues.push({ kind: 'nan', severity: 'critical', message: `${where}: close is NaN` });
    else if (!Number.isFinite(c))
      issues.push({ kind: 'infinite', severity: 'critical', message: `${where}: close is ${c}` });
    else if (c <= 0)
      issues.push({
        kind: 'outlier',
        severity: 'critical',
        message: `${where}: close ${c} is not a positive price`,
      });
    // the four fields by name, in this order (a keyed load per field costs more than the check)
    if (isInfinite(bar.open)) infinite(issues, where, 'open', bar.open);
    if (isInfinite(bar.high)) infinite(issues, where, 'high', bar.high);
    if (isInfinite(bar.low)) infinite(issues, where, 'low', bar.low);
    if (isInfinite(bar.volume)) infinite(issues, where, 'volume', bar.volume);
    if (!(Number.isFinite(c) && c > 0)) return issues;
    this.checkStale(c, where, issues);
    this.checkOutlier(c, where, issues);
    this.lastClose = c;
    return issues;
  }

  private checkGap(ts: number, where: Where, issues: QualityIssue[]): void {
    const spacing = ts - this.lastTs;
    this.lastTs = ts;
    if (!(spacing > 0)) return;
    if (this.spacings.length >= MIN_SPACINGS) {
      const median = this.spacings.median();
      const { gapFactor } = this.config;
      if (spacing > gapFactor * median) {
        const missing = Math.round(spacing / median) - 1;
        issues.push({
          kind: 'gap',
          severity: spacing > 2 * gapFactor * median ? 'critical' : 'warning',
          message: `${where}: ${spacing} ms since the previous bar, ${(spacing / median).toFixed(1)}× the median spacing (about ${missing} bars missing)`,
        });
      }
    }
    this.spacings.push(spacing);
  }

  private checkStale(close: number, where: Where, issues: QualityIssue[]): void {
    this.run = close === this.lastClose ? this.run + 1 : 1;
    const { staleCount } = this.config;
    if (this.run >= staleCount) {
      issues.push({
        kind: 'stale',
        severity: this.run >= 2 * staleCount ? 'critical' : 'warning',
        message: `${where}: close ${close} unchanged for ${this.run} bars`,
      });
    }
  }

  private checkOutlier(close: number, where: Where, issues: QualityIssue[]): void {
    if (!(this.lastClose > 0)) return;
    const r = Math.log(close / this.lastClose);
    const { outlierK } = this.config;
    const median = this.returns.full ? this.returns.median() : Number.NaN;
    // Exact MAD only when the cheap lower bound cannot already clear the return (most bars).
    if (
      this.returns.full &&
      Math.abs(r - median) > outlierK * MAD_TO_SD * this.returns.madLowerBound()
    ) {
      const sd = MAD_TO_SD * this.returns.mad();
      const z = sd > 0 ? Math.abs(r - median) / sd : 0;
      if (z > outlierK) {
        issues.push({
          kind: 'outlier',
          severity: z > 2 * outlierK ? 'critical' : 'warning',
          message: `${where}: log return ${r.toPrecision(4)} is ${z.toFixed(1)} robust sds from the median (limit ${outlierK})`,
        });
      }
    }
    this.returns.push(r);
  }
}

function validate(c: Required<QualityCheckerConfig>): void {
  const fail = (field: string, rule: string, value: unknown): never => {
    throw new InputError(
      `Expected \`quality.${field}\` to be ${rule}, got ${describeValue(value)}`,
    );
  };
  if (!Number.isInteger(c.staleCount) || c.staleCount < 2)
    fail('staleCount', 'an integer >= 2', c.staleCount);
  if (!(Number.isFinite(c.outlierK) && c.outlierK > 0))
    fail('outlierK', 'a finite number > 0', c.outlierK);
  if (!Number.isInteger(c.outlierWindow) || c.outlierWindow < 3)
    fail('outlierWindow', 'an integer >= 3', c.outlierWindow);
  if (!(Number.isFinite(c.gapFactor) && c.gapFactor > 1))
    fail('gapFactor', 'a finite number > 1', c.gapFactor);
  if (!Number.isInteger(c.spacingWindow) || c.spacingWindow < MIN_SPACINGS)
    fail('spacingWindow', `an integer >= ${MIN_SPACINGS}`, c.spacingWindow);
}

/** ±Infinity (NaN is a missing value, not an issue). */
function isInfinite(v: number): boolean {
  return !Number.isNaN(v) && !Number.isFinite(v);
}

function infinite(issues: QualityIssue[], where: Where, field: string, v: number): void {
  issues.push({ kind: 'infinite', severity: 'critical', message: `${where}: ${field} is ${v}` });
}

/** Where an issue is: `SYMBOL ts`, formatted only when a message needs it. */
class Where {
  private readonly symbol: string;
  private readonly ts: number;
  constructor(symbol: string, ts: number) {
    this.symbol = symbol;
    this.ts = ts;
  }
  toString(): string {
    return `${this.symbol} ${formatTs(this.ts)}`;
  }
}
