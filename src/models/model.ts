import { logLoss } from '../core/index.ts';

/**
 * Exact state of a model: every number that influences its future predictions and learning
 * (parameters, optimiser moments, scaler statistics, step counters). Restoring a snapshot makes
 * the model bit-identical to the one it was taken from. Float32 weights are stored widened to
 * Float64, which is lossless.
 */
export interface ModelSnapshot {
  readonly kind: string;
  /** Model configuration, as given at creation (JSON-serialisable). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Numeric state, in a fixed order defined by the model kind. */
  readonly arrays: readonly Float64Array[];
}

/** What a model predicts: `direction` → P(up) scored by log loss; `return` → a forecast scored by squared error. */
export type ModelTarget = 'direction' | 'return';

/**
 * Computes predictions and updates for many models of one family at once. Scalar models loop;
 * neural models stack the per-symbol weights into one tensor operation per call.
 *
 * Protocol per clock tick: the engine calls `learnMany` with every resolved label of the family,
 * then `predictMany` with every pending prediction. A model may appear more than once in one
 * `learnMany` call: the updates are then applied in order, as if `learn` were called sequentially.
 */
export interface ModelKernel {
  predictMany(models: readonly OnlineModel[], xs: readonly Float64Array[], out: Float64Array): void;
  /**
   * Learns one label per entry. When `predOut` is given it receives the prediction each model
   * made on its `x` just before that update (what a prequential loss needs).
   */
  learnMany(
    models: readonly OnlineModel[],
    xs: readonly Float64Array[],
    ys: ArrayLike<number>,
    predOut?: Float64Array,
  ): void;
}

/**
 * A model that serves and keeps learning. Direction models return the probability that the
 * price rises over the label horizon; `return` models return a forecast of the return.
 *
 * Contract: `predict` has no side effects — except that a stateful (streaming) model advances
 * its stream by one step when `x` is the next bar of the one it last saw (docs/models.md);
 * `learn` is called only with labels whose horizon has passed (the engine guarantees it), with
 * the very input that was predicted on; `snapshot` → `restore` is exact. Models that hold a slot in
 * a shared bank (LSTM, transformer, ensembles of them) release it with `dispose()`; a disposed
 * model must not be used again.
 */
export interface OnlineModel {
  readonly kind: string;
  /** Shared by all models of the same family, for batched computation. */
  readonly kernel: ModelKernel;
  /** Number of consecutive feature vectors the model reads (1 for tabular models). */
  readonly inputWindow: number;
  predict(x: Float64Array): number;
  learn(x: Float64Array, y: number): void;
  /** Labels learned so far. */
  readonly updates: number;
  snapshot(): ModelSnapshot;
  restore(snapshot: ModelSnapshot): void;
  /** An independent copy with identical state. */
  clone(): OnlineModel;
  /** What `predict` returns; absent means `direction`. */
  readonly target?: ModelTarget;
  /** True for a frozen baseline: `learn` is a no-op. */
  readonly frozen?: boolean;
  /** Loss of `prediction` against `label`: log loss for direction, squared error for return. */
  loss?(prediction: number, label: number): number;
  /** Releases shared resources (a bank slot). Idempotent. */
  dispose?(): void;
}

/**
 * Loss of a model's prediction, using the model's own loss when it has one (log loss for
 * direction models, squared error for return models).
 *
 * @example
 * modelLoss(model, 0.5, 1); // Math.LN2 for a direction model
 */
export function modelLoss(model: OnlineModel, prediction: number, label: number): number {
  if (model.loss !== undefined) return model.loss(prediction, label);
  return targetLoss(model.target ?? 'direction', prediction, label);
}

/** Log loss for `direction`, squared error for `return`. */
export function targetLoss(target: ModelTarget, prediction: number, label: number): number {
  if (target === 'direction') return logLoss(prediction, label);
  const e = prediction - label;
  return e * e;
}

/** The kernel of models that compute one at a time. */
export const LOOP_KERNEL: ModelKernel = {
  predictMany(models, xs, out) {
    for (let i = 0; i < models.length; i++)
      out[i] = (models[i] as OnlineModel).predict(xs[i] as Float64Array);
  },
  learnMany(models, xs, ys, predOut) {
    for (let i = 0; i < models.length; i++) {
      const m = models[i] as OnlineModel;
      const x = xs[i] as Float64Array;
      if (predOut !== undefined) predOut[i] = m.predict(x);
      m.learn(x, ys[i] as number);
    }
  },
};
