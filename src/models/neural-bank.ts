import * as tf from '@tensorflow/tfjs';
import { assert, InputError, type Random, sigmoid } from '../core/index.ts';
import { adaptLearningRate } from './adaptive-lr.ts';
import { type ArrayAllocator, JS_ARRAYS } from './array-allocator.ts';
import { applyUpdate, buildInput, gatherParams, observeNewest } from './bank-batch.ts';
import { ADAPTIVE_OFFSET, BankStorage, SLOT_STATE_SIZE } from './bank-storage.ts';
import { canonicalJson } from './canonical-json.ts';
import { type ModelKernel, type ModelSnapshot, type OnlineModel, targetLoss } from './model.ts';
import type { NeuralArchitecture } from './neural-architecture.ts';

/** What a bank needs from a model handle: which bank and slot it points to. */
export interface BankHandle {
  readonly bank: NeuralBank;
  readonly slot: number;
  readonly frozen: boolean;
}

/**
 * The kernel of a neural family: the weights of many models (one slot each, stacked along a
 * batch dimension) and the batched computation over them. `predictMany` runs ONE forward pass
 * for all the models given; `learnMany` runs one forward + backward pass and one optimiser step
 * per round (a round holds each model at most once; repeated models go to later rounds, so the
 * result equals sequential `learn` calls). Tensors live only inside a call (`tf.tidy`): between
 * calls a bank holds plain typed arrays, so it never leaks tensor memory.
 */
export class NeuralBank implements ModelKernel {
  readonly arch: NeuralArchitecture;
  readonly storage: BankStorage;
  private readonly configText: string;

  /** `arrays`: where the storage's arrays live (a fused kernel's memory for its banks). */
  constructor(arch: NeuralArchitecture, arrays: ArrayAllocator = JS_ARRAYS) {
    this.arch = arch;
    const { features, window } = arch.training;
    const stream = arch.stream;
    this.storage = new BankStorage(
      arch.params,
      features,
      stream === undefined
        ? undefined
        : {
            inputSize: window * features,
            carrySize: stream.carrySize,
            recordSize: stream.recordSize,
            capacity: stream.capacity,
          },
      arrays,
    );
    this.configText = canonicalJson(arch.config);
  }

  /** A new slot with freshly initialised weights. */
  create(rng: Random): number {
    const slot = this.storage.allocate();
    this.storage.initialize(slot, rng);
    return slot;
  }

  /** A new slot holding a copy of `slot`. */
  duplicate(slot: number): number {
    const copy = this.storage.allocate();
    this.storage.copy(slot, copy);
    return copy;
  }

  release(slot: number): void {
    this.storage.release(slot);
  }

  /** Labels learned by the slot. */
  updates(slot: number): number {
    return this.storage.state[slot * SLOT_STATE_SIZE] as number;
  }

  snapshot(slot: number): ModelSnapshot {
    return { kind: this.arch.kind, config: this.arch.config, arrays: this.storage.read(slot) };
  }

  restore(slot: number, snapshot: ModelSnapshot): void {
    const lengths = this.storage.arrayLengths();
    const ok =
      snapshot.kind === this.arch.kind &&
      canonicalJson(snapshot.config) === this.configText &&
      snapshot.arrays.length === lengths.length &&
      lengths.every((n, i) => snapshot.arrays[i]?.length === n);
    if (!ok)
      throw new InputError(
        `Expected a snapshot of ${this.configText}, got kind \`${snapshot.kind}\` with ${canonicalJson(snapshot.config)}`,
      );
    this.storage.write(slot, snapshot.arrays);
  }

  predictMany(
    models: readonly OnlineModel[],
    xs: readonly Float64Array[],
    out: Float64Array,
  ): void {
    if (models.length === 0) return;
    const z = this.forward(this.slotsOf(models), xs);
    for (let i = 0; i < z.length; i++) out[i] = this.head(z[i] as number);
  }

  learnMany(
    models: readonly OnlineModel[],
    xs: readonly Float64Array[],
    ys: ArrayLike<number>,
    predOut?: Float64Array,
  ): void {
    const slots = this.slotsOf(models);
    const frozen: number[] = [];
    const rounds: number[][] = [];
    const roundOf = new Map<number, number>();
    slots.forEach((slot, i) => {
      if ((models[i] as unknown as BankHandle).frozen) {
        frozen.push(i);
        return;
      }
      const r = roundOf.get(slot) ?? 0;
      roundOf.set(slot, r + 1);
      const round = rounds[r] ?? [];
      round.push(i);
      rounds[r] = round;
    });
    if (predOut !== undefined && frozen.length > 0) {
      const z = this.forward(
        frozen.map((i) => slots[i] as number),
        frozen.map((i) => xs[i] as Float64Array),
      );
      frozen.forEach((i, k) => {
        predOut[i] = this.head(z[k] as number);
      });
    }
    for (const round of rounds) {
      const z = this.train(
        round.map((i) => slots[i] as number),
        round.map((i) => xs[i] as Float64Array),
        round.map((i) => ys[i] as number),
      );
      if (predOut === undefined) continue;
      round.forEach((i, k) => {
        predOut[i] = this.head(z[k] as number);
      });
    }
  }

  /** Model output from the head's pre-activation: P(up) for direction, the forecast for return. */
  protected head(z: number): number {
    return this.arch.training.target === 'direction' ? sigmoid(z) : z;
  }

  protected slotsOf(models: readonly OnlineModel[]): number[] {
    return models.map((m) => {
      const h = m as unknown as BankHandle;
      assert(
        h.bank === this,
        () =>
          `model of kind ${m.kind} does not belong to this ${this.arch.kind} bank (disposed, or routed to the wrong kernel)`,
      );
      return h.slot;
    });
  }

  /** Batched forward of `slots`: the head pre-activations z, one per slot. */
  protected forward(slots: readonly number[], xs: readonly Float64Array[]): Float32Array {
    const { window, standardize } = this.arch.training;
    this.checkInputs(xs);
    const input = buildInput(this.storage, slots, xs, window, standardize);
    const params = gatherParams(this.storage, slots);
    const n = slots.length;
    const data = { n, input, params };
    return tf.tidy(() =>
      Float32Array.from(this.arch.forward(this.tensors(params, n), data).dataSync()),
    );
  }

  /** One training step of distinct `slots`; returns their pre-update outputs z. */
  protected train(
    slots: readonly number[],
    xs: readonly Float64Array[],
    ys: readonly number[],
  ): Float32Array {
    const { window, standardize, target } = this.arch.training;
    this.checkInputs(xs);
    // standardised with the statistics the prediction on x used; x's newest bar is observed after
    const input = buildInput(this.storage, slots, xs, window, standardize);
    if (standardize) {
      slots.forEach((slot, i) => {
        observeNewest(this.storage, slot, xs[i] as Float64Array);
      });
    }
    const params = gatherParams(this.storage, slots);
    const n = slots.length;
    let z = new Float32Array(n);
    let grads: Float32Array[] = [];
    tf.tidy(() => {
      const p = this.tensors(params, n);
      const y = tf.tensor1d(Float32Array.from(ys));
      const fn = this.arch.trainingForward(p, { n, input, params });
      let kept: tf.Tensor | null = null;
      const g = tf.grads((...q: tf.Tensor[]) => {
        const out = fn(q);
        kept = tf.keep(out);
        // sum, not mean: each model's gradient is the gradient of its own loss
        return tf.sum(
          target === 'direction'
            ? tf.sub(tf.softplus(out), tf.mul(y, out))
            : tf.mul(0.5, tf.square(tf.sub(out, y))),
        );
      })(p);
      grads = g.map((t) => t.dataSync() as Float32Array);
      z = Float32Array.from((kept as unknown as tf.Tensor).dataSync());
      (kept as unknown as tf.Tensor).dispose();
    });
    this.update(slots, grads, z, ys);
    return z;
  }

  /**
   * The optimiser step of distinct `slots` from their batched gradients; `z` are the outputs
   * they were computed at (their loss adapts each slot's rate).
   */
  protected update(
    slots: readonly number[],
    grads: readonly Float32Array[],
    z: ArrayLike<number>,
    ys: ArrayLike<number>,
  ): void {
    const { target, learningRate, adaptiveLr } = this.arch.training;
    const rates = new Float64Array(slots.length);
    slots.forEach((slot, i) => {
      const loss = targetLoss(target, this.head(z[i] as number), ys[i] as number);
      rates[i] = adaptLearningRate(
        this.storage.state,
        slot * SLOT_STATE_SIZE + ADAPTIVE_OFFSET,
        loss,
        learningRate,
        adaptiveLr,
      );
    });
    applyUpdate(this.storage, slots, grads, rates, this.arch.training);
  }

  protected tensors(params: readonly Float32Array[], n: number): tf.Tensor[] {
    return params.map((a, k) => {
      const spec = this.arch.params[k];
      return tf.tensor3d(a, [spec?.rows as number, n, spec?.cols as number]);
    });
  }

  protected checkInputs(xs: readonly Float64Array[]): void {
    const expected = this.arch.training.window * this.storage.features;
    for (const x of xs)
      assert(
        x.length === expected,
        () =>
          `${this.arch.kind} input must hold window × features = ${expected} numbers, got ${x.length}`,
      );
  }
}
