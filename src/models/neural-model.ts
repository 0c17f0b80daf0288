import { InvariantError, type Random } from '../core/index.ts';
import { type ModelSnapshot, type ModelTarget, type OnlineModel, targetLoss } from './model.ts';
import type { BankHandle, NeuralBank } from './neural-bank.ts';

/**
 * An online neural model: a handle to one slot of a {@link NeuralBank}, which is also its
 * kernel. `predict`/`learn` on one handle run a batch of one; the engine batches many handles of
 * the same bank through `kernel.predictMany`/`learnMany`. `clone` copies the slot into a new one;
 * `dispose` releases the slot (call it when the model is discarded).
 *
 * @example
 * const model = createModel({ kind: 'lstm', hidden: 8, window: 4 }, 3, 7);
 * model.predict(new Float64Array(12)); // P(up) in (0, 1)
 * model.dispose?.();
 */
export class NeuralModel implements OnlineModel, BankHandle {
  readonly kind: string;
  readonly kernel: NeuralBank;
  readonly inputWindow: number;
  readonly target: ModelTarget;
  frozen = false;
  private slotIndex: number;
  private disposed = false;

  private constructor(bank: NeuralBank, slot: number) {
    this.kind = bank.arch.kind;
    this.kernel = bank;
    this.inputWindow = bank.arch.training.window;
    this.target = bank.arch.training.target;
    this.slotIndex = slot;
  }

  /** A new model with weights drawn from `rng`, in `bank`. */
  static create(bank: NeuralBank, rng: Random): NeuralModel {
    return new NeuralModel(bank, bank.create(rng));
  }

  get bank(): NeuralBank {
    return this.kernel;
  }

  get slot(): number {
    if (this.disposed) throw new InvariantError(`${this.kind} model used after dispose()`);
    return this.slotIndex;
  }

  get updates(): number {
    return this.kernel.updates(this.slot);
  }

  predict(x: Float64Array): number {
    const out = new Float64Array(1);
    this.kernel.predictMany([this], [x], out);
    return out[0] as number;
  }

  learn(x: Float64Array, y: number): void {
    if (this.frozen) return;
    this.kernel.learnMany([this], [x], [y]);
  }

  loss(prediction: number, label: number): number {
    return targetLoss(this.target, prediction, label);
  }

  snapshot(): ModelSnapshot {
    return this.kernel.snapshot(this.slot);
  }

  restore(snapshot: ModelSnapshot): void {
    this.kernel.restore(this.slot, snapshot);
  }

  clone(): NeuralModel {
    const copy = new NeuralModel(this.kernel, this.kernel.duplicate(this.slot));
    copy.frozen = this.frozen;
    return copy;
  }

  /** Turns this model into a frozen baseline: `learn` becomes a no-op, the bank skips it. */
  freeze(): void {
    this.frozen = true;
  }

  dispose(): void {
    if (this.disposed) return;
    this.kernel.release(this.slotIndex);
    this.disposed = true;
  }
}
