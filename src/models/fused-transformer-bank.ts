import type { FusedKernels } from './fused-kernels.ts';
import { FusedWindowBank } from './fused-window-bank.ts';
import type { NeuralArchitecture } from './neural-architecture.ts';
import type { TransformerConfig } from './transformer.ts';
import { positionRows } from './transformer-layers.ts';

/**
 * The shapes the transformer kernels take, in their argument order.
 *
 * @example
 * transformerShape({ ...DEFAULT_TRANSFORMER, features: 6 }); // [6, 16, 2, 1, 32, 16]
 */
export function transformerShape(
  config: TransformerConfig,
): [number, number, number, number, number, number] {
  return [config.features, config.dModel, config.heads, config.layers, config.ffDim, config.window];
}

/**
 * A window-transformer bank computed by the fused WebAssembly kernels
 * (`assembly/transformer*.ts`) instead of tfjs: one call runs the forward pass (and for learning
 * full backpropagation) of every model of a batch, one model at a time; the last block computes
 * only the newest position, as the tfjs formulation does. Same math in float32 (the tests compare
 * them), same storage and snapshots.
 *
 * @example
 * createModel({ kind: 'transformer', window: 8 }, 3, 1).kernel instanceof FusedTransformerBank; // true
 */
export class FusedTransformerBank extends FusedWindowBank {
  private readonly shape: [number, number, number, number, number, number];
  /** Positional encodings [W, D] and max(D, ff) zeros (the bias of bias-free layers). */
  private readonly pe: Float32Array;
  private readonly zeros: Float32Array;
  private readonly scratchSize: number;

  constructor(arch: NeuralArchitecture, kernels: FusedKernels) {
    super(arch, kernels);
    const config = arch.config as unknown as TransformerConfig;
    this.shape = transformerShape(config);
    const positions = Array.from({ length: config.window }, (_, t) => t);
    this.pe = kernels.arena.f32(config.window * config.dModel);
    this.pe.set(positionRows(positions, config.dModel));
    this.zeros = kernels.arena.f32(Math.max(config.dModel, config.ffDim));
    this.scratchSize = kernels.exports.transformerScratch(...this.shape);
  }

  protected forwardCall(n: number, table: number, z: number): void {
    const scratch = this.buffers.f32('forward', this.scratchSize);
    this.kernels.exports.transformerWindowForward(
      n,
      table,
      ...this.shape,
      this.pe.byteOffset,
      this.zeros.byteOffset,
      z,
      scratch.byteOffset,
    );
  }

  protected trainCall(n: number, table: number, ys: number, z: number, grads: number): void {
    const scratch = this.buffers.f32('forward', this.scratchSize);
    this.kernels.exports.transformerWindowTrain(
      n,
      table,
      ...this.shape,
      this.pe.byteOffset,
      this.zeros.byteOffset,
      this.arch.training.target === 'direction' ? 0 : 1,
      ys,
      z,
      grads,
      scratch.byteOffset,
    );
  }
}
