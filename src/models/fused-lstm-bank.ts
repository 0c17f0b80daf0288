import { buildInputRows, observeNewest } from './bank-batch.ts';
import type { FusedKernels } from './fused-kernels.ts';
import { FusedUpdate } from './fused-update.ts';
import type { LstmConfig } from './lstm.ts';
import type { NeuralArchitecture } from './neural-architecture.ts';
import { NeuralBank } from './neural-bank.ts';
import { ScratchBuffers } from './wasm-arena.ts';

/** Models whose gradients are formed before one optimiser call (a few MB of gradients at most). */
export const FUSED_CHUNK = 16;

/**
 * A window-LSTM bank computed by the fused WebAssembly kernels (`assembly/lstm.ts`) instead of
 * tfjs: the bank's arrays live in the kernels' memory, and one call runs the forward pass (and
 * for learning the truncated BPTT and the optimiser step) of every model of a batch, one model
 * at a time with its weights in cache, with f32x4 SIMD over the hidden units. Same math as the
 * tfjs formulation in float32 (the tests compare them), same storage and snapshots; batching
 * never changes a model's numbers.
 *
 * @example
 * const banks = new BankRegistry();
 * createModel({ kind: 'lstm', window: 8 }, 3, 1, { banks }).kernel instanceof FusedLstmBank; // true
 */
export class FusedLstmBank extends NeuralBank {
  readonly kernels: FusedKernels;
  private readonly hidden: number;
  private readonly taped: number;
  private readonly buffers: ScratchBuffers;
  private readonly updater: FusedUpdate;

  constructor(arch: NeuralArchitecture, kernels: FusedKernels) {
    super(arch, kernels.arena);
    const config = arch.config as unknown as LstmConfig;
    this.kernels = kernels;
    this.hidden = config.hidden;
    this.taped = Math.min(Math.max(1, config.bpttSteps), config.window);
    this.buffers = new ScratchBuffers(kernels.arena);
    this.updater = new FusedUpdate(this.storage, arch.training, kernels, this.buffers);
  }

  protected override forward(slots: readonly number[], xs: readonly Float64Array[]): Float32Array {
    this.checkInputs(xs);
    const n = slots.length;
    const { features: f, window } = this.arch.training;
    const h = this.hidden;
    const table = this.tableOf(slots, xs);
    const z = this.buffers.f32('z', n);
    const scratch = this.buffers.f32('forward', 2 * (f + 7 * h));
    this.kernels.exports.lstmWindowForward(
      n,
      table.byteOffset,
      f,
      h,
      window,
      z.byteOffset,
      scratch.byteOffset,
    );
    return Float32Array.from(z);
  }

  protected override train(
    slots: readonly number[],
    xs: readonly Float64Array[],
    ys: readonly number[],
  ): Float32Array {
    this.checkInputs(xs);
    const n = slots.length;
    const { features: f, window, standardize, target } = this.arch.training;
    const { hidden: h, taped } = this;
    // standardised with the statistics the prediction on x used; x's newest bar is observed after
    const table = this.tableOf(slots, xs);
    if (standardize)
      slots.forEach((slot, i) => {
        observeNewest(this.storage, slot, xs[i] as Float64Array);
      });
    const y = this.buffers.f32('ys', n);
    y.set(ys);
    const z = this.buffers.f32('z', n);
    const grads = this.buffers.f32('grads', FUSED_CHUNK * this.storage.paramSize);
    const r = f + 7 * h;
    const scratch = this.buffers.f32('train', (taped + 3) * r + taped + h + taped * 4 * h + 2 * h);
    for (let start = 0; start < n; start += FUSED_CHUNK) {
      const m = Math.min(FUSED_CHUNK, n - start);
      this.kernels.exports.lstmWindowTrain(
        m,
        table.byteOffset + start * 8,
        f,
        h,
        window,
        taped,
        target === 'direction' ? 0 : 1,
        y.byteOffset + start * 4,
        z.byteOffset + start * 4,
        grads.byteOffset,
        scratch.byteOffset,
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
