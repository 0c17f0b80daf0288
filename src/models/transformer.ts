import * as tf from '@tensorflow/tfjs';
import { DEFAULT_ADAPTIVE_LR } from './adaptive-lr.ts';
import { batchedLinear } from './batched-linear.ts';
import type {
  BatchData,
  NeuralArchitecture,
  NeuralTraining,
  ParamSpec,
} from './neural-architecture.ts';
import { DEFAULT_LABEL_LAG } from './stream-cache.ts';
import { attention, gelu, layerNorm, linear, positionalEncoding } from './transformer-layers.ts';
import { createTransformerStream } from './transformer-stream.ts';

/** Configuration of the transformer-encoder direction model. */
export interface TransformerConfig extends NeuralTraining {
  /** Width of the token embedding (D); a multiple of `heads`. */
  readonly dModel: number;
  readonly heads: number;
  /** Encoder layers (1 or 2). */
  readonly layers: number;
  /** Hidden width of the feed-forward block. */
  readonly ffDim: number;
}

export const DEFAULT_TRANSFORMER: Omit<TransformerConfig, 'features'> = {
  dModel: 16,
  heads: 2,
  layers: 1,
  ffDim: 32,
  window: 16,
  learningRate: 0.001,
  optimizer: 'adam',
  l2: 1e-5,
  clipNorm: 1,
  standardize: true,
  adaptiveLr: DEFAULT_ADAPTIVE_LR,
  target: 'direction',
};

const LAYER_PARAMS = 12;

/**
 * A small pre-norm transformer encoder (Vaswani et al. 2017; pre-LN as in Xiong et al. 2020) over
 * the last W bars: each bar's feature vector is embedded linearly, sinusoidal positions are
 * added, then `layers` blocks of multi-head self-attention and a GELU feed-forward network, each
 * with a residual connection. The head reads the final layer-normed embedding of the newest bar.
 * The last block only computes the newest position's query (the only output the head reads).
 *
 * Per model: W_in [F, D], b_in; per layer: LN gains/shifts, W_q, W_k, W_v, W_o [D, D], b_o,
 * W_1 [D, ffDim], b_1, W_2 [ffDim, D]; final LN; w_out [D], b_out. Every per-model product,
 * including the attention products, is one {@link batchedLinear} over the N models (× heads).
 * Trained with full backpropagation (tfjs autodiff). With `stateful`, the bank runs the
 * streaming formulation instead ({@link createTransformerStream}: causal, cached keys/values).
 * These tensor formulations are the reference (`kernel: tfjs`); by default a bank computes the
 * same math in the fused WebAssembly kernels (`FusedTransformerBank`, `FusedTransformerStreamBank`).
 *
 * @example
 * const arch = createTransformerArchitecture({ ...DEFAULT_TRANSFORMER, features: 3, dModel: 4, heads: 2, ffDim: 8, window: 5 });
 * arch.params.length; // 2 + 12 + 4 = 18
 */
export function createTransformerArchitecture(spec: TransformerConfig): NeuralArchitecture {
  // who computes is no part of the model (snapshots move between kernels)
  const { kernel: _kernel, ...config } = spec as TransformerConfig & { kernel?: unknown };
  const { features: f, dModel: d, ffDim: ff, window: w, heads } = config;
  const vec = (name: string, cols: number, init: 'zeros' | 'ones' = 'zeros'): ParamSpec => ({
    name,
    rows: 1,
    cols,
    init,
    decay: false,
  });
  const mat = (name: string, rows: number, cols: number): ParamSpec => ({
    name,
    rows,
    cols,
    init: 'glorot',
    decay: true,
  });
  const params: ParamSpec[] = [mat('wIn', f, d), vec('bIn', d)];
  for (let l = 0; l < config.layers; l++) {
    params.push(
      vec(`ln1g${l}`, d, 'ones'),
      vec(`ln1b${l}`, d),
      mat(`wq${l}`, d, d),
      mat(`wk${l}`, d, d),
      mat(`wv${l}`, d, d),
    );
    params.push(
      mat(`wo${l}`, d, d),
      vec(`bo${l}`, d),
      vec(`ln2g${l}`, d, 'ones'),
      vec(`ln2b${l}`, d),
    );
    params.push(mat(`w1${l}`, d, ff), vec(`b1${l}`, ff), mat(`w2${l}`, ff, d));
  }
  params.push(vec('lnfg', d, 'ones'), vec('lnfb', d), mat('wOut', 1, d), vec('bOut', 1));
  const forward = (p: readonly tf.Tensor[], data: BatchData): tf.Tensor => {
    const x = tf.tensor3d(data.input, [w, f, data.n]);
    let e = tf.add(
      tf.add(batchedLinear(x, p[0] as tf.Tensor), p[1] as tf.Tensor),
      positionalEncoding(w, d),
    );
    for (let l = 0; l < config.layers; l++)
      e = block(
        e,
        p.slice(2 + l * LAYER_PARAMS, 2 + (l + 1) * LAYER_PARAMS),
        heads,
        l === config.layers - 1,
      );
    const [g, b, wOut, bOut] = p.slice(2 + config.layers * LAYER_PARAMS) as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    const last = tf.reshape(layerNorm(e, g, b), [data.n, d]);
    return tf.add(
      tf.sum(tf.mul(last, tf.reshape(wOut, [data.n, d])), 1),
      tf.reshape(bOut, [data.n]),
    );
  };
  const stream = config.stateful
    ? createTransformerStream({
        features: f,
        dModel: d,
        heads,
        layers: config.layers,
        window: w,
        labelLag: config.labelLag ?? DEFAULT_LABEL_LAG,
        target: config.target,
      })
    : undefined;
  return {
    kind: 'transformer',
    training: config,
    config: { kind: 'transformer', ...config },
    params,
    forward,
    trainingForward: (_p, data) => (q) => forward(q, data),
    ...(stream === undefined ? {} : { stream }),
  };
}

/**
 * One pre-norm encoder block on e [T, N, D]. With `lastOnly`, only the newest position is
 * computed (queries, residual and feed-forward), giving [1, N, D].
 */
function block(e: tf.Tensor, p: readonly tf.Tensor[], heads: number, lastOnly: boolean): tf.Tensor {
  const [ln1g, ln1b, wq, wk, wv, wo, bo, ln2g, ln2b, w1, b1, w2] = p as tf.Tensor[] as [
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
  const t = e.shape[0] as number;
  const a = layerNorm(e, ln1g, ln1b);
  const aq = lastOnly ? tf.slice(a, [t - 1, 0, 0], [1, -1, -1]) : a;
  const res = lastOnly ? tf.slice(e, [t - 1, 0, 0], [1, -1, -1]) : e;
  const ctx = attention(linear(aq, wq), linear(a, wk), linear(a, wv), heads);
  const h = tf.add(res, linear(ctx, wo, bo));
  const u = gelu(linear(layerNorm(h, ln2g, ln2b), w1, b1));
  return tf.add(h, linear(u, w2));
}
