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
  const worst = compare(
    before,
    model.snapshot(),
    (s) => {
      probe.restore(s);
      return probe.predict(x);
    },
    y,
    o,
  );
  probe.dispose?.();
  return worst;
}

/**
 * Gradient check of a streaming (stateful) model: the model predicts on the windows `xs` in
 * order (consecutive bars, so one step each), then learns label `y` of its prediction on
 * `xs[at]` — from the cache, after the later windows too (a label lag). The prediction on
 * `xs[at]` is a function of the weights through the `replay` steps ending at it (the steps the
 * gradient flows back through: bpttSteps for the LSTM, 1 for the transformer); the numeric
 * side restores the snapshot taken before those steps with one weight moved and replays them.
 * The weights must not change while the stream runs (no learning before `at`'s label).
 */
export function checkStreamGradient(
  model: OnlineModel,
  xs: readonly Float64Array[],
  at: number,
  replay: number,
  y: number,
  o: FdOptions,
): number {
  const start = at - replay + 1;
  for (let i = 0; i < start; i++) model.predict(xs[i] as Float64Array);
  const before = model.snapshot();
  const probe = model.clone();
  for (let i = start; i < xs.length; i++) model.predict(xs[i] as Float64Array);
  model.learn(xs[at] as Float64Array, y);
  const worst = compare(
    before,
    model.snapshot(),
    (s) => {
      probe.restore(s);
      let p = Number.NaN;
      for (let i = start; i <= at; i++) p = probe.predict(xs[i] as Float64Array);
      return p;
    },
    y,
    o,
  );
  probe.dispose?.();
  return worst;
}

/**
 * Compares the step between two snapshots (array 0: the weights) with central differences of
 * the loss of `predictAt(snapshot)` at `before` with one weight moved.
 */
function compare(
  before: ModelSnapshot,
  after: ModelSnapshot,
  predictAt: (s: ModelSnapshot) => number,
  y: number,
  o: FdOptions,
): number {
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
      const p = predictAt({ ...before, arrays } as ModelSnapshot);
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
  return worst;
}
