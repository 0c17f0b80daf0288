import { InputError } from '../../core/index.ts';
import type { SyntheticSpec } from './synthetic-spec.ts';

/** One stretch of the coefficient path: constant before `from`, linear to `to`, constant after. */
export interface CoefficientSegment {
  readonly from: number;
  readonly to: number;
  readonly before: readonly number[];
  readonly after: readonly number[];
}

/**
 * The true coefficients of the signals at every bar, as segments: each drift moves the vector
 * from `before` to `after` between bars `from` and `to` (`to = from` for an abrupt change,
 * effective at `from`).
 *
 * @throws {InputError} when a coefficient vector reaches a norm >= 1 (the noise weight
 * √(1 − |b|²) would vanish).
 * @example
 * coefficientPath(resolveSyntheticSpec({ bars: 100, drifts: [{ at: 50, kind: 'flip' }] }));
 * // [{ from: 50, to: 50, before: [0.3, 0], after: [-0.3, 0] }]
 */
export function coefficientPath(
  spec: Pick<SyntheticSpec, 'coefficients' | 'drifts'>,
): CoefficientSegment[] {
  checkNorm(spec.coefficients, 'synthetic.signal.coefficients');
  let current = [...spec.coefficients];
  return spec.drifts.map((d, i) => {
    let next: number[];
    if (d.kind === 'flip') next = current.map((b) => -b);
    else if (d.kind === 'set') next = [...(d.coefficients ?? [])];
    else {
      const a = ((d.angleDeg ?? 90) * Math.PI) / 180;
      const [x = 0, y = 0] = current;
      next = [
        x * Math.cos(a) - y * Math.sin(a),
        x * Math.sin(a) + y * Math.cos(a),
        ...current.slice(2),
      ];
    }
    next = next.map((b) => (Math.abs(b) < 1e-12 ? 0 : b)); // no -0 or 1e-17 leftovers of rotations
    checkNorm(next, `synthetic.drifts[${i}]`);
    const seg = { from: d.at, to: d.at + (d.over ?? 0), before: current, after: next };
    current = next;
    return seg;
  });
}

/**
 * Writes the coefficients at bar `t` into `out` (no allocation; called once per bar).
 *
 * @example
 * const out = new Float64Array(2);
 * coefficientsAt(path, [0.3, 0], 75, out);
 */
export function coefficientsAt(
  path: readonly CoefficientSegment[],
  initial: readonly number[],
  t: number,
  out: Float64Array,
): void {
  let vec: readonly number[] = initial;
  for (const seg of path) {
    if (t < seg.from) break;
    if (t >= seg.to) {
      vec = seg.after;
      continue;
    }
    const w = (t - seg.from) / (seg.to - seg.from);
    for (let k = 0; k < out.length; k++)
      out[k] = (1 - w) * (seg.before[k] as number) + w * (seg.after[k] as number);
    return;
  }
  for (let k = 0; k < out.length; k++) out[k] = vec[k] as number;
}

function checkNorm(b: readonly number[], field: string): void {
  const norm = Math.hypot(...b);
  if (!(norm < 1))
    throw new InputError(
      `Expected the coefficients of \`${field}\` to have a norm below 1, got ${norm.toFixed(3)} ([${b.join(', ')}])`,
    );
}
