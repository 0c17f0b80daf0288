import { sigmoid } from '../core/index.ts';
import type { FusedKernels } from './fused-kernels.ts';
import { FusedStreamBase } from './fused-stream-base.ts';
import { FUSED_CHUNK } from './fused-window-bank.ts';
import type { LstmConfig } from './lstm.ts';
import type { NeuralArchitecture, StreamArchitecture } from './neural-architecture.ts';
import type { StreamCache } from './stream-cache.ts';

/**
 * The stateful (streaming) LSTM bank computed by the fused WebAssembly kernels: the slots'
 * streams live in the kernels' memory, a step of N streams is one kernel call (each model's
 * record and carry written in place), and learning from cached steps is one call for the
 * truncated BPTT plus the fused optimiser step. What is cached, found, replayed and snapshotted
 * is the {@link StreamBank}'s, unchanged; the record layout is the tfjs formulation's
 * (`lstm-stream.ts`).
 *
 * @example
 * createModel({ kind: 'lstm', window: 8, stateful: true }, 3, 1).kernel instanceof FusedLstmStreamBank; // true
 */
export class FusedLstmStreamBank extends FusedStreamBase {
  private readonly hidden: number;
  private readonly steps: number;

  constructor(
    arch: NeuralArchitecture & { readonly stream: StreamArchitecture },
    kernels: FusedKernels,
  ) {
    super(arch, kernels);
    const config = arch.config as unknown as LstmConfig;
    this.hidden = config.hidden;
    this.steps = Math.max(1, config.bpttSteps);
  }

  protected override run(
    cache: StreamCache,
    streams: readonly number[],
    slots: readonly number[],
    xs: readonly Float64Array[],
    from: number,
  ): Float32Array {
    const f = this.arch.training.features;
    const n = slots.length;
    const { input, bars } = this.stepInputs(slots, xs, from);
    const table = this.buffers.u32('step', 4 * n);
    const z = this.buffers.f32('z', n);
    for (let t = 0; t < bars; t++) {
      const data = cache.data.byteOffset;
      for (let i = 0; i < n; i++) {
        const s = streams[i] as number;
        const record = cache.push(s);
        table[4 * i] = this.paramsAt(slots[i] as number);
        table[4 * i + 1] = data + cache.carryOffset(s) * 4;
        table[4 * i + 2] = data + cache.recordOffset(s, record) * 4;
        table[4 * i + 3] = input.byteOffset + (i * bars + t) * f * 4;
      }
      this.kernels.exports.lstmStreamStep(n, table.byteOffset, f, this.hidden, z.byteOffset);
    }
    return Float32Array.from(z);
  }

  protected override learnCached(
    cache: StreamCache,
    streams: readonly number[],
    ages: readonly number[],
    slots: readonly number[],
    ys: readonly number[],
    zs: readonly number[],
  ): void {
    const { features: f, target } = this.arch.training;
    const { hidden: h, steps: k } = this;
    const n = slots.length;
    const table = this.buffers.u32('grad', n * (k + 1));
    const dz = this.buffers.f64('dz', n);
    const data = cache.data.byteOffset;
    for (let i = 0; i < n; i++) {
      const s = streams[i] as number;
      const row = i * (k + 1);
      table[row] = this.paramsAt(slots[i] as number);
      // the K steps ending at the labelled one, oldest first; 0: not held (no gradient past it)
      for (let t = 0; t < k; t++) {
        const record = cache.recordAt(s, (ages[i] as number) + k - 1 - t);
        table[row + 1 + t] = record < 0 ? 0 : data + cache.recordOffset(s, record) * 4;
      }
      const z = zs[i] as number;
      dz[i] = (target === 'direction' ? sigmoid(z) : z) - Math.fround(ys[i] as number);
    }
    const grads = this.buffers.f32('grads', FUSED_CHUNK * this.storage.paramSize);
    const scratch = this.buffers.f32('backward', h + k * 4 * h + 2 * h);
    for (let start = 0; start < n; start += FUSED_CHUNK) {
      const m = Math.min(FUSED_CHUNK, n - start);
      this.kernels.exports.lstmStreamGrad(
        m,
        table.byteOffset + start * (k + 1) * 4,
        f,
        h,
        k,
        dz.byteOffset + start * 8,
        grads.byteOffset,
        scratch.byteOffset,
      );
      this.updater.step(
        slots.slice(start, start + m),
        zs.slice(start, start + m),
        ys.slice(start, start + m),
        grads.byteOffset,
      );
    }
  }
}
