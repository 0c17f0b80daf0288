import { predictGrouped } from './kernel-groups.ts';
import {
  type ModelKernel,
  type ModelSnapshot,
  type ModelTarget,
  modelLoss,
  type OnlineModel,
} from './model.ts';

/** A model that can turn itself into a frozen baseline (all models of this folder can). */
interface Freezable extends OnlineModel {
  freeze(): void;
}

function isFreezable(m: OnlineModel): m is Freezable {
  return typeof (m as Partial<Freezable>).freeze === 'function';
}

/**
 * The frozen baseline of a model: an independent clone that predicts like the model did at this
 * moment and ignores `learn` forever (the "never update" arm of a comparison). For models of this
 * folder the clone itself is frozen, so it keeps the model's kernel and stays in the same batch
 * as the live models of its family (a frozen LSTM is a slot of the same bank). Other models are
 * wrapped.
 *
 * @example
 * const baseline = createFrozenBaseline(champion);
 * baseline.learn(x, 1); // no effect
 * baseline.frozen; // true
 */
export function createFrozenBaseline(model: OnlineModel): OnlineModel {
  const copy = model.clone();
  if (isFreezable(copy)) {
    copy.freeze();
    return copy;
  }
  return new FrozenModel(copy);
}

const FROZEN_KERNEL: ModelKernel = {
  predictMany(models, xs, out) {
    predictGrouped(
      models.map((m) => (m as FrozenModel).inner),
      xs,
      out,
    );
  },
  learnMany(models, xs, _ys, predOut) {
    if (predOut !== undefined) this.predictMany(models, xs, predOut);
  },
};

/** Wraps a model that cannot freeze itself; `learn` does nothing. */
class FrozenModel implements OnlineModel {
  readonly kernel = FROZEN_KERNEL;
  readonly frozen = true;
  readonly inner: OnlineModel;

  constructor(inner: OnlineModel) {
    this.inner = inner;
  }

  get kind(): string {
    return this.inner.kind;
  }

  get inputWindow(): number {
    return this.inner.inputWindow;
  }

  get updates(): number {
    return this.inner.updates;
  }

  get target(): ModelTarget {
    return this.inner.target ?? 'direction';
  }

  predict(x: Float64Array): number {
    return this.inner.predict(x);
  }

  learn(): void {}

  loss(prediction: number, label: number): number {
    return modelLoss(this.inner, prediction, label);
  }

  snapshot(): ModelSnapshot {
    return this.inner.snapshot();
  }

  restore(snapshot: ModelSnapshot): void {
    this.inner.restore(snapshot);
  }

  clone(): FrozenModel {
    return new FrozenModel(this.inner.clone());
  }

  dispose(): void {
    this.inner.dispose?.();
  }
}
