import * as tf from '@tensorflow/tfjs';
import { batchedLinear } from './batched-linear.ts';
import type { StreamArchitecture, StreamBatch } from './neural-architecture.ts';
import type { StreamCache } from './stream-cache.ts';
import { attention, gelu, layerNorm, linear, positionRows } from './transformer-layers.ts';

/** Shapes and settings of the streaming transformer. */
export interface TransformerStreamConfig {
  readonly features: number;
  readonly dModel: number;
  readonly heads: number;
  readonly layers: number;
  /** Positions each new one attends to, itself included (W). */
  readonly window: number;
  /** Steps between a prediction and its label that the cache covers. */
  readonly labelLag: number;
  readonly target: 'direction' | 'return';
}

const LAYER_PARAMS = 12;
const MASKED = -1e9;

/**
 * The streaming transformer: causal self-attention over a sliding window with cached keys and
 * values. Each bar is one new position: its embedding (plus the sinusoidal encoding of its
 * stream position), then per layer its query attends to its own key/value and the cached ones
 * of the previous W − 1 positions of that layer; the head reads the new position. A prediction
 * costs one position, whatever W. Same parameters as the window formulation.
 *
 * Learning recomputes the labelled step's one position with the current weights, the cached
 * keys/values of the positions before it held constant: the exact gradient of that step's
 * output with respect to the weights (the analogue of truncated BPTT with one step; earlier
 * positions are not revisited).
 *
 * Record of a step (Float32): [x (F, standardised), then per layer k (D), v (D)]; no carry.
 * Capacity: W + labelLag records.
 *
 * @example
 * const s = createTransformerStream({ features: 2, dModel: 4, heads: 2, layers: 1, window: 3, labelLag: 2, target: 'direction' });
 * s.recordSize; // 2 + 2 · 4 = 10
 */
export function createTransformerStream(config: TransformerStreamConfig): StreamArchitecture {
  const { features: f, dModel: d, layers, window: w } = config;
  return {
    carrySize: 0,
    recordSize: f + 2 * layers * d,
    capacity: w + config.labelLag,
    step: (p, b) => step(p, b, config),
    gradients: (b, ages, ys, p) => gradients(p(), b, ages, ys, config),
  };
}

/** The cached keys and values a new position attends to, per layer [W − 1, N, D], and the mask. */
interface Context {
  readonly k: tf.Tensor[];
  readonly v: tf.Tensor[];
  readonly mask: tf.Tensor;
}

/**
 * Inputs [1, F, N], position encodings and contexts of the cached steps at `ages`, or with
 * `ages` null of the new steps (age 0, inputs from `b.input`).
 */
function gather(b: StreamBatch, ages: readonly number[] | null, config: TransformerStreamConfig) {
  const { features: f, dModel: d, heads, layers, window: w } = config;
  const { n, cache, streams } = b;
  const past = w - 1;
  const x = new Float32Array(f * n);
  const positions: number[] = [];
  const k = Array.from({ length: layers }, () => new Float32Array(past * n * d));
  const v = Array.from({ length: layers }, () => new Float32Array(past * n * d));
  const mask = new Float32Array(n * heads * w);
  for (let i = 0; i < n; i++) {
    const s = streams[i] as number;
    const age = ages === null ? 0 : (ages[i] as number);
    const record = cache.recordAt(s, age);
    const at = cache.recordOffset(s, record);
    for (let j = 0; j < f; j++)
      x[j * n + i] = (ages === null ? b.input[j * n + i] : cache.data[at + j]) as number;
    positions.push(cache.position(s, record));
    for (let t = 0; t < past; t++) {
      const r = cache.recordAt(s, age + past - t);
      if (r < 0) {
        for (let hd = 0; hd < heads; hd++) mask[(i * heads + hd) * w + t] = MASKED;
        continue;
      }
      copyKv(cache, s, r, f, d, layers, k, v, (t * n + i) * d);
    }
  }
  const context: Context = {
    k: k.map((a) => tf.tensor3d(a, [past, n, d])),
    v: v.map((a) => tf.tensor3d(a, [past, n, d])),
    mask: tf.tensor3d(mask, [1, n * heads, w]),
  };
  const pe = tf.tensor3d(positionRows(positions, d), [1, n, d]);
  return { x: tf.tensor3d(x, [1, f, n]), pe, context };
}

function copyKv(
  cache: StreamCache,
  s: number,
  record: number,
  f: number,
  d: number,
  layers: number,
  k: Float32Array[],
  v: Float32Array[],
  to: number,
): void {
  const at = cache.recordOffset(s, record) + f;
  for (let l = 0; l < layers; l++) {
    (k[l] as Float32Array).set(cache.data.subarray(at + 2 * l * d, at + (2 * l + 1) * d), to);
    (v[l] as Float32Array).set(cache.data.subarray(at + (2 * l + 1) * d, at + (2 * l + 2) * d), to);
  }
}

/** One new position of N models: its output z [N] and, per layer, its key and value [1, N, D]. */
function position(
  p: readonly tf.Tensor[],
  x: tf.Tensor,
  pe: tf.Tensor,
  ctx: Context,
  config: TransformerStreamConfig,
) {
  const { dModel: d, heads, layers } = config;
  const n = x.shape[2] as number;
  let e = tf.add(tf.add(batchedLinear(x, p[0] as tf.Tensor), p[1] as tf.Tensor), pe);
  const ks: tf.Tensor[] = [];
  const vs: tf.Tensor[] = [];
  for (let l = 0; l < layers; l++) {
    const [ln1g, ln1b, wq, wk, wv, wo, bo, ln2g, ln2b, w1, b1, w2] = p.slice(
      2 + l * LAYER_PARAMS,
      2 + (l + 1) * LAYER_PARAMS,
    ) as tf.Tensor[] as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    const a = layerNorm(e, ln1g, ln1b);
    const k = linear(a, wk);
    const v = linear(a, wv);
    ks.push(k);
    vs.push(v);
    const keys = tf.concat([ctx.k[l] as tf.Tensor, k], 0);
    const values = tf.concat([ctx.v[l] as tf.Tensor, v], 0);
    const h = tf.add(e, linear(attention(linear(a, wq), keys, values, heads, ctx.mask), wo, bo));
    const u = gelu(linear(layerNorm(h, ln2g, ln2b), w1, b1));
    e = tf.add(h, linear(u, w2));
  }
  const [g, b, wOut, bOut] = p.slice(2 + layers * LAYER_PARAMS) as [
    tf.Tensor,
    tf.Tensor,
    tf.Tensor,
    tf.Tensor,
  ];
  const last = tf.reshape(layerNorm(e, g, b), [n, d]);
  const z = tf.add(tf.sum(tf.mul(last, tf.reshape(wOut, [n, d])), 1), tf.reshape(bOut, [n]));
  return { z, ks, vs };
}

function step(
  p: readonly tf.Tensor[],
  b: StreamBatch,
  config: TransformerStreamConfig,
): Float32Array {
  const { features: f, dModel: d, layers } = config;
  const { n, cache, streams } = b;
  const { x, pe, context } = gather(b, null, config);
  const { z, ks, vs } = position(p, x, pe, context, config);
  const kv = ks.flatMap((k, l) => [
    k.dataSync(),
    (vs[l] as tf.Tensor).dataSync(),
  ]) as Float32Array[];
  const data = cache.data;
  for (let i = 0; i < n; i++) {
    const s = streams[i] as number;
    const at = cache.recordOffset(s, cache.recordAt(s, 0));
    for (let j = 0; j < f; j++) data[at + j] = b.input[j * n + i] as number;
    for (let q = 0; q < 2 * layers; q++)
      data.set((kv[q] as Float32Array).subarray(i * d, (i + 1) * d), at + f + q * d);
  }
  return Float32Array.from(z.dataSync());
}

function gradients(
  p: readonly tf.Tensor[],
  b: StreamBatch,
  ages: readonly number[],
  ys: Float32Array,
  config: TransformerStreamConfig,
): tf.Tensor[] {
  const { x, pe, context } = gather(b, ages, config);
  const y = tf.tensor1d(ys);
  return tf.grads((...q: tf.Tensor[]) => {
    const { z } = position(q, x, pe, context, config);
    // sum, not mean: each model's gradient is the gradient of its own loss
    return tf.sum(
      config.target === 'direction'
        ? tf.sub(tf.softplus(z), tf.mul(y, z))
        : tf.mul(0.5, tf.square(tf.sub(z, y))),
    );
  })(p as tf.Tensor[]);
}
