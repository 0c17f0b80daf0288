import * as tf from '@tensorflow/tfjs';
import { sigmoid } from '../core/index.ts';
import { backwardThroughTime, cellStep, readout } from './lstm-cell.ts';
import type { StreamArchitecture, StreamBatch } from './neural-architecture.ts';

/** Shapes and settings of the streaming LSTM. */
export interface LstmStreamConfig {
  readonly features: number;
  readonly hidden: number;
  /** Steps the gradient flows back through the cached records. */
  readonly bpttSteps: number;
  /** Steps between a prediction and its label that the cache covers. */
  readonly labelLag: number;
  readonly target: 'direction' | 'return';
}

/**
 * The stateful LSTM: h and c are carried from bar to bar, a prediction is one cell step, and a
 * label is learned by truncated BPTT over the `bpttSteps` cached steps ending at the step that
 * predicted it — from the activations cached when those steps ran (no forward pass is redone),
 * with the current weights in the backward products (W_hᵀ, w_out).
 *
 * Record of a step (Float32): [x (F, standardised), h_prev (H), then i, f, g, o, c_prev, tanh(c)
 * (H each)]; carry: [h (H), c (H)]. Capacity: bpttSteps + labelLag records. Steps missing from
 * the ring (a stream younger than bpttSteps, or older steps overwritten) count as zero records:
 * they add nothing to the gradient, which is BPTT truncated where the ring ends.
 *
 * @example
 * const s = createLstmStream({ features: 2, hidden: 3, bpttSteps: 4, labelLag: 2, target: 'direction' });
 * s.recordSize; // 2 + 7 · 3 = 23
 */
export function createLstmStream(config: LstmStreamConfig): StreamArchitecture {
  const { features: f, hidden: h, bpttSteps: k } = config;
  const recordSize = f + 7 * h;
  return {
    carrySize: 2 * h,
    recordSize,
    capacity: k + config.labelLag,
    step: (p, b) => step(p, b, f, h),
    gradients: (b, ages, ys) => gradients(b, ages, ys, config),
  };
}

function step(p: readonly tf.Tensor[], b: StreamBatch, f: number, h: number): Float32Array {
  const { n, cache, streams } = b;
  const hArr = new Float32Array(n * h);
  const hT = new Float32Array(h * n);
  const cArr = new Float32Array(n * h);
  const data = cache.data;
  for (let i = 0; i < n; i++) {
    const at = cache.carryOffset(streams[i] as number);
    for (let j = 0; j < h; j++) {
      const v = data[at + j] as number;
      hArr[i * h + j] = v;
      hT[j * n + i] = v;
      cArr[i * h + j] = data[at + h + j] as number;
    }
  }
  const state = {
    h: tf.tensor2d(hArr, [n, h]),
    hT: tf.tensor2d(hT, [h, n]),
    c: tf.tensor2d(cArr, [n, h]),
  };
  const tape: tf.Tensor[] = [];
  const next = cellStep(tf.tensor2d(b.input, [f, n]), state, p, tape);
  const z = Float32Array.from(readout(next.h, p[8] as tf.Tensor, p[9] as tf.Tensor).dataSync());
  const [xh, ...rest] = tape.map((t) => t.dataSync() as Float32Array) as [
    Float32Array,
    ...Float32Array[],
  ];
  const newH = next.h.dataSync() as Float32Array;
  const newC = next.c.dataSync() as Float32Array;
  for (let i = 0; i < n; i++) {
    const s = streams[i] as number;
    const rec = cache.recordOffset(s, cache.recordAt(s, 0));
    for (let r = 0; r < f + h; r++) data[rec + r] = xh[r * n + i] as number;
    // i, f, g, o, c_prev, tanh(c): [N, H] each, in tape order
    for (let q = 0; q < rest.length; q++) {
      const a = rest[q] as Float32Array;
      const to = rec + f + h + q * h;
      for (let j = 0; j < h; j++) data[to + j] = a[i * h + j] as number;
    }
    const carry = cache.carryOffset(s);
    for (let j = 0; j < h; j++) {
      data[carry + j] = newH[i * h + j] as number;
      data[carry + h + j] = newC[i * h + j] as number;
    }
  }
  return z;
}

/** Offsets of o and tanh(c) inside a record, after x (F) and h_prev (H), in units of H. */
const GATE_O = 3;
const TANH_C = 5;

function gradients(
  b: StreamBatch,
  ages: readonly number[],
  ys: Float32Array,
  config: LstmStreamConfig,
): tf.Tensor[] {
  const { features: f, hidden: h, bpttSteps: k, target } = config;
  const { n, cache, streams, weights } = b;
  const data = cache.data;
  const saved: tf.Tensor[] = [];
  // the K steps ending at each learned step, oldest first; a missing record stays zero
  for (let t = 0; t < k; t++) {
    const xh = new Float32Array((f + h) * n);
    const gates = new Float32Array(6 * n * h); // i, f, g, o, c_prev, tanh(c): [N, H] each
    for (let i = 0; i < n; i++) {
      const s = streams[i] as number;
      const record = cache.recordAt(s, (ages[i] as number) + k - 1 - t);
      if (record < 0) continue;
      const rec = cache.recordOffset(s, record);
      for (let r = 0; r < f + h; r++) xh[r * n + i] = data[rec + r] as number;
      for (let q = 0; q < 6; q++) {
        const from = rec + f + h + q * h;
        const to = (q * n + i) * h;
        for (let j = 0; j < h; j++) gates[to + j] = data[from + j] as number;
      }
    }
    // the tape order of `cellStep`: xh, i, f, g, o, c_prev, tanh(c)
    saved.push(tf.tensor2d(xh, [f + h, n]));
    for (let q = 0; q < 6; q++)
      saved.push(tf.tensor2d(gates.subarray(q * n * h, (q + 1) * n * h), [n, h]));
  }
  const out = 4 * (f + h) * h + 4 * h; // offset of w_out in a model's parameters
  const dz = new Float32Array(n);
  const dy = new Float32Array(n * h);
  const dwOut = new Float32Array(n * h);
  for (let i = 0; i < n; i++) {
    const s = streams[i] as number;
    const w = weights[i] as Float32Array;
    const record = cache.recordAt(s, ages[i] as number);
    const z = cache.output(s, record);
    const d = (target === 'direction' ? sigmoid(z) : z) - (ys[i] as number);
    dz[i] = d;
    const rec = cache.recordOffset(s, record) + f + h;
    for (let j = 0; j < h; j++) {
      // h = o · tanh(c), as the forward step computed it (one float32 product)
      const hj = Math.fround(
        (data[rec + GATE_O * h + j] as number) * (data[rec + TANH_C * h + j] as number),
      );
      dy[i * h + j] = d * (w[out + j] as number);
      dwOut[i * h + j] = d * hj;
    }
  }
  const whT = recurrentTransposeOf(weights, f, h);
  const grads = backwardThroughTime(tf.tensor2d(dy, [n, h]), saved, whT);
  return [...grads, tf.tensor3d(dwOut, [1, n, h]), tf.tensor3d(dz, [1, n, 1])];
}

/**
 * W_hᵀ of the four gates [4H, N, H] straight from each model's parameter vector (gate g's
 * matrix [F + H, H] starts at g · (F + H) · H): whT[g·H + j, n, r] = W_g[F + r, j] of model n.
 */
function recurrentTransposeOf(weights: readonly Float32Array[], f: number, h: number): tf.Tensor {
  const n = weights.length;
  const out = new Float32Array(4 * h * n * h);
  for (let m = 0; m < n; m++) {
    const w = weights[m] as Float32Array;
    for (let g = 0; g < 4; g++) {
      const base = g * (f + h) * h + f * h;
      for (let r = 0; r < h; r++) {
        const row = base + r * h;
        for (let j = 0; j < h; j++) out[((g * h + j) * n + m) * h + r] = w[row + j] as number;
      }
    }
  }
  return tf.tensor3d(out, [4 * h, n, h]);
}
