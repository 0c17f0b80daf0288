import type { FusedKernels } from './fused-kernels.ts';
import { FusedStreamBase } from './fused-stream-base.ts';
import { transformerShape } from './fused-transformer-bank.ts';
import { FUSED_CHUNK } from './fused-window-bank.ts';
import type { NeuralArchitecture, StreamArchitecture } from './neural-architecture.ts';
import type { StreamCache } from './stream-cache.ts';
import type { TransformerConfig } from './transformer.ts';
import { positionRows } from './transformer-layers.ts';

const MASKED = -1e9;

/**
 * The stateful (streaming) transformer bank computed by the fused WebAssembly kernels: a step
 * of N streams is one kernel call (each model's new position from its cached keys/values, its
 * record written in place), and learning recomputes each labelled position with the current
 * weights, the cached keys/values held constant (`transformer-stream.ts`'s math), then the fused
 * optimiser step.
 *
 * @example
 * createModel({ kind: 'transformer', window: 8, stateful: true }, 3, 1).kernel instanceof FusedTransformerStreamBank; // true
 */
export class FusedTransformerStreamBank extends FusedStreamBase {
  private readonly shape: [number, number, number, number, number, number];
  private readonly zeros: Float32Array;
  private readonly scratchSize: number;

  constructor(
    arch: NeuralArchitecture & { readonly stream: StreamArchitecture },
    kernels: FusedKernels,
  ) {
    super(arch, kernels);
    const config = arch.config as unknown as TransformerConfig;
    this.shape = transformerShape(config);
    this.zeros = kernels.arena.f32(Math.max(config.dModel, config.ffDim));
    this.scratchSize = kernels.exports.transformerScratch(...this.shape);
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
    const z = this.buffers.f32('z', n);
    const scratch = this.buffers.f32('scratch', this.scratchSize);
    for (let t = 0; t < bars; t++) {
      for (const s of streams) cache.push(s);
      const table = this.tableOf(
        cache,
        streams,
        slots,
        streams.map(() => 0),
        (i) => {
          return input.byteOffset + (i * bars + t) * f * 4;
        },
      );
      this.kernels.exports.transformerStreamStep(
        n,
        table.byteOffset,
        ...this.shape,
        this.zeros.byteOffset,
        z.byteOffset,
        scratch.byteOffset,
      );
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
    const n = slots.length;
    const table = this.tableOf(cache, streams, slots, ages, () => 0);
    const y = this.buffers.f32('ys', n);
    y.set(ys);
    const grads = this.buffers.f32('grads', FUSED_CHUNK * this.storage.paramSize);
    const scratch = this.buffers.f32('scratch', this.scratchSize);
    const entries = 4 + this.arch.training.window;
    for (let start = 0; start < n; start += FUSED_CHUNK) {
      const m = Math.min(FUSED_CHUNK, n - start);
      this.kernels.exports.transformerStreamGrad(
        m,
        table.byteOffset + start * entries * 4,
        ...this.shape,
        this.zeros.byteOffset,
        this.arch.training.target === 'direction' ? 0 : 1,
        y.byteOffset + start * 4,
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

  /**
   * The kernels' table of the steps `ages` back in `streams`: per model [parameters, record,
   * input (`inputAt(i)`), pe, mask, the W − 1 earlier records oldest first (0: not held, masked)],
   * with each model's positional encoding and mask written to scratch arrays.
   */
  private tableOf(
    cache: StreamCache,
    streams: readonly number[],
    slots: readonly number[],
    ages: readonly number[],
    inputAt: (i: number) => number,
  ): Uint32Array {
    const { window: w } = this.arch.training;
    const d = this.shape[1];
    const n = streams.length;
    const entries = 4 + w;
    const table = this.buffers.u32('table', n * entries);
    const mask = this.buffers.f32('mask', n * w);
    const positions: number[] = [];
    const data = cache.data.byteOffset;
    for (let i = 0; i < n; i++) {
      const s = streams[i] as number;
      const age = ages[i] as number;
      const record = cache.recordAt(s, age);
      positions.push(cache.position(s, record));
      const row = i * entries;
      table[row] = this.paramsAt(slots[i] as number);
      table[row + 1] = data + cache.recordOffset(s, record) * 4;
      table[row + 2] = inputAt(i);
      for (let j = 0; j < w - 1; j++) {
        const r = cache.recordAt(s, age + w - 1 - j);
        table[row + 5 + j] = r < 0 ? 0 : data + cache.recordOffset(s, r) * 4;
        mask[i * w + j] = r < 0 ? MASKED : 0;
      }
      mask[i * w + w - 1] = 0;
    }
    const pe = this.buffers.f32('pe', n * d);
    pe.set(positionRows(positions, d));
    for (let i = 0; i < n; i++) {
      table[i * entries + 3] = pe.byteOffset + i * d * 4;
      table[i * entries + 4] = mask.byteOffset + i * w * 4;
    }
    return table;
  }
}
