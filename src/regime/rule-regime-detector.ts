import { InputError, RingBuffer, describeValue, withDefaults } from '../core/index.ts';
import type { Regime } from './regime.ts';

/** Configuration of {@link RuleRegimeDetector}. Defaults assume daily bars. */
export interface RuleRegimeConfig {
  /** Bars of the trend: the log price change over this many bars (default 50). */
  readonly trendWindow: number;
  /** |log change| over `trendWindow` above this is a trend (default 0.05, i.e. about ±5 %). */
  readonly trendThreshold: number;
  /** Bars of the short-run volatility (root mean square of log returns; default 20). */
  readonly volWindow: number;
  /** Half-life in bars of the long-run volatility, an EWMA of squared returns (default 250). */
  readonly longVolHalfLife: number;
  /** Volatile when short-run vol exceeds this multiple of the long-run vol (default 1.5). */
  readonly volRatio: number;
  /** Volatile when annualised short-run vol exceeds this (default 0.6; Infinity disables). */
  readonly annualVolThreshold: number;
  /** Bars per year for annualising (default 252). */
  readonly barsPerYear: number;
}

export const DEFAULT_RULE_REGIME: RuleRegimeConfig = {
  trendWindow: 50,
  trendThreshold: 0.05,
  volWindow: 20,
  longVolHalfLife: 250,
  volRatio: 1.5,
  annualVolThreshold: 0.6,
  barsPerYear: 252,
};

/**
 * Classifies each bar of one symbol from its own recent log returns, by a fixed rule:
 * 1. until `volWindow` returns are in: `sideways` (warm-up);
 * 2. `volatile` when short-run vol σ_s (RMS of the last `volWindow` returns) is above
 *    `volRatio` × σ_long (bias-corrected EWMA of r², half-life `longVolHalfLife`), or when
 *    σ_s · sqrt(`barsPerYear`) is above `annualVolThreshold`;
 * 3. otherwise the log price change over the last `trendWindow` bars (fewer while warming up):
 *    above +`trendThreshold` → `bull`, below −`trendThreshold` → `bear`, else `sideways`.
 * O(1) per bar (running sums, exact resync every window); memory O(trendWindow + volWindow).
 *
 * @throws {InputError} when a config field is out of range.
 * @example
 * const d = new RuleRegimeDetector({ trendWindow: 10, volWindow: 5 });
 * for (let i = 0; i < 20; i++) d.update(0.01); // steady +1 % a bar
 * d.current; // 'bull'
 */
export class RuleRegimeDetector {
  readonly config: RuleRegimeConfig;
  private readonly trend: RingBuffer;
  private readonly vol: RingBuffer;
  private readonly lambda: number;
  private trendSum = 0;
  private volSumSq = 0;
  private ewma = 0;
  private ewmaWeight = 0;
  private bars = 0;
  private regime: Regime = 'sideways';

  constructor(config: Partial<RuleRegimeConfig> = {}) {
    const c = withDefaults(DEFAULT_RULE_REGIME, config);
    validate(c);
    this.config = c;
    this.trend = new RingBuffer(c.trendWindow);
    this.vol = new RingBuffer(c.volWindow);
    this.lambda = 1 - 0.5 ** (1 / c.longVolHalfLife);
  }

  /** The regime after the latest bar. */
  get current(): Regime {
    return this.regime;
  }

  /** Short-run volatility (per bar), NaN before the first return. */
  get shortVol(): number {
    const n = this.vol.length;
    return n > 0 ? Math.sqrt(Math.max(0, this.volSumSq) / n) : Number.NaN;
  }

  /** Long-run volatility (per bar), NaN before the first return. */
  get longVol(): number {
    return this.ewmaWeight > 0 ? Math.sqrt(this.ewma / this.ewmaWeight) : Number.NaN;
  }

  /** Consumes the log return of the next bar, ln(close_t / close_{t−1}). */
  update(logReturn: number): Regime {
    const c = this.config;
    const trendFull = this.trend.full;
    const oldTrend = this.trend.push(logReturn);
    if (trendFull) this.trendSum -= oldTrend;
    this.trendSum += logReturn;

    const volFull = this.vol.full;
    const oldVol = this.vol.push(logReturn);
    if (volFull) this.volSumSq -= oldVol ** 2;
    this.volSumSq += logReturn * logReturn;

    // Bias-corrected EWMA: weight tracks 1 − (1 − λ)^t so early bars are not pulled to zero.
    this.ewma = (1 - this.lambda) * this.ewma + this.lambda * logReturn * logReturn;
    this.ewmaWeight = (1 - this.lambda) * this.ewmaWeight + this.lambda;
    if (++this.bars % (c.trendWindow + c.volWindow) === 0) this.resync();
    this.regime = this.classify();
    return this.regime;
  }

  private classify(): Regime {
    const c = this.config;
    if (!this.vol.full) return 'sideways';
    const short = this.shortVol;
    if (
      short > c.volRatio * this.longVol ||
      short * Math.sqrt(c.barsPerYear) > c.annualVolThreshold
    )
      return 'volatile';
    if (this.trendSum > c.trendThreshold) return 'bull';
    if (this.trendSum < -c.trendThreshold) return 'bear';
    return 'sideways';
  }

  private resync(): void {
    let s = 0;
    for (const r of this.trend.stored()) s += r;
    let q = 0;
    for (const r of this.vol.stored()) q += r ** 2;
    this.trendSum = s;
    this.volSumSq = q;
  }
}

function validate(c: RuleRegimeConfig): void {
  const fail = (field: string, rule: string, value: unknown): never => {
    throw new InputError(`Expected \`regime.${field}\` to be ${rule}, got ${describeValue(value)}`);
  };
  for (const f of ['trendWindow', 'volWindow'] as const) {
    if (!Number.isInteger(c[f]) || c[f] < 2) fail(f, 'an integer >= 2', c[f]);
  }
  for (const f of ['trendThreshold', 'longVolHalfLife', 'volRatio', 'barsPerYear'] as const) {
    if (!(Number.isFinite(c[f]) && c[f] > 0)) fail(f, 'a finite number > 0', c[f]);
  }
  if (!(c.annualVolThreshold > 0))
    fail('annualVolThreshold', 'a number > 0 (Infinity disables)', c.annualVolThreshold);
}
