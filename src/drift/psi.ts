import { RingBuffer } from '../core/index.ts';
import type { DriftDetector, DriftSignal } from './drift-detector.ts';
import { type ParamSpecs, failRelation, resolveParams } from './detector-params.ts';

/** Parameters of {@link Psi}. */
export const PSI_PARAMS: ParamSpecs = {
  /** Values frozen as the reference distribution (the first ones seen, and again after a drift). */
  reference_size: { default: 500, min: 10, max: Infinity, integer: true },
  /** Length of the sliding current window compared with the reference. */
  window_size: { default: 200, min: 10, max: Infinity, integer: true },
  /** Number of bins, cut at the reference's quantiles (ties merge bins). */
  bins: { default: 10, min: 2, max: 100, integer: true },
  /** Drift when PSI ≥ threshold (0.2: "significant shift" by the usual credit-scoring rule). */
  threshold: { default: 0.2, min: 0, max: Infinity, minInclusive: false },
  /** Warning when PSI ≥ warning_threshold (0.1: "moderate shift"). */
  warning_threshold: { default: 0.1, min: 0, max: Infinity, minInclusive: false },
};

/** Pseudo-count added to every bin so an empty bin costs a finite amount (Jeffreys prior). */
const PSEUDO_COUNT = 0.5;

/**
 * Population stability index of a sliding window against a frozen reference window — the
 * credit-scoring stability measure (e.g. Siddiqi, N. (2006), "Credit Risk Scorecards", Wiley;
 * Yurdakul, B. (2018), "Statistical properties of population stability index", PhD thesis,
 * Western Michigan University).
 *
 * The first `reference_size` values form the reference; bin edges are its quantiles at
 * k/`bins`. Then each value enters a sliding window of `window_size`; once it is full,
 * PSI = Σ_b (c_b − r_b) · ln(c_b / r_b) over the bin shares c (current) and r (reference), each
 * with a 0.5 pseudo-count. PSI ≥ `threshold` is a drift (the detector then starts over and takes the
 * next `reference_size` values as its new reference); PSI ≥ `warning_threshold` is a warning.
 * Under no change PSI ≈ (bins − 1)(1/reference_size + 1/window_size) ≈ 0.06 with the defaults.
 * O(log bins) per value plus O(bins) for the index; O(reference_size + window_size) memory.
 *
 * @example
 * const psi = new Psi({ reference_size: 100, window_size: 50 });
 * const xs = Array.from({ length: 300 }, (_, i) => (i % 10) + (i < 150 ? 0 : 5));
 * xs.findIndex((x) => psi.update(x) === 'drift'); // 166
 */
export class Psi implements DriftDetector {
  readonly name = 'psi';
  readonly params: Readonly<Record<string, number>>;
  private readonly referenceSize: number;
  private readonly windowSize: number;
  private readonly bins: number;
  private readonly threshold: number;
  private readonly warningThreshold: number;
  private readonly reference: Float64Array;
  private referenceCount = 0;
  private edges: Float64Array = new Float64Array(0);
  private referenceShares: Float64Array = new Float64Array(0);
  /** Bin index of each value in the current window. */
  private readonly current: RingBuffer;
  private currentCounts: Int32Array = new Int32Array(0);
  private lastValue = Number.NaN;

  /** @throws {InputError} when a parameter is unknown or out of range, or warning > drift threshold. */
  constructor(params: Readonly<Record<string, number>> = {}) {
    const p = resolveParams('psi', PSI_PARAMS, params);
    if ((p['warning_threshold'] as number) > (p['threshold'] as number)) {
      failRelation(
        'psi.warning_threshold',
        `<= psi.threshold (${p['threshold']})`,
        p['warning_threshold'] as number,
      );
    }
    this.params = p;
    this.referenceSize = p['reference_size'] as number;
    this.windowSize = p['window_size'] as number;
    this.bins = p['bins'] as number;
    this.threshold = p['threshold'] as number;
    this.warningThreshold = p['warning_threshold'] as number;
    this.reference = new Float64Array(this.referenceSize);
    this.current = new RingBuffer(this.windowSize);
  }

  /** The latest PSI (NaN until the reference and the first current window are full). */
  get value(): number {
    return this.lastValue;
  }

  update(x: number): DriftSignal {
    if (this.referenceCount < this.referenceSize) {
      this.reference[this.referenceCount++] = x;
      if (this.referenceCount === this.referenceSize) this.freezeReference();
      return 'none';
    }
    const bin = this.binOf(x);
    const full = this.current.full;
    const evicted = this.current.push(bin);
    if (full) (this.currentCounts[evicted] as number)--;
    (this.currentCounts[bin] as number)++;
    if (!this.current.full) return 'none';
    this.lastValue = this.index();
    if (this.lastValue >= this.threshold) {
      this.reset();
      return 'drift';
    }
    return this.lastValue >= this.warningThreshold ? 'warning' : 'none';
  }

  reset(): void {
    this.referenceCount = 0;
    this.current.clear();
    this.lastValue = Number.NaN;
    this.edges = new Float64Array(0);
  }

  /** Cuts the reference at its quantiles and stores its smoothed bin shares. */
  private freezeReference(): void {
    const sorted = Float64Array.from(this.reference).sort();
    const cuts: number[] = [];
    for (let k = 1; k < this.bins; k++) {
      const q = sorted[Math.floor((k * this.referenceSize) / this.bins) - 1] as number;
      if (cuts.length === 0 || q > (cuts[cuts.length - 1] as number)) cuts.push(q);
    }
    this.edges = Float64Array.from(cuts);
    const nBins = this.edges.length + 1;
    const counts = new Float64Array(nBins);
    for (let i = 0; i < this.referenceSize; i++)
      (counts[this.binOf(this.reference[i] as number)] as number) += 1;
    this.referenceShares = counts.map(
      (c) => (c + PSEUDO_COUNT) / (this.referenceSize + PSEUDO_COUNT * nBins),
    );
    this.currentCounts = new Int32Array(nBins);
  }

  /** Index of the first edge ≥ x (bins are (e_{b−1}, e_b]); values above the last edge go last. */
  private binOf(x: number): number {
    let lo = 0;
    let hi = this.edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.edges[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private index(): number {
    const nBins = this.referenceShares.length;
    let psi = 0;
    for (let b = 0; b < nBins; b++) {
      const c =
        ((this.currentCounts[b] as number) + PSEUDO_COUNT) /
        (this.windowSize + PSEUDO_COUNT * nBins);
      const r = this.referenceShares[b] as number;
      psi += (c - r) * Math.log(c / r);
    }
    return psi;
  }
}
