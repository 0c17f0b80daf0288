/**
 * Exact state of a model: every number that influences its future predictions and learning
 * (parameters, optimiser moments, scaler statistics, step counters). Restoring a snapshot makes
 * the model bit-identical to the one it was taken from.
 */
export interface ModelSnapshot {
  readonly kind: string;
  /** Model configuration, as given at creation. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Numeric state, in a fixed order defined by the model kind. */
  readonly arrays: readonly Float64Array[];
}

/**
 * Computes predictions and updates for many models of one family at once. Scalar models loop;
 * neural models stack the per-symbol weights into one tensor operation per clock tick.
 */
export interface ModelKernel {
  predictMany(models: readonly OnlineModel[], xs: readonly Float64Array[], out: Float64Array): void;
  learnMany(models: readonly OnlineModel[], xs: readonly Float64Array[], ys: ArrayLike<number>): void;
}

/**
 * A model that serves and keeps learning. Direction models return the probability that the
 * price rises over the label horizon.
 *
 * Contract: `predict` has no side effects; `learn` is called only with labels whose horizon has
 * passed (the engine guarantees it); `snapshot` → `restore` is exact.
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
}

/** The kernel of models that compute one at a time. */
export const LOOP_KERNEL: ModelKernel = {
  predictMany(models, xs, out) {
    for (let i = 0; i < models.length; i++) out[i] = (models[i] as OnlineModel).predict(xs[i] as Float64Array);
  },
  learnMany(models, xs, ys) {
    for (let i = 0; i < models.length; i++) (models[i] as OnlineModel).learn(xs[i] as Float64Array, ys[i] as number);
  },
};
