import { LOOP_KERNEL, type ModelKernel, type OnlineModel } from '../models/index.ts';

interface Group {
  models: OnlineModel[];
  xs: Float64Array[];
  ys: number[];
  slots: number[];
}

/**
 * Collects the learn and predict requests of one clock tick and runs them grouped by model
 * kernel, so a neural family computes all symbols in one batched tensor operation. Results of
 * `predict` are read back by slot after {@link flushPredictions}.
 */
export class ModelBatch {
  private readonly learnGroups = new Map<ModelKernel, Group>();
  private readonly predictGroups = new Map<ModelKernel, Group>();
  private scores = new Float64Array(256);
  private nextSlot = 0;

  learn(model: OnlineModel, x: Float64Array, y: number): void {
    if (model.kernel === LOOP_KERNEL) {
      model.learn(x, y); // a scalar model gains nothing from batching: same order, no queue
      return;
    }
    const g = group(this.learnGroups, model.kernel);
    g.models.push(model);
    g.xs.push(x);
    g.ys.push(y);
  }

  /** Queues a prediction; returns the slot to read after the flush. */
  predict(model: OnlineModel, x: Float64Array): number {
    const slot = this.nextSlot++;
    if (model.kernel === LOOP_KERNEL) {
      if (slot >= this.scores.length) this.grow(slot + 1);
      this.scores[slot] = model.predict(x);
      return slot;
    }
    const g = group(this.predictGroups, model.kernel);
    g.models.push(model);
    g.xs.push(x);
    g.slots.push(slot);
    return slot;
  }

  flushLearning(): void {
    for (const [kernel, g] of this.learnGroups) {
      if (g.models.length === 0) continue;
      kernel.learnMany(g.models, g.xs, g.ys);
      clear(g);
    }
  }

  flushPredictions(): void {
    if (this.scores.length < this.nextSlot) this.grow(this.nextSlot);
    for (const [kernel, g] of this.predictGroups) {
      const n = g.models.length;
      if (n === 0) continue;
      const out = new Float64Array(n);
      kernel.predictMany(g.models, g.xs, out);
      for (let i = 0; i < n; i++) this.scores[g.slots[i] as number] = out[i] as number;
      clear(g);
    }
  }

  private grow(size: number): void {
    const next = new Float64Array(size * 2);
    next.set(this.scores);
    this.scores = next;
  }

  score(slot: number): number {
    return this.scores[slot] as number;
  }

  /** Starts a new tick: slots restart at 0. */
  reset(): void {
    this.nextSlot = 0;
  }
}

function group(map: Map<ModelKernel, Group>, kernel: ModelKernel): Group {
  let g = map.get(kernel);
  if (g === undefined) {
    g = { models: [], xs: [], ys: [], slots: [] };
    map.set(kernel, g);
  }
  return g;
}

function clear(g: Group): void {
  g.models.length = 0;
  g.xs.length = 0;
  g.ys.length = 0;
  g.slots.length = 0;
}
