import { expect } from 'vitest';
import { logLoss } from '../../src/core/index.ts';
import type { ModelSnapshot, ModelTarget, OnlineModel } from '../../src/models/index.ts';

/** Rounds to float32 when the model stores Float32 weights. */
export type Rounding = (v: number) => number;
export const toFloat32: Rounding = Math.fround;
export const exact: Rounding = (v) => v;

export interface FdOptions {
  /** Step of the central difference. */
  readonly eps: number;
  /** Learning rate of the plain-SGD step the model was configured with. */
  readonly lr: number;
  readonly round: Rounding;
  /** |analytic − numeric| <= abs + rel · |numeric|. */
  readonly abs: number;
  readonly rel: number;
  readonly target: ModelTarget;
  /** Parameter indices to probe (default: all). */
  readonly indices?: readonly number[];
}

/**
 * Gradient check through the model's public surface: the model must be configured for one plain
 * SGD step (no clipping, no L2, no adaptive rate, no standardisation), so `learn` moves the
 * parameters (snapshot array 0) by exactly −lr · ∇loss. That step is compared with central finite
 * differences of the loss of `predict`, probing each parameter on a clone.
 * Returns the worst relative error seen.
 */
export function checkGradient(
  model: OnlineModel,
  x: Float64Array,
  y: number,
  o: FdOptions,
): number {
  const before = model.snapshot();
  const probe = model.clone();
  model.learn(x, y);
  const after = model.snapshot();
  const w0 = before.arrays[0] as Float64Array;
  const w1 = after.arrays[0] as Float64Array;
  const indices = o.indices ?? Array.from(w0, (_, i) => i);
  let worst = 0;
  let checked = 0;
  for (const i of indices) {
    const analytic = ((w0[i] as number) - (w1[i] as number)) / o.lr;
    const plus = o.round((w0[i] as number) + o.eps);
    const minus = o.round((w0[i] as number) - o.eps);
    const lossAt = (v: number) => {
      const arrays = before.arrays.map((a) => Float64Array.from(a));
      (arrays[0] as Float64Array)[i] = v;
      probe.restore({ ...before, arrays } as ModelSnapshot);
      const p = probe.predict(x);
      // the loss whose gradient a step follows: log loss, or ½(ŷ − y)² for return models
      return o.target === 'direction' ? logLoss(p, y) : 0.5 * (p - y) ** 2;
    };
    const numeric = (lossAt(plus) - lossAt(minus)) / (plus - minus);
    const err = Math.abs(analytic - numeric);
    worst = Math.max(worst, err / (Math.abs(numeric) + 1e-12));
    expect(err, `parameter ${i}: analytic ${analytic} vs numeric ${numeric}`).toBeLessThanOrEqual(
      o.abs + o.rel * Math.abs(numeric),
    );
    if (Math.abs(numeric) > 1e-4) checked++;
  }
  // the check is meaningless if every gradient is ~0
  expect(checked).toBeGreaterThan(indices.length / 4);
  probe.dispose?.();
  return worst;
}
