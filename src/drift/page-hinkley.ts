import type { DriftDetector, DriftSignal } from './drift-detector.ts';
import { type ParamSpecs, resolveParams } from './detector-params.ts';

/** Parameters of {@link PageHinkley}, named and defaulted as in river. */
export const PAGE_HINKLEY_PARAMS: ParamSpecs = {
  /** Values needed before a drift can be signalled. */
  min_instances: { default: 30, min: 1, max: Infinity, integer: true },
  /** Magnitude of change tolerated per value. */
  delta: { default: 0.005, min: 0, max: Infinity },
  /** The detection threshold λ on the cumulative sum. */
  threshold: { default: 50, min: 0, max: Infinity, minInclusive: false },
  /** Forgetting factor of the cumulative sum. */
  alpha: { default: 1 - 0.0001, min: 0, max: 1, minInclusive: false },
};

/**
 * Page-Hinkley test — Page, E. S. (1954), "Continuous inspection schemes", Biometrika 41(1/2),
 * 100–115; in the form used by river's `drift.PageHinkley`.
 *
 * Tracks the running mean x̄ of the stream and the faded cumulative deviation
 * m_t = max(0, α · m_{t−1} + x_t − x̄_t − δ). Signals a drift when m_t ≥ λ (`threshold`) once at
 * least `min_instances` values were seen. Detects increases of the mean (a rising error rate),
 * never warns, and resets after a drift. O(1) time and memory per value.
 *
 * @example
 * const ph = new PageHinkley({ threshold: 10 });
 * const errors = [...Array(100).fill(0), ...Array(100).fill(1)];
 * errors.findIndex((x) => ph.update(x) === 'drift'); // 110
 */
export class PageHinkley implements DriftDetector {
  readonly name = 'page_hinkley';
  readonly params: Readonly<Record<string, number>>;
  private readonly minInstances: number;
  private readonly delta: number;
  private readonly threshold: number;
  private readonly alpha: number;
  private count = 1;
  private mean = 0;
  private sum = 0;

  /** @throws {InputError} when a parameter is unknown or out of range. */
  constructor(params: Readonly<Record<string, number>> = {}) {
    const p = resolveParams('page_hinkley', PAGE_HINKLEY_PARAMS, params);
    this.params = p;
    this.minInstances = p['min_instances'] as number;
    this.delta = p['delta'] as number;
    this.threshold = p['threshold'] as number;
    this.alpha = p['alpha'] as number;
  }

  /** The current cumulative statistic m_t. */
  get statistic(): number {
    return this.sum;
  }

  update(x: number): DriftSignal {
    this.mean += (x - this.mean) / this.count;
    this.sum = Math.max(0, this.alpha * this.sum + (x - this.mean - this.delta));
    this.count++;
    if (this.count >= this.minInstances && this.sum >= this.threshold) {
      this.reset();
      return 'drift';
    }
    return 'none';
  }

  reset(): void {
    // river counts from 1, so the first test happens at the (min_instances − 1)-th value.
    this.count = 1;
    this.mean = 0;
    this.sum = 0;
  }
}
