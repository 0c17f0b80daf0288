import * as tf from '@tensorflow/tfjs';
import { DEFAULT_ADAPTIVE_LR } from './adaptive-lr.ts';
import { lstmSegment, readout, recurrentTranspose, runCells, zeroState } from './lstm-cell.ts';
import { createLstmStream } from './lstm-stream.ts';
import type {
  BatchData,
  NeuralArchitecture,
  NeuralTraining,
  ParamSpec,
} from './neural-architecture.ts';
import { DEFAULT_LABEL_LAG } from './stream-cache.ts';

/** Configuration of the LSTM direction model. */
export interface LstmConfig extends NeuralTraining {
  /** Hidden units (H). */
  readonly hidden: number;
  /**
   * Steps the gradient flows back through (truncated BPTT): 1..window, window = full BPTT;
   * stateful, steps of the stream (the cache holds them).
   */
  readonly bpttSteps: number;
}

export const DEFAULT_LSTM: Omit<LstmConfig, 'features'> = {
  hidden: 16,
  window: 16,
  bpttSteps: 16,
  learningRate: 0.003,
  optimizer: 'adam',
  l2: 1e-5,
  clipNorm: 1,
  standardize: true,
  adaptiveLr: DEFAULT_ADAPTIVE_LR,
  target: 'direction',
};

/**
 * A one-layer LSTM (Hochreiter & Schmidhuber 1997, with forget gate, Gers et al. 2000) over the
 * last W feature vectors, read out from the last hidden state by a linear head (sigmoid for
 * direction). The forget-gate bias starts at 1.
 *
 * Per model: gate matrices W_i, W_f, W_g, W_o [F + H, H] acting on [x_t; h_{t-1}], gate biases
 * [H], w_out [H], b_out. Batched over N models, each gate product of a step is one depthwise
 * convolution over the models (see `batchedLinear`); training backpropagates by hand
 * through the last `bpttSteps` steps ({@link lstmSegment}); the earlier steps run outside the
 * gradient tape (truncated BPTT). With `stateful`, the bank runs the streaming formulation
 * ({@link createLstmStream}); `forward` stays the window formulation it equals from a cold start.
 * These tensor formulations are the reference (`kernel: tfjs`); by default a bank computes the
 * same math in the fused WebAssembly kernels (`FusedLstmBank`, `FusedLstmStreamBank`).
 *
 * @example
 * const arch = createLstmArchitecture({ ...DEFAULT_LSTM, features: 3, hidden: 4, window: 5, bpttSteps: 5 });
 * arch.params.length; // 10: wi wf wg wo, bi bf bg bo, wOut bOut
 */
export function createLstmArchitecture(spec: LstmConfig): NeuralArchitecture {
  // who computes is no part of the model (snapshots move between kernels)
  const { kernel: _kernel, ...config } = spec as LstmConfig & { kernel?: unknown };
  const { features: f, hidden: h, window: w } = config;
  const k = Math.min(Math.max(1, config.bpttSteps), w);
  const gate = (name: string): ParamSpec => ({
    name,
    rows: f + h,
    cols: h,
    init: 'glorot',
    decay: true,
  });
  const bias = (name: string, init: 'zeros' | 'ones'): ParamSpec => ({
    name,
    rows: 1,
    cols: h,
    init,
    decay: false,
  });
  const params: ParamSpec[] = [
    gate('wi'),
    gate('wf'),
    gate('wg'),
    gate('wo'),
    bias('bi', 'zeros'),
    bias('bf', 'ones'),
    bias('bg', 'zeros'),
    bias('bo', 'zeros'),
    { name: 'wOut', rows: 1, cols: h, init: 'glorot', decay: true },
    { name: 'bOut', rows: 1, cols: 1, init: 'zeros', decay: false },
  ];
  const forward = (p: readonly tf.Tensor[], data: BatchData): tf.Tensor => {
    const state = runCells(stepInputs(data, f, w, 0), p, zeroState(data.n, h));
    return readout(state.h, p[8] as tf.Tensor, p[9] as tf.Tensor);
  };
  const trainingForward = (p: readonly tf.Tensor[], data: BatchData) => {
    // outside the tape: the truncated prefix and W_hᵀ for the backward pass
    const prefix = runCells(stepInputs(data, f, w - k, 0), p, zeroState(data.n, h));
    const whT = recurrentTranspose(data.params, f, h, data.n);
    const segment = lstmSegment(stepInputs(data, f, k, w - k), prefix, whT);
    return (q: tf.Tensor[]): tf.Tensor =>
      readout(segment(...q.slice(0, 8)), q[8] as tf.Tensor, q[9] as tf.Tensor);
  };
  const stream = config.stateful
    ? createLstmStream({
        features: f,
        hidden: h,
        bpttSteps: Math.max(1, config.bpttSteps),
        labelLag: config.labelLag ?? DEFAULT_LABEL_LAG,
        target: config.target,
      })
    : undefined;
  return {
    kind: 'lstm',
    training: config,
    config: { kind: 'lstm', ...config },
    params,
    forward,
    trainingForward,
    ...(stream === undefined ? {} : { stream }),
  };
}

/** `count` step inputs [F, N] starting at bar `from`, as views of the batch input. */
function stepInputs(data: BatchData, f: number, count: number, from: number): tf.Tensor[] {
  const size = f * data.n;
  return Array.from({ length: count }, (_, t) =>
    tf.tensor2d(data.input.subarray((from + t) * size, (from + t + 1) * size), [f, data.n]),
  );
}
