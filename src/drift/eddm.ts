import type { DriftDetector, DriftSignal } from './drift-detector.ts';
import { type ParamSpecs, failRelation, resolveParams } from './detector-params.ts';

/** Parameters of {@link Eddm}, named and defaulted as in river's `drift.binary.EDDM`. */
export const EDDM_PARAMS: ParamSpecs = {
  /** Values, and errors, needed before warnings and drifts can be signalled. */
  warm_start: { default: 30, min: 0, max: Infinity, integer: true },
  /** Warning when (p' + 2s') / max(p' + 2s') falls below alpha. */
  alpha: { default: 0.95, min: 0, max: 1, minInclusive: false },
  /** Drift when the same ratio falls below beta (beta ≤ alpha). */
  beta: { default: 0.9, min: 0, max: 1, minInclusive: false },
};

/**
 * EDDM, the Early Drift Detection Method — Baena-García, M., del Campo-Ávila, J., Fidalgo, R.,
 * Bifet, A., Gavaldà, R. and Morales-Bueno, R. (2006), "Early drift detection method", 4th
 * International Workshop on Knowledge Discovery from Data Streams.
 *
 * Input: 1 for an error, 0 otherwise. Tracks the mean p' and standard deviation s' of the
 * distance (in values) between consecutive errors and the maximum of p' + 2s'. When errors come
 * closer together the ratio (p' + 2s') / max falls: below `alpha` (0.95) it warns, below `beta`
 * (0.90) it signals a drift and resets. Tests start once more than `warm_start` values and errors
 * were seen; as in river, a new maximum is never tested. O(1) per value.
 *
 * @example
 * const eddm = new Eddm();
 * const errors = Array.from({ length: 600 }, (_, i) => (i < 400 ? i % 8 === 7 : i % 2 === 1) ? 1 : 0);
 * errors.findIndex((x) => eddm.update(x) === 'drift'); // 531 (warnings from 491)
 */
export class Eddm implements DriftDetector {
  readonly name = 'eddm';
  readonly params: Readonly<Record<string, number>>;
  private readonly warmStart: number;
  private readonly alpha: number;
  private readonly beta: number;
  private n = 0;
  private lastError = 0;
  private errors = 0;
  private meanDistance = 0;
  private m2 = 0;
  private maxLevel = -1;
  private warning = false;

  /** @throws {InputError} when a parameter is unknown or out of range, or beta > alpha. */
  constructor(params: Readonly<Record<string, number>> = {}) {
    const p = resolveParams('eddm', EDDM_PARAMS, params);
    if ((p['beta'] as number) > (p['alpha'] as number))
      failRelation('eddm.beta', `<= eddm.alpha (${p['alpha']})`, p['beta'] as number);
    this.params = p;
    this.warmStart = p['warm_start'] as number;
    this.alpha = p['alpha'] as number;
    this.beta = p['beta'] as number;
  }

  update(x: number): DriftSignal {
    this.n++;
    if (x !== 1) return this.warning ? 'warning' : 'none';
    this.errors++;
    const distance = this.n - this.lastError;
    const d = distance - this.meanDistance;
    this.meanDistance += d / this.errors;
    this.m2 += d * (distance - this.meanDistance);
    this.lastError = this.n;
    if (this.n <= this.warmStart) return this.warning ? 'warning' : 'none';
    // Sample variance (ddof 1), as river's stats.Var.
    const sd = this.errors > 1 ? Math.sqrt(this.m2 / (this.errors - 1)) : 0;
    const level = this.meanDistance + 2 * sd;
    if (level > this.maxLevel) {
      this.maxLevel = level;
    } else if (this.errors > this.warmStart) {
      const ratio = level / this.maxLevel;
      if (ratio < this.beta) {
        this.reset();
        return 'drift';
      }
      this.warning = ratio < this.alpha;
    }
    return this.warning ? 'warning' : 'none';
  }

  reset(): void {
    this.n = 0;
    this.lastError = 0;
    this.errors = 0;
    this.meanDistance = 0;
    this.m2 = 0;
    this.maxLevel = -1;
    this.warning = false;
  }
}
