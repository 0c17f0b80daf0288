import { buildInputRows } from './bank-batch.ts';
import type { FusedKernels } from './fused-kernels.ts';
import { FusedUpdate } from './fused-update.ts';
import type { NeuralArchitecture, StreamArchitecture } from './neural-architecture.ts';
import { StreamBank } from './stream-bank.ts';
import { StreamCache } from './stream-cache.ts';
import { ScratchBuffers } from './wasm-arena.ts';

/**
 * What the fused streaming banks share: the slots' arrays and streams in the kernels' memory,
 * reusable scratch arrays there (scratch streams included) and the fused optimiser step. What is
 * cached, found, replayed and snapshotted stays the {@link StreamBank}'s; subclasses run the
 * steps (`run`) and the learning from cached steps (`learnCached`) in their kernels.
 */
export abstract class FusedStreamBase extends StreamBank {
  readonly kernels: FusedKernels;
  protected readonly buffers: ScratchBuffers;
  protected readonly updater: FusedUpdate;
  private scratch: StreamCache | null = null;
  private scratchStreams = 0;

  constructor(
    arch: NeuralArchitecture & { readonly stream: StreamArchitecture },
    kernels: FusedKernels,
  ) {
    super(arch, kernels.arena);
    this.kernels = kernels;
    this.buffers = new ScratchBuffers(kernels.arena);
    this.updater = new FusedUpdate(this.storage, arch.training, kernels, this.buffers);
  }

  /**
   * The standardised input rows of the bars a run steps through (bars `from`…window−1 of each
   * x, row-major per stream: stream i's bar t at `(i · bars + t) · F`), in the kernels' memory.
   */
  protected stepInputs(
    slots: readonly number[],
    xs: readonly Float64Array[],
    from: number,
  ): { readonly input: Float32Array; readonly bars: number } {
    const { window, standardize, features: f } = this.arch.training;
    const bars = window - from;
    const input = this.buffers.f32('input', slots.length * bars * f);
    buildInputRows(this.storage, slots, xs, window, standardize, from, input);
    return { input, bars };
  }

  /** Address of a slot's parameters in the kernels' memory. */
  protected paramsAt(slot: number): number {
    return this.storage.params.byteOffset + slot * this.storage.paramSize * 4;
  }

  protected override scratchCache(count: number): StreamCache {
    if (this.scratch === null)
      this.scratch = new StreamCache(this.cache.layout, this.kernels.arena);
    if (this.scratchStreams < count) {
      this.scratchStreams = Math.max(count, 2 * this.scratchStreams);
      this.scratch.grow(this.scratchStreams);
    }
    for (let s = 0; s < count; s++) this.scratch.reset(s);
    return this.scratch;
  }
}
