// The LSTM cell of one model (Hochreiter & Schmidhuber 1997, forget gate of Gers et al. 2000), the
// math of src/models/lstm-cell.ts in float32. Layouts (floats), K = F + H:
//  parameters: W_i, W_f, W_g, W_o [K, H] row-major (rows: x then h), b_i, b_f, b_g, b_o [H],
//              w_out [H], b_out;
//  record of a step: [x (F), h_prev (H), i, f, g, o, c_prev, tanh(c) (H each)] — the record of
//              src/models/lstm-stream.ts, and the tape the backward pass reads.
import { at, hsum, sigmoid1, sigmoid4, tanh1, tanh4 } from './simd-math';

/** out[j] = Σ_k x[k]·w[k·H + j] + b[j] for j < H (k summed in order from 0, per column). */
export function matvec(x: usize, w: usize, b: usize, k: i32, h: i32, out: usize): void {
  let j = 0;
  for (; j + 32 <= h; j += 32) tile8(x, at(w, j), at(b, j), k, h, at(out, j));
  for (; j + 4 <= h; j += 4) tile1(x, at(w, j), at(b, j), k, h, at(out, j));
  for (; j < h; j++) {
    let acc: f32 = 0;
    for (let r = 0; r < k; r++) acc += load<f32>(at(x, r)) * load<f32>(at(w, r * h + j));
    store<f32>(at(out, j), acc + load<f32>(at(b, j)));
  }
}

/** 32 columns: eight independent f32x4 accumulators. */
function tile8(x: usize, w: usize, b: usize, k: i32, h: i32, out: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let a4 = a0;
  let a5 = a0;
  let a6 = a0;
  let a7 = a0;
  const stride = <usize>h << 2;
  let p = w;
  let r = 0;
  // two rows per iteration: half the loop overhead; each accumulator still sums rows in order
  for (; r + 2 <= k; r += 2) {
    const s = v128.load32_splat(at(x, r));
    const u = v128.load32_splat(at(x, r + 1));
    const q = p + stride;
    a0 = f32x4.add(f32x4.add(a0, f32x4.mul(s, v128.load(p, 0))), f32x4.mul(u, v128.load(q, 0)));
    a1 = f32x4.add(f32x4.add(a1, f32x4.mul(s, v128.load(p, 16))), f32x4.mul(u, v128.load(q, 16)));
    a2 = f32x4.add(f32x4.add(a2, f32x4.mul(s, v128.load(p, 32))), f32x4.mul(u, v128.load(q, 32)));
    a3 = f32x4.add(f32x4.add(a3, f32x4.mul(s, v128.load(p, 48))), f32x4.mul(u, v128.load(q, 48)));
    a4 = f32x4.add(f32x4.add(a4, f32x4.mul(s, v128.load(p, 64))), f32x4.mul(u, v128.load(q, 64)));
    a5 = f32x4.add(f32x4.add(a5, f32x4.mul(s, v128.load(p, 80))), f32x4.mul(u, v128.load(q, 80)));
    a6 = f32x4.add(f32x4.add(a6, f32x4.mul(s, v128.load(p, 96))), f32x4.mul(u, v128.load(q, 96)));
    a7 = f32x4.add(f32x4.add(a7, f32x4.mul(s, v128.load(p, 112))), f32x4.mul(u, v128.load(q, 112)));
    p = q + stride;
  }
  if (r < k) {
    const s = v128.load32_splat(at(x, r));
    a0 = f32x4.add(a0, f32x4.mul(s, v128.load(p, 0)));
    a1 = f32x4.add(a1, f32x4.mul(s, v128.load(p, 16)));
    a2 = f32x4.add(a2, f32x4.mul(s, v128.load(p, 32)));
    a3 = f32x4.add(a3, f32x4.mul(s, v128.load(p, 48)));
    a4 = f32x4.add(a4, f32x4.mul(s, v128.load(p, 64)));
    a5 = f32x4.add(a5, f32x4.mul(s, v128.load(p, 80)));
    a6 = f32x4.add(a6, f32x4.mul(s, v128.load(p, 96)));
    a7 = f32x4.add(a7, f32x4.mul(s, v128.load(p, 112)));
  }
  v128.store(out, f32x4.add(a0, v128.load(b, 0)), 0);
  v128.store(out, f32x4.add(a1, v128.load(b, 16)), 16);
  v128.store(out, f32x4.add(a2, v128.load(b, 32)), 32);
  v128.store(out, f32x4.add(a3, v128.load(b, 48)), 48);
  v128.store(out, f32x4.add(a4, v128.load(b, 64)), 64);
  v128.store(out, f32x4.add(a5, v128.load(b, 80)), 80);
  v128.store(out, f32x4.add(a6, v128.load(b, 96)), 96);
  v128.store(out, f32x4.add(a7, v128.load(b, 112)), 112);
}

function tile1(x: usize, w: usize, b: usize, k: i32, h: i32, out: usize): void {
  let a = f32x4.splat(0);
  const stride = <usize>h << 2;
  let p = w;
  for (let r = 0; r < k; r++) {
    a = f32x4.add(a, f32x4.mul(v128.load32_splat(at(x, r)), v128.load(p)));
    p += stride;
  }
  v128.store(out, f32x4.add(a, v128.load(b)));
}

/** The logistic function of n floats, in place. */
function sigmoidAll(p: usize, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(at(p, j), sigmoid4(v128.load(at(p, j))));
  for (; j < n; j++) store<f32>(at(p, j), sigmoid1(load<f32>(at(p, j))));
}

/** tanh of n floats, in place. */
function tanhAll(p: usize, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(at(p, j), tanh4(v128.load(at(p, j))));
  for (; j < n; j++) store<f32>(at(p, j), tanh1(load<f32>(at(p, j))));
}

/**
 * One step of one model. The record `rec` already holds x, h_prev and c_prev; the step fills its
 * gates and tanh(c) and writes the new h and c to `hOut` and `cOut` (which may be the next
 * record's h_prev and c_prev).
 */
export function cellStep(rec: usize, w: usize, f: i32, h: i32, hOut: usize, cOut: usize): void {
  const k = f + h;
  const kh = k * h;
  for (let g = 0; g < 4; g++) {
    const out = at(rec, k + g * h);
    matvec(rec, at(w, g * kh), at(w, 4 * kh + g * h), k, h, out);
    if (g == 2) tanhAll(out, h);
    else sigmoidAll(out, h);
  }
  const i = at(rec, k);
  const fg = at(rec, k + h);
  const gg = at(rec, k + 2 * h);
  const o = at(rec, k + 3 * h);
  const cp = at(rec, k + 4 * h);
  const tc = at(rec, k + 5 * h);
  // c = f·c_prev + i·g, h = o·tanh(c): the order of the tensor ops
  let j = 0;
  for (; j + 4 <= h; j += 4) {
    const q = <usize>j << 2;
    const c = f32x4.add(
      f32x4.mul(v128.load(fg + q), v128.load(cp + q)),
      f32x4.mul(v128.load(i + q), v128.load(gg + q)),
    );
    const t = tanh4(c);
    v128.store(tc + q, t);
    v128.store(cOut + q, c);
    v128.store(hOut + q, f32x4.mul(v128.load(o + q), t));
  }
  for (; j < h; j++) {
    const q = <usize>j << 2;
    const c = load<f32>(fg + q) * load<f32>(cp + q) + load<f32>(i + q) * load<f32>(gg + q);
    const t = tanh1(c);
    store<f32>(tc + q, t);
    store<f32>(cOut + q, c);
    store<f32>(hOut + q, load<f32>(o + q) * t);
  }
}

/** z = h · w_out + b_out of one model (`w` its parameters). */
export function readout(hp: usize, w: usize, f: i32, h: i32): f32 {
  const out = at(w, 4 * (f + h) * h + 4 * h);
  let a = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= h; j += 4) a = f32x4.add(a, f32x4.mul(v128.load(at(hp, j)), v128.load(at(out, j))));
  let s = hsum(a);
  for (; j < h; j++) s += load<f32>(at(hp, j)) * load<f32>(at(out, j));
  return s + load<f32>(at(out, h));
}

/** Copies n floats. */
export function copy(from: usize, to: usize, n: i32): void {
  memory.copy(to, from, <usize>n << 2);
}
