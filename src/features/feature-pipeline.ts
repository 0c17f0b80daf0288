import { InputError, RingBuffer } from '../core/index.ts';

/** Which streaming features to compute. */
export interface FeatureConfig {
  /** Log-return lags in bars, e.g. [1, 2, 5, 10]: feature `ret_k = ln(close_t / close_{t-k})`. */
  readonly returnLags: readonly number[];
  /** Window in bars of the rolling volatility (sample std of 1-bar log returns). */
  readonly volatilityWindow: number;
  /** Spans of the fast and slow EMAs: feature `ema_ratio = ema_fast / ema_slow - 1`. */
  readonly emaFast: number;
  readonly emaSlow: number;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  returnLags: [1, 2, 5, 10],
  volatilityWindow: 20,
  emaFast: 5,
  emaSlow: 20,
};

/** Exact recompute period of the rolling sums, in pushes, to stop floating-point creep. */
const RESYNC_EVERY = 4096;

/**
 * Streaming features of one symbol: log returns over several lags, rolling volatility and an
 * EMA ratio. O(1) per bar, bounded buffers (capacity max(lag)+1 and the volatility window).
 * Features at bar t use closes up to and including t only.
 *
 * @example
 * const fp = new FeaturePipeline({ returnLags: [1], volatilityWindow: 2, emaFast: 2, emaSlow: 3 });
 * for (const c of [100, 110, 99]) fp.update(c);
 * fp.ready;          // true
 * fp.values()[0];    // ln(99 / 110)
 */
export class FeaturePipeline {
  readonly config: FeatureConfig;
  readonly names: readonly string[];
  private readonly closes: RingBuffer;
  private readonly rets: RingBuffer;
  private readonly maxLag: number;
  private sum = 0;
  private sumSq = 0;
  private pushes = 0;
  private emaFast = Number.NaN;
  private emaSlow = Number.NaN;
  private readonly alphaFast: number;
  private readonly alphaSlow: number;
  private bars = 0;
  private readonly out: Float64Array;

  constructor(config: FeatureConfig = DEFAULT_FEATURES) {
    validate(config);
    this.config = config;
    this.maxLag = Math.max(...config.returnLags);
    this.closes = new RingBuffer(this.maxLag + 1);
    this.rets = new RingBuffer(config.volatilityWindow);
    this.alphaFast = 2 / (config.emaFast + 1);
    this.alphaSlow = 2 / (config.emaSlow + 1);
    this.names = [
      ...config.returnLags.map((k) => `ret_${k}`),
      `vol_${config.volatilityWindow}`,
      'ema_ratio',
    ];
    this.out = new Float64Array(this.names.length);
  }

  /** Number of features in {@link values}. */
  get size(): number {
    return this.names.length;
  }

  /** Bars seen so far. */
  get count(): number {
    return this.bars;
  }

  /** True once every feature is defined (enough history for the longest lag and the window). */
  get ready(): boolean {
    return this.bars > this.maxLag && this.rets.full;
  }

  /** Number of bars needed before {@link ready}. */
  get barsNeeded(): number {
    return Math.max(this.maxLag + 1, this.config.volatilityWindow + 1);
  }

  /** Consumes the close of the next bar. */
  update(close: number): void {
    if (this.closes.length > 0) {
      const r = Math.log(close / this.closes.get(0));
      const evicted = this.rets.push(r);
      this.sum += r;
      this.sumSq += r * r;
      if (!Number.isNaN(evicted)) {
        this.sum -= evicted;
        this.sumSq -= evicted * evicted;
      }
      if (++this.pushes % RESYNC_EVERY === 0) this.resync();
    }
    this.closes.push(close);
    this.emaFast = Number.isNaN(this.emaFast)
      ? close
      : this.emaFast + this.alphaFast * (close - this.emaFast);
    this.emaSlow = Number.isNaN(this.emaSlow)
      ? close
      : this.emaSlow + this.alphaSlow * (close - this.emaSlow);
    this.bars++;
  }

  /**
   * The current feature vector (a view that the next {@link update} overwrites: copy it to keep
   * it). NaN entries where the history is too short.
   */
  values(): Float64Array {
    const { returnLags } = this.config;
    const last = this.closes.length > 0 ? this.closes.get(0) : Number.NaN;
    for (let i = 0; i < returnLags.length; i++) {
      const k = returnLags[i] as number;
      this.out[i] = this.closes.length > k ? Math.log(last / this.closes.get(k)) : Number.NaN;
    }
    const n = this.rets.length;
    const variance =
      n > 1 ? Math.max(0, (this.sumSq - (this.sum * this.sum) / n) / (n - 1)) : Number.NaN;
    this.out[returnLags.length] = this.rets.full ? Math.sqrt(variance) : Number.NaN;
    this.out[returnLags.length + 1] = this.emaFast / this.emaSlow - 1;
    return this.out;
  }

  private resync(): void {
    let s = 0;
    let q = 0;
    for (let i = 0; i < this.rets.length; i++) {
      const r = this.rets.get(i);
      s += r;
      q += r * r;
    }
    this.sum = s;
    this.sumSq = q;
  }
}

function validate(config: FeatureConfig): void {
  const { returnLags, volatilityWindow, emaFast, emaSlow } = config;
  if (returnLags.length === 0 || returnLags.some((k) => !Number.isInteger(k) || k < 1)) {
    throw new InputError(
      `Expected \`features.returnLags\` to be a non-empty list of integers >= 1, got ${JSON.stringify(returnLags)}`,
    );
  }
  if (!Number.isInteger(volatilityWindow) || volatilityWindow < 2) {
    throw new InputError(
      `Expected \`features.volatilityWindow\` to be an integer >= 2, got ${volatilityWindow}`,
    );
  }
  if (!(emaFast >= 1 && emaSlow >= 1)) {
    throw new InputError(
      `Expected \`features.emaFast\` and \`features.emaSlow\` to be >= 1, got ${emaFast} and ${emaSlow}`,
    );
  }
}
