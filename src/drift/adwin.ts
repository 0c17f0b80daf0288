import type { DriftDetector, DriftSignal } from './drift-detector.ts';
import { type ParamSpecs, resolveParams } from './detector-params.ts';

/** Parameters of {@link Adwin}, named as in river. */
export const ADWIN_PARAMS: ParamSpecs = {
  /** Confidence of the cut test: smaller is more conservative. */
  delta: { default: 0.002, min: 0, max: 1, minInclusive: false, maxInclusive: false },
  /** Check for a cut every `clock` values (river's default 32; 1 checks every value). */
  clock: { default: 32, min: 1, max: Infinity, integer: true },
  /** Buckets of one size kept before the two oldest are merged. */
  max_buckets: { default: 5, min: 2, max: Infinity, integer: true },
  /** Minimum length of each sub-window of a cut. */
  min_window_length: { default: 5, min: 1, max: Infinity, integer: true },
  /** No cut is tested before the window holds more than this many values. */
  grace_period: { default: 10, min: 0, max: Infinity, integer: true },
};

/** One row of the exponential histogram: up to `max_buckets + 1` buckets of size 2^row. */
class BucketRow {
  readonly total: Float64Array;
  readonly variance: Float64Array;
  count = 0;
  constructor(capacity: number) {
    this.total = new Float64Array(capacity);
    this.variance = new Float64Array(capacity);
  }
  insert(total: number, variance: number): void {
    this.total[this.count] = total;
    this.variance[this.count] = variance;
    this.count++;
  }
  /** Drops the `k` oldest buckets of the row. */
  dropOldest(k: number): void {
    this.total.copyWithin(0, k);
    this.variance.copyWithin(0, k);
    this.total.fill(0, this.total.length - k);
    this.variance.fill(0, this.variance.length - k);
    this.count -= k;
  }
}

/**
 * ADWIN (ADaptive WINdowing, the ADWIN2 variant with an exponential histogram) — Bifet, A. and
 * Gavaldà, R. (2007), "Learning from time-changing data with adaptive windowing", SIAM SDM.
 *
 * Keeps a window of recent values compressed into buckets of size 2^i (at most `max_buckets + 1`
 * per size, so memory is O(max_buckets · log W)). Every `clock` values it tests every cut of the
 * window into an older part W0 and a newer part W1 and drops the oldest buckets while
 * |mean(W0) − mean(W1)| > ε_cut, with ε_cut = sqrt(2/m · σ²_W · δ') + 2/(3m) · δ',
 * δ' = ln(2 ln|W| / δ) and 1/m = 1/(|W0| − L + 1) + 1/(|W1| − L + 1), L = `min_window_length`.
 *
 * Follows river's `drift.ADWIN` step for step (including which buckets a cut visits), so it fires
 * at the same indices; like river, it resets its whole window after a drift. Never warns.
 * Amortised O(log W) per value, O(log² W) on a check.
 *
 * @example
 * const adwin = new Adwin({ clock: 1 });
 * const errors = [...Array(200).fill(0), ...Array(200).fill(1)];
 * const drifts = errors.flatMap((x, i) => (adwin.update(x) === 'drift' ? [i] : []));
 * drifts; // [223]: the first check whose cut clears ε_cut
 */
export class Adwin implements DriftDetector {
  readonly name = 'adwin';
  readonly params: Readonly<Record<string, number>>;
  private readonly delta: number;
  private readonly clock: number;
  private readonly maxBuckets: number;
  private readonly minWindow: number;
  private readonly gracePeriod: number;
  private rows: BucketRow[] = [];
  private total = 0;
  private varianceSum = 0;
  private size = 0;
  private tick = 0;

  /** @throws {InputError} when a parameter is unknown or out of range. */
  constructor(params: Readonly<Record<string, number>> = {}) {
    const p = resolveParams('adwin', ADWIN_PARAMS, params);
    this.params = p;
    this.delta = p['delta'] as number;
    this.clock = p['clock'] as number;
    this.maxBuckets = p['max_buckets'] as number;
    this.minWindow = p['min_window_length'] as number;
    this.gracePeriod = p['grace_period'] as number;
    this.reset();
  }

  /** Number of values in the adaptive window. */
  get width(): number {
    return this.size;
  }

  /** Mean of the values in the window (0 when empty). */
  get estimation(): number {
    return this.size === 0 ? 0 : this.total / this.size;
  }

  update(x: number): DriftSignal {
    this.insert(x);
    if (!this.detectChange()) return 'none';
    this.reset();
    return 'drift';
  }

  reset(): void {
    this.rows = [new BucketRow(this.maxBuckets + 1)];
    this.total = 0;
    this.varianceSum = 0;
    this.size = 0;
    this.tick = 0;
  }

  private insert(x: number): void {
    (this.rows[0] as BucketRow).insert(x, 0);
    this.size++;
    if (this.size > 1) {
      const d = x - this.total / (this.size - 1);
      this.varianceSum += ((this.size - 1) * d * d) / this.size;
    }
    this.total += x;
    this.compress();
  }

  /** Merges the two oldest buckets of a row into the next row while a row overflows. */
  private compress(): void {
    for (let idx = 0; idx < this.rows.length; idx++) {
      const row = this.rows[idx] as BucketRow;
      if (row.count !== this.maxBuckets + 1) return;
      if (idx + 1 === this.rows.length) this.rows.push(new BucketRow(this.maxBuckets + 1));
      const next = this.rows[idx + 1] as BucketRow;
      const n = 2 ** idx;
      const t0 = row.total[0] as number;
      const t1 = row.total[1] as number;
      const dm = t0 / n - t1 / n;
      next.insert(
        t0 + t1,
        (row.variance[0] as number) + (row.variance[1] as number) + (n * n * dm * dm) / (2 * n),
      );
      row.dropOldest(2);
      if (next.count <= this.maxBuckets) return;
    }
  }

  /** Removes the oldest bucket; returns its size. */
  private dropOldestBucket(): number {
    const last = this.rows.length - 1;
    const row = this.rows[last] as BucketRow;
    const n = 2 ** last;
    const u = row.total[0] as number;
    this.size -= n;
    this.total -= u;
    if (this.size > 0) {
      const d = u / n - this.total / this.size;
      this.varianceSum -= (row.variance[0] as number) + (n * this.size * d * d) / (n + this.size);
    } else {
      this.varianceSum = 0;
    }
    row.dropOldest(1);
    if (row.count === 0) this.rows.pop();
    return n;
  }

  private detectChange(): boolean {
    this.tick++;
    if (this.tick % this.clock !== 0 || this.size <= this.gracePeriod) return false;
    let change = false;
    while (this.cutOnce()) change = true;
    return change;
  }

  /** Scans the cuts from the oldest bucket on; drops one bucket at the first significant cut. */
  private cutOnce(): boolean {
    let n0 = 0;
    let n1 = this.size;
    let u0 = 0;
    let u1 = this.total;
    for (let idx = this.rows.length - 1; idx >= 0; idx--) {
      const row = this.rows[idx] as BucketRow;
      const n2 = 2 ** idx;
      // river visits all but the newest bucket of each row; kept so indices match river's.
      for (let k = 0; k < row.count - 1; k++) {
        const u2 = row.total[k] as number;
        n0 += n2;
        n1 -= n2;
        u0 += u2;
        u1 -= u2;
        if (n1 >= this.minWindow && n0 >= this.minWindow && this.isCut(n0, n1, u0 / n0 - u1 / n1)) {
          if (this.size > 0) this.dropOldestBucket();
          return true;
        }
      }
    }
    return false;
  }

  private isCut(n0: number, n1: number, deltaMean: number): boolean {
    const deltaPrime = Math.log((2 * Math.log(this.size)) / this.delta);
    const mRecip = 1 / (n0 - this.minWindow + 1) + 1 / (n1 - this.minWindow + 1);
    const epsilon =
      Math.sqrt(2 * mRecip * (this.varianceSum / this.size) * deltaPrime) +
      (2 / 3) * deltaPrime * mRecip;
    return Math.abs(deltaMean) > epsilon;
  }
}
