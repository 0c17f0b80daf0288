import type { FusedKernels } from './fused-kernels.ts';
import { FusedWindowBank } from './fused-window-bank.ts';
import type { LstmConfig } from './lstm.ts';
import type { NeuralArchitecture } from './neural-architecture.ts';

/**
 * A window-LSTM bank computed by the fused WebAssembly kernels (`assembly/lstm.ts`) instead of
 * tfjs: one call runs the forward pass (and for learning the truncated BPTT) of every model of a
 * batch, one model at a time with its weights in cache, with f32x4 SIMD over the hidden units.
 * Same math as the tfjs formulation in float32 (the tests compare them), same storage and
 * snapshots; batching never changes a model's numbers.
 *
 * @example
 * const banks = new BankRegistry();
 * createModel({ kind: 'lstm', window: 8 }, 3, 1, { banks }).kernel instanceof FusedLstmBank; // true
 */
export class FusedLstmBank extends FusedWindowBank {
  private readonly hidden: number;
  private readonly taped: number;

  constructor(arch: NeuralArchitecture, kernels: FusedKernels) {
    super(arch, kernels);
    const config = arch.config as unknown as LstmConfig;
    this.hidden = config.hidden;
    this.taped = Math.min(Math.max(1, config.bpttSteps), config.window);
  }

  protected forwardCall(n: number, table: number, z: number): void {
    const { features: f, window } = this.arch.training;
    const scratch = this.buffers.f32('forward', 2 * (f + 7 * this.hidden));
    this.kernels.exports.lstmWindowForward(n, table, f, this.hidden, window, z, scratch.byteOffset);
  }

  protected trainCall(n: number, table: number, ys: number, z: number, grads: number): void {
    const { features: f, window, target } = this.arch.training;
    const { hidden: h, taped } = this;
    const r = f + 7 * h;
    const scratch = this.buffers.f32('train', (taped + 3) * r + taped + h + taped * 4 * h + 2 * h);
    this.kernels.exports.lstmWindowTrain(
      n,
      table,
      f,
      h,
      window,
      taped,
      target === 'direction' ? 0 : 1,
      ys,
      z,
      grads,
      scratch.byteOffset,
    );
  }
}
