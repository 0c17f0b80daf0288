import { type Random, RingBuffer, createRandom } from '../core/index.ts';
import type { DriftDetector, DriftSignal } from './drift-detector.ts';
import { type ParamSpecs, failRelation, resolveParams } from './detector-params.ts';
import { ksTestEqualSizes } from './ks-test.ts';

/** Parameters of {@link Kswin}, named and defaulted as in river (plus a numeric `seed`). */
export const KSWIN_PARAMS: ParamSpecs = {
  /** Significance level of the KS test (keep it below 0.01: the test runs on every value). */
  alpha: { default: 0.005, min: 0, max: 1, minInclusive: false, maxInclusive: false },
  /** Length n of the sliding window. */
  window_size: { default: 100, min: 2, max: Infinity, integer: true },
  /** Length r of the most recent part R of the window (2r ≤ n). */
  stat_size: { default: 30, min: 1, max: Infinity, integer: true },
  /** Seed of the sampling generator when no `Random` is passed in. */
  seed: { default: 1, min: 0, max: 2 ** 32 - 1, integer: true },
};

/**
 * KSWIN, Kolmogorov–Smirnov windowing — Raab, C., Heusinger, M. and Schleif, F.-M. (2020),
 * "Reactive soft prototype computing for concept drift streams", Neurocomputing 416, 340–351.
 *
 * Keeps the last n values (`window_size`). Once the window is full, on every value it compares the
 * newest r values (`stat_size`) with r values drawn without replacement from the n − r older ones
 * by a two-sample KS test, and signals a drift when p ≤ `alpha` and D > 0.1. As in river, the
 * detector then starts over with an empty window and its generator re-derived from the same seed.
 * Sampling uses `random.fork('kswin')`, so a seeded `Random` makes it fully deterministic.
 * O(n + r log r) per value, O(n) memory. Never warns.
 *
 * @example
 * const kswin = new Kswin({}, createRandom(7));
 * const xs = Array.from({ length: 300 }, (_, i) => (i < 150 ? 0 : 1) + (i % 10) / 100);
 * xs.findIndex((x) => kswin.update(x) === 'drift'); // 163
 */
export class Kswin implements DriftDetector {
  readonly name = 'kswin';
  readonly params: Readonly<Record<string, number>>;
  private readonly alpha: number;
  private readonly windowSize: number;
  private readonly statSize: number;
  private readonly source: Random;
  private rng: Random;
  private readonly window: RingBuffer;
  private readonly pool: Int32Array;
  private lastP = 1;

  /**
   * @param random source of the sampling stream; defaults to `createRandom(params.seed)`.
   * @throws {InputError} when a parameter is unknown or out of range, or 2·stat_size > window_size.
   */
  constructor(params: Readonly<Record<string, number>> = {}, random?: Random) {
    const p = resolveParams('kswin', KSWIN_PARAMS, params);
    this.windowSize = p['window_size'] as number;
    this.statSize = p['stat_size'] as number;
    if (2 * this.statSize > this.windowSize) {
      failRelation('kswin.stat_size', `<= window_size / 2 (${this.windowSize / 2})`, this.statSize);
    }
    this.params = p;
    this.alpha = p['alpha'] as number;
    this.source = random ?? createRandom(p['seed'] as number);
    this.rng = this.source.fork('kswin');
    this.window = new RingBuffer(this.windowSize);
    this.pool = new Int32Array(this.windowSize - this.statSize);
  }

  /** p-value of the latest test (1 before the window is full). */
  get pValue(): number {
    return this.lastP;
  }

  update(x: number): DriftSignal {
    this.window.push(x);
    if (!this.window.full) return 'none';
    const { statistic, pValue } = ksTestEqualSizes(this.sampleOld(), this.recent());
    this.lastP = pValue;
    if (pValue <= this.alpha && statistic > 0.1) {
      this.reset();
      return 'drift';
    }
    return 'none';
  }

  reset(): void {
    this.window.clear();
    this.lastP = 1;
    this.rng = this.source.fork('kswin');
  }

  /** The value at position `age` from the oldest (0) of the full window. */
  private at(age: number): number {
    return this.window.get(this.windowSize - 1 - age);
  }

  /** r of the n − r oldest values, drawn without replacement (Python's `random.sample` pool). */
  private sampleOld(): number[] {
    const m = this.windowSize - this.statSize;
    for (let i = 0; i < m; i++) this.pool[i] = i;
    const out: number[] = [];
    for (let i = 0; i < this.statSize; i++) {
      const j = this.rng.int(m - i);
      out.push(this.at(this.pool[j] as number));
      this.pool[j] = this.pool[m - i - 1] as number;
    }
    return out;
  }

  private recent(): number[] {
    const out: number[] = [];
    for (let age = this.windowSize - this.statSize; age < this.windowSize; age++)
      out.push(this.at(age));
    return out;
  }
}
