import { buildInputRows, observeNewest } from './bank-batch.ts';
import type { FusedKernels } from './fused-kernels.ts';
import { FusedUpdate } from './fused-update.ts';
import type { NeuralArchitecture } from './neural-architecture.ts';
import { NeuralBank } from './neural-bank.ts';
import { ScratchBuffers } from './wasm-arena.ts';

/** Models whose gradients are formed before one optimiser call (a few MB of gradients at most). */
export const FUSED_CHUNK = 16;

/**
 * A window-formulation bank computed by the fused WebAssembly kernels instead of tfjs: the
 * bank's arrays live in the kernels' memory; a prediction call writes the standardised inputs
 * (model-major) and a [parameters, input] address table, then makes one kernel call for the
 * batch; a training round does the same with one forward + backward call per {@link FUSED_CHUNK}
 * models and the fused optimiser step ({@link FusedUpdate}). Rounds, frozen models, scaler
 * updates, snapshots: {@link NeuralBank}'s. Subclasses name the kernel calls.
 */
export abstract class FusedWindowBank extends NeuralBank {
  readonly kernels: FusedKernels;
  protected readonly buffers: ScratchBuffers;
  private readonly updater: FusedUpdate;

  constructor(arch: NeuralArchitecture, kernels: FusedKernels) {
    super(arch, kernels.arena);
    this.kernels = kernels;
    this.buffers = new ScratchBuffers(kernels.arena);
    this.updater = new FusedUpdate(this.storage, arch.training, kernels, this.buffers);
  }

  /** The kernel's forward pass of n models: outputs to address z. */
  protected abstract forwardCall(n: number, table: number, z: number): void;

  /** The kernel's forward + backward pass of n models: outputs to z, gradients to grads. */
  protected abstract trainCall(
    n: number,
    table: number,
    ys: number,
    z: number,
    grads: number,
  ): void;

  protected override forward(slots: readonly number[], xs: readonly Float64Array[]): Float32Array {
    this.checkInputs(xs);
    const z = this.buffers.f32('z', slots.length);
    this.forwardCall(slots.length, this.tableOf(slots, xs).byteOffset, z.byteOffset);
    return Float32Array.from(z);
  }

  protected override train(
    slots: readonly number[],
    xs: readonly Float64Array[],
    ys: readonly number[],
  ): Float32Array {
    this.checkInputs(xs);
    const n = slots.length;
    // standardised with the statistics the prediction on x used; x's newest bar is observed after
    const table = this.tableOf(slots, xs);
    if (this.arch.training.standardize)
      slots.forEach((slot, i) => {
        observeNewest(this.storage, slot, xs[i] as Float64Array);
      });
    const y = this.buffers.f32('ys', n);
    y.set(ys);
    const z = this.buffers.f32('z', n);
    const grads = this.buffers.f32('grads', FUSED_CHUNK * this.storage.paramSize);
    for (let start = 0; start < n; start += FUSED_CHUNK) {
      const m = Math.min(FUSED_CHUNK, n - start);
      this.trainCall(
        m,
        table.byteOffset + start * 8,
        y.byteOffset + start * 4,
        z.byteOffset + start * 4,
        grads.byteOffset,
      );
      this.updater.step(
        slots.slice(start, start + m),
        z.subarray(start, start + m),
        ys.slice(start, start + m),
        grads.byteOffset,
      );
    }
    return Float32Array.from(z);
  }

  /** The standardised inputs of `slots`, model-major, and the [parameters, input] address table. */
  private tableOf(slots: readonly number[], xs: readonly Float64Array[]): Uint32Array {
    const n = slots.length;
    const { features: f, window, standardize } = this.arch.training;
    const input = this.buffers.f32('input', n * window * f);
    buildInputRows(this.storage, slots, xs, window, standardize, 0, input);
    const table = this.buffers.u32('table', 2 * n);
    const bytes = this.storage.paramSize * 4;
    const params = this.storage.params.byteOffset;
    for (let i = 0; i < n; i++) {
      table[2 * i] = params + (slots[i] as number) * bytes;
      table[2 * i + 1] = input.byteOffset + i * window * f * 4;
    }
    return table;
  }
}
