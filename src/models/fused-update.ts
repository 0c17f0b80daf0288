import { sigmoid } from '../core/index.ts';
import { adaptLearningRate } from './adaptive-lr.ts';
import { advanceSteps } from './bank-batch.ts';
import { ADAPTIVE_OFFSET, type BankStorage, SLOT_STATE_SIZE } from './bank-storage.ts';
import type { FusedKernels } from './fused-kernels.ts';
import { targetLoss } from './model.ts';
import type { NeuralTraining } from './neural-architecture.ts';
import type { ScratchBuffers } from './wasm-arena.ts';

/**
 * The optimiser step of a fused bank: each slot's adaptive rate from the loss of its output z
 * (as `NeuralBank.update`), the step counters and Adam's bias corrections in JavaScript
 * ({@link advanceSteps}), then clip, L2 and Adam or SGD in the kernel on gradients in parameter
 * layout — the arithmetic of `applyUpdate`, bit for bit on the same gradients.
 *
 * @example
 * new FusedUpdate(bank.storage, bank.arch.training, kernels, buffers).step(slots, z, ys, grads);
 */
export class FusedUpdate {
  private readonly storage: BankStorage;
  private readonly training: NeuralTraining;
  private readonly kernels: FusedKernels;
  private readonly buffers: ScratchBuffers;
  /** Per parameter [offset, rows, cols, decay]. */
  private readonly specs: Uint32Array;

  constructor(
    storage: BankStorage,
    training: NeuralTraining,
    kernels: FusedKernels,
    buffers: ScratchBuffers,
  ) {
    this.storage = storage;
    this.training = training;
    this.kernels = kernels;
    this.buffers = buffers;
    this.specs = kernels.arena.u32(4 * storage.specs.length);
    storage.specs.forEach((s, k) => {
      this.specs.set([storage.offsets[k] as number, s.rows, s.cols, s.decay ? 1 : 0], 4 * k);
    });
  }

  /**
   * One step of each of `slots` (distinct) from the gradients at address `grads` (one parameter
   * vector per slot, in order); `z` are the outputs they were computed at, `ys` the labels.
   */
  step(slots: readonly number[], z: ArrayLike<number>, ys: ArrayLike<number>, grads: number): void {
    const { storage, training } = this;
    const n = slots.length;
    const rates = this.buffers.f64('update.rates', n);
    for (let i = 0; i < n; i++) {
      const zi = z[i] as number;
      const loss = targetLoss(
        training.target,
        training.target === 'direction' ? sigmoid(zi) : zi,
        ys[i] as number,
      );
      rates[i] = adaptLearningRate(
        storage.state,
        (slots[i] as number) * SLOT_STATE_SIZE + ADAPTIVE_OFFSET,
        loss,
        training.learningRate,
        training.adaptiveLr,
      );
    }
    const hyper = this.buffers.f64('update.hyper', 3 * n);
    advanceSteps(storage, slots, rates, hyper);
    const at = this.buffers.u32('update.slots', n);
    for (let i = 0; i < n; i++) at[i] = slots[i] as number;
    this.kernels.exports.optimize(
      n,
      at.byteOffset,
      storage.params.byteOffset,
      storage.m.byteOffset,
      storage.v.byteOffset,
      grads,
      storage.paramSize,
      this.specs.byteOffset,
      storage.specs.length,
      hyper.byteOffset,
      training.clipNorm,
      training.l2,
      training.optimizer === 'adam' ? 1 : 0,
    );
  }
}
