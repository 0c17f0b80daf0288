import * as tf from '@tensorflow/tfjs';
import { batchedLinear } from './batched-linear.ts';

const LN_EPS = 1e-5;

/**
 * Sinusoidal positional encoding (Vaswani et al. 2017), [W, 1, D]: PE[t, 2i] = sin(t / 10000^(2i/D)),
 * PE[t, 2i + 1] = cos(t / 10000^(2i/D)). Broadcasts over the models of a [W, N, D] tensor.
 *
 * @example
 * positionalEncoding(4, 8).shape; // [4, 1, 8]
 */
export function positionalEncoding(window: number, dModel: number): tf.Tensor {
  const positions = Array.from({ length: window }, (_, t) => t);
  return tf.tensor3d(positionRows(positions, dModel), [window, 1, dModel]);
}

/**
 * The sinusoidal encodings of `positions`, one row of D numbers each (the streaming transformer
 * encodes each model's own stream position).
 *
 * @example
 * positionRows([0, 7], 4).length; // 8
 */
export function positionRows(positions: readonly number[], dModel: number): Float32Array {
  const pe = new Float32Array(positions.length * dModel);
  positions.forEach((t, row) => {
    for (let i = 0; i < dModel; i += 2) {
      const angle = t / 10000 ** (i / dModel);
      pe[row * dModel + i] = Math.sin(angle);
      if (i + 1 < dModel) pe[row * dModel + i + 1] = Math.cos(angle);
    }
  });
  return pe;
}

/** Per-model linear layer on a [T, N, In] tensor: [T, N, Out] = x · W[:, n, :] (+ b). */
export function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const y = batchedLinear(tf.transpose(x, [0, 2, 1]), w);
  return b === undefined ? y : tf.add(y, b);
}

/** Layer normalisation over the last axis with per-model gain and shift [1, N, D]. */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor, shift: tf.Tensor): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, LN_EPS))), gain), shift);
}

/** GELU, tanh approximation (Hendrycks & Gimpel 2016): smooth, so finite differences agree. */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(
    Math.sqrt(2 / Math.PI),
    tf.add(x, tf.mul(0.044715, tf.mul(x, tf.square(x)))),
  );
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/**
 * Multi-head scaled dot-product attention of N models at once. `q` [Q, N, D], `k` and `v`
 * [W, N, D] → [Q, N, D]. Both products are per-(model, head) maps, computed with
 * {@link batchedLinear} over N·heads channels (channel = model · heads + head). The window
 * formulation has no mask (every bar of the window is in the past); the streaming one adds
 * `mask` [1, N·heads, W] to the scores (−1e9 where a position does not exist yet).
 */
export function attention(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  heads: number,
  mask?: tf.Tensor,
): tf.Tensor {
  const [nq, n, d] = q.shape as [number, number, number];
  const w = k.shape[0] as number;
  const dh = d / heads;
  const c = n * heads;
  // scores[q, c, j] = Σ_e Q[q, c, e] K[j, c, e]
  const qT = tf.reshape(tf.transpose(tf.reshape(q, [nq, n, heads, dh]), [0, 3, 1, 2]), [nq, dh, c]);
  const kT = tf.reshape(tf.transpose(tf.reshape(k, [w, n, heads, dh]), [3, 1, 2, 0]), [dh, c, w]);
  const scaled = tf.mul(batchedLinear(qT, kT), 1 / Math.sqrt(dh)); // [Q, C, W]
  const p = tf.softmax(mask === undefined ? scaled : tf.add(scaled, mask), -1);
  // ctx[q, c, e] = Σ_j P[q, c, j] V[j, c, e]
  const ctx = batchedLinear(tf.transpose(p, [0, 2, 1]), tf.reshape(v, [w, c, dh]));
  return tf.reshape(ctx, [nq, n, d]);
}
