import * as tf from '@tensorflow/tfjs';
import { depthwiseApply, sumOverTime } from './batched-linear.ts';

/** Recurrent state of N models: h [N, H], its transpose [H, N] (next step's input) and c [N, H]. */
export interface LstmState {
  readonly h: tf.Tensor;
  readonly hT: tf.Tensor;
  readonly c: tf.Tensor;
}

/** Gate weights [K, N, H] (K = F + H, rows: input then hidden) and biases [1, N, H], order i, f, g, o. */
export type GateTensors = readonly tf.Tensor[];

/** The zero state of N models with H hidden units. */
export function zeroState(n: number, hidden: number): LstmState {
  return { h: tf.zeros([n, hidden]), hT: tf.zeros([hidden, n]), c: tf.zeros([n, hidden]) };
}

/**
 * Runs the cell over the inputs `xs` (one [F, N] tensor per step) from `start`, without keeping
 * anything for a backward pass. Used for predictions and for the truncated-BPTT prefix.
 */
export function runCells(xs: readonly tf.Tensor[], w: GateTensors, start: LstmState): LstmState {
  let state = start;
  for (const x of xs) state = cellStep(x, state, w, null);
  return state;
}

/**
 * The differentiable part of a training step: the cell over `xs` from the constant `start`,
 * returning the last h [N, H]. Its gradient (w.r.t. the 8 gate tensors only) is backpropagation
 * through time written out by hand, so that each step costs one batched product
 * (dh_{t-1} = Σ_gates da · W_hᵀ, with `whT` = [4H, N, H] precomputed) and the weight gradients
 * of all steps are ONE depthwise convolution per gate (time as the convolution height) instead
 * of a sum of per-step outer products.
 */
export function lstmSegment(
  xs: readonly tf.Tensor[],
  start: LstmState,
  whT: tf.Tensor,
): (...w: tf.Tensor[]) => tf.Tensor {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const w = args.slice(0, 8) as tf.Tensor[];
    const tape: tf.Tensor[] = [];
    let state = start;
    for (const x of xs) state = cellStep(x, state, w, tape);
    // Kept by hand rather than through `save`, whose per-tensor clone costs ~0.2 ms on wasm; the
    // backward pass runs exactly once per gradient computation and disposes them.
    for (const t of tape) if (t !== start.c) tf.keep(t);
    return {
      value: state.h,
      gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
        const grads = backwardThroughTime(dy as tf.Tensor, tape, whT);
        for (const t of tape) if (t !== start.c) t.dispose();
        return grads;
      },
    };
  }) as (...w: tf.Tensor[]) => tf.Tensor;
}

/** Number of tensors saved per step: xh, i, f, g, o, c_prev, tanh(c). */
export const SAVED = 7;

/**
 * One cell step of N models on x [F, N] from state `s`; with a `tape`, pushes what the backward
 * pass needs: xh [F + H, N], i, f, g, o, c_prev, tanh(c) (each [N, H]).
 */
export function cellStep(
  x: tf.Tensor,
  s: LstmState,
  w: GateTensors,
  tape: tf.Tensor[] | null,
): LstmState {
  const [n, hidden] = s.h.shape as [number, number];
  const xh = tf.concat([x, s.hT], 0); // [K, N]
  const k = xh.shape[0] as number;
  const pre = (g: number) =>
    tf.add(
      tf.reshape(depthwiseApply(tf.reshape(xh, [1, k, n]), w[g] as tf.Tensor), [n, hidden]),
      tf.reshape(w[4 + g] as tf.Tensor, [n, hidden]),
    );
  const i = tf.sigmoid(pre(0));
  const f = tf.sigmoid(pre(1));
  const g = tf.tanh(pre(2));
  const o = tf.sigmoid(pre(3));
  const c = tf.add(tf.mul(f, s.c), tf.mul(i, g));
  const tc = tf.tanh(c);
  const h = tf.mul(o, tc);
  tape?.push(xh, i, f, g, o, s.c, tc);
  return { h, hT: tf.transpose(h), c };
}

/**
 * Backpropagation through the steps of `saved` ({@link SAVED} tensors per step, oldest first)
 * from dL/dh of the last step `dy` [N, H]: the gradients of the 4 gate matrices [F + H, N, H]
 * then the 4 gate biases [1, N, H]. `whT` is {@link recurrentTranspose}.
 */
export function backwardThroughTime(
  dy: tf.Tensor,
  saved: tf.Tensor[],
  whT: tf.Tensor,
): tf.Tensor[] {
  const steps = saved.length / SAVED;
  const [n, hidden] = dy.shape as [number, number];
  const one = tf.scalar(1);
  const das: tf.Tensor[][] = [[], [], [], []];
  let dh = dy;
  let dc: tf.Tensor | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    const [, i, f, g, o, cPrev, tc] = saved.slice(t * SAVED, (t + 1) * SAVED) as tf.Tensor[] as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    let dct = tf.mul(tf.mul(dh, o), tf.sub(one, tf.square(tc)));
    if (dc !== null) dct = tf.add(dct, dc);
    const dai = tf.mul(tf.mul(dct, g), tf.mul(i, tf.sub(one, i)));
    const daf = tf.mul(tf.mul(dct, cPrev), tf.mul(f, tf.sub(one, f)));
    const dag = tf.mul(tf.mul(dct, i), tf.sub(one, tf.square(g)));
    const dao = tf.mul(tf.mul(dh, tc), tf.mul(o, tf.sub(one, o)));
    das[0]?.push(dai);
    das[1]?.push(daf);
    das[2]?.push(dag);
    das[3]?.push(dao);
    dc = tf.mul(dct, f);
    if (t > 0) {
      // dh_{t-1}[n, r] = Σ_{gate, j} da[n, gate·H + j] · W_gate[F + r, n, j]
      const daT = tf.reshape(tf.transpose(tf.stack([dai, daf, dag, dao]), [0, 2, 1]), [
        1,
        4 * hidden,
        n,
      ]);
      dh = tf.reshape(depthwiseApply(daT, whT), [n, hidden]);
    }
  }
  // inputs of all steps, [T, K, N], oldest first
  const xh = tf.stack(saved.filter((_, j) => j % SAVED === 0));
  const dW: tf.Tensor[] = [];
  const db: tf.Tensor[] = [];
  for (const list of das) {
    const da = tf.stack(list.reverse()); // [T, N, H]
    dW.push(sumOverTime(xh, da));
    db.push(tf.reshape(tf.addN(list), [1, n, hidden]));
  }
  return [...dW, ...db];
}

/** W_hᵀ of the four gates, [4H, N, H]: whT[g·H + j, n, r] = W_g[F + r, n, j] (gathered gate arrays). */
export function recurrentTranspose(
  gates: readonly Float32Array[],
  f: number,
  h: number,
  n: number,
): tf.Tensor {
  const out = new Float32Array(4 * h * n * h);
  for (let g = 0; g < 4; g++) {
    const wg = gates[g] as Float32Array;
    for (let r = 0; r < h; r++) {
      for (let m = 0; m < n; m++) {
        const src = ((f + r) * n + m) * h;
        for (let j = 0; j < h; j++) out[((g * h + j) * n + m) * h + r] = wg[src + j] as number;
      }
    }
  }
  return tf.tensor3d(out, [4 * h, n, h]);
}

/** z[n] = h[n] · w_out[n] + b_out[n]. */
export function readout(h: tf.Tensor, wOut: tf.Tensor, bOut: tf.Tensor): tf.Tensor {
  const n = h.shape[0] as number;
  return tf.add(tf.sum(tf.mul(h, tf.reshape(wOut, [n, -1])), 1), tf.reshape(bOut, [n]));
}
