import type { DriftDetector, DriftSignal } from './drift-detector.ts';
import { type ParamSpecs, failRelation, resolveParams } from './detector-params.ts';

/** Parameters of {@link Ddm}, named and defaulted as in river's `drift.binary.DDM`. */
export const DDM_PARAMS: ParamSpecs = {
  /** Values needed before warnings and drifts can be signalled. */
  warm_start: { default: 30, min: 0, max: Infinity, integer: true },
  /** Warning when p + s exceeds p_min + warning_threshold · s_min. */
  warning_threshold: { default: 2, min: 0, max: Infinity, minInclusive: false },
  /** Drift when p + s exceeds p_min + drift_threshold · s_min. */
  drift_threshold: { default: 3, min: 0, max: Infinity, minInclusive: false },
};

/**
 * DDM, the Drift Detection Method — Gama, J., Medas, P., Castillo, G. and Rodrigues, P. (2004),
 * "Learning with drift detection", SBIA 2004, LNCS 3171, 286–295.
 *
 * Input: 1 for an error, 0 for a correct prediction. Tracks the error rate p_i and its binomial
 * standard deviation s_i = sqrt(p_i(1 − p_i)/i), remembering p_min and s_min where p_i + s_i was
 * lowest. After `warm_start` values: warning when p_i + s_i > p_min + 2·s_min, drift when
 * p_i + s_i > p_min + 3·s_min; then it resets. The comparisons are strict as in river and MOA, so
 * a constant stream (s = 0) never fires. O(1) per value.
 *
 * @example
 * const ddm = new Ddm();
 * const errors = Array.from({ length: 200 }, (_, i) => (i < 100 ? i % 5 === 0 : i % 5 !== 0) ? 1 : 0);
 * errors.findIndex((x) => ddm.update(x) === 'drift'); // 114
 */
export class Ddm implements DriftDetector {
  readonly name = 'ddm';
  readonly params: Readonly<Record<string, number>>;
  private readonly warmStart: number;
  private readonly warningThreshold: number;
  private readonly driftThreshold: number;
  private n = 0;
  private p = 0;
  private pMin = Infinity;
  private sMin = Infinity;
  private psMin = Infinity;

  /** @throws {InputError} when a parameter is unknown or out of range, or warning > drift. */
  constructor(params: Readonly<Record<string, number>> = {}) {
    const p = resolveParams('ddm', DDM_PARAMS, params);
    if ((p['warning_threshold'] as number) > (p['drift_threshold'] as number)) {
      failRelation(
        'ddm.warning_threshold',
        `<= ddm.drift_threshold (${p['drift_threshold']})`,
        p['warning_threshold'] as number,
      );
    }
    this.params = p;
    this.warmStart = p['warm_start'] as number;
    this.warningThreshold = p['warning_threshold'] as number;
    this.driftThreshold = p['drift_threshold'] as number;
  }

  /** The running error rate p_i. */
  get errorRate(): number {
    return this.p;
  }

  update(x: number): DriftSignal {
    this.n++;
    this.p += (x - this.p) / this.n;
    if (this.n <= this.warmStart) return 'none';
    const s = Math.sqrt((this.p * (1 - this.p)) / this.n);
    if (this.p + s <= this.psMin) {
      this.pMin = this.p;
      this.sMin = s;
      this.psMin = this.p + s;
    }
    if (this.p + s > this.pMin + this.driftThreshold * this.sMin) {
      this.reset();
      return 'drift';
    }
    return this.p + s > this.pMin + this.warningThreshold * this.sMin ? 'warning' : 'none';
  }

  reset(): void {
    this.n = 0;
    this.p = 0;
    this.pMin = Infinity;
    this.sMin = Infinity;
    this.psMin = Infinity;
  }
}
