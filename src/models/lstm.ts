import * as tf from '@tensorflow/tfjs';
import { DEFAULT_ADAPTIVE_LR } from './adaptive-lr.ts';
import { lstmSegment, runCells, zeroState } from './lstm-cell.ts';
import type {
  BatchData,
  NeuralArchitecture,
  NeuralTraining,
  ParamSpec,
} from './neural-architecture.ts';

/** Configuration of the LSTM direction model. */
export interface LstmConfig extends NeuralTraining {
  /** Hidden units (H). */
  readonly hidden: number;
  /** Steps the gradient flows back through (truncated BPTT), 1..window; window = full BPTT. */
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
 * gradient tape (truncated BPTT).
 *
 * @example
 * const arch = createLstmArchitecture({ ...DEFAULT_LSTM, features: 3, hidden: 4, window: 5, bpttSteps: 5 });
 * arch.params.length; // 10: wi wf wg wo, bi bf bg bo, wOut bOut
 */
export function createLstmArchitecture(config: LstmConfig): NeuralArchitecture {
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
    const whT = tf.tensor3d(recurrentTranspose(data, f, h), [4 * h, data.n, h]);
    const segment = lstmSegment(stepInputs(data, f, k, w - k), prefix, whT);
    return (q: tf.Tensor[]): tf.Tensor =>
      readout(segment(...q.slice(0, 8)), q[8] as tf.Tensor, q[9] as tf.Tensor);
  };
  return {
    kind: 'lstm',
    training: config,
    config: { kind: 'lstm', ...config },
    params,
    forward,
    trainingForward,
  };
}

/** `count` step inputs [F, N] starting at bar `from`, as views of the batch input. */
function stepInputs(data: BatchData, f: number, count: number, from: number): tf.Tensor[] {
  const size = f * data.n;
  return Array.from({ length: count }, (_, t) =>
    tf.tensor2d(data.input.subarray((from + t) * size, (from + t + 1) * size), [f, data.n]),
  );
}

/** W_hᵀ of the four gates, [4H, N, H]: whT[g·H + j, n, r] = W_g[F + r, n, j]. */
function recurrentTranspose(data: BatchData, f: number, h: number): Float32Array {
  const n = data.n;
  const out = new Float32Array(4 * h * n * h);
  for (let g = 0; g < 4; g++) {
    const wg = data.params[g] as Float32Array;
    for (let r = 0; r < h; r++) {
      for (let m = 0; m < n; m++) {
        const src = ((f + r) * n + m) * h;
        for (let j = 0; j < h; j++) out[((g * h + j) * n + m) * h + r] = wg[src + j] as number;
      }
    }
  }
  return out;
}

/** z[n] = h[n] · w_out[n] + b_out[n]. */
function readout(h: tf.Tensor, wOut: tf.Tensor, bOut: tf.Tensor): tf.Tensor {
  const n = h.shape[0] as number;
  return tf.add(tf.sum(tf.mul(h, tf.reshape(wOut, [n, -1])), 1), tf.reshape(bOut, [n]));
}
