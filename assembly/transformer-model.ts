// One model of the fused transformer (src/models/transformer.ts, transformer-stream.ts): the
// forward pass over its rows, recording a tape, and the backward pass from dL/dz.
import { attention, attentionBack } from './attention';
import { copy } from './lstm-cell';
import { linear, linearBackData, linearBackWeights, sumRows } from './linear-ops';
import { gelu, geluBack, layerNorm, layerNormBack } from './norm-ops';
import { at, hsum } from './simd-math';
import * as L from './transformer-layout';

/** dst[i] += src[i], n floats. */
function addTo(dst: usize, src: usize, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(at(dst, j), f32x4.add(v128.load(at(dst, j)), v128.load(at(src, j))));
  for (; j < n; j++) store<f32>(at(dst, j), load<f32>(at(dst, j)) + load<f32>(at(src, j)));
}

/** dst[i] = a[i] + dst[i] (a residual: the order of tf.add(res, ·)). */
function addFrom(a: usize, dst: usize, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(at(dst, j), f32x4.add(v128.load(at(a, j)), v128.load(at(dst, j))));
  for (; j < n; j++) store<f32>(at(dst, j), load<f32>(at(a, j)) + load<f32>(at(dst, j)));
}

// @ts-ignore: decorator
@inline function layerTape(tape: usize, l: i32): usize {
  return at(tape, l * L.LAYER_T);
}

/** Query rows of layer l: every row but in the last layer (its newest row only). */
// @ts-ignore: decorator
@inline function queries(l: i32, rows: i32): i32 {
  return l == L.LAYERS - 1 ? 1 : rows;
}

/**
 * Forward pass of one model over `rows` new positions (W for the window formulation, 1 for a
 * stream step): x [rows, F], pe [rows, D]. Each layer's keys/values are W rows: the last `rows`
 * computed here, the first W − rows already in the tape (a stream's cached ones), with `mask`
 * (W floats or 0). Returns z; the tape keeps what {@link backward} needs.
 */
export function forward(w: usize, x: usize, pe: usize, rows: i32, mask: usize, tape: usize, zeros: usize): f32 {
  const d = L.D;
  const win = L.WIN;
  let ein = at(layerTape(tape, 0), L.tEin());
  linear(x, rows, L.F, at(w, L.pWIn()), d, at(w, L.pBIn()), ein);
  addTo(ein, pe, rows * d);
  let nq = rows;
  for (let l = 0; l < L.LAYERS; l++) {
    const t = layerTape(tape, l);
    const p = at(w, L.pLayer(l));
    nq = queries(l, rows);
    const a = at(t, L.tA());
    layerNorm(ein, rows, d, at(p, L.oLn1g()), at(p, L.oLn1b()), at(t, L.tXhat1()), at(t, L.tRstd1()), a);
    linear(at(a, (rows - nq) * d), nq, d, at(p, L.oWq()), d, zeros, at(t, L.tQ()));
    linear(a, rows, d, at(p, L.oWk()), d, zeros, at(t, L.tK() + (win - rows) * d));
    linear(a, rows, d, at(p, L.oWv()), d, zeros, at(t, L.tV() + (win - rows) * d));
    const ctx = at(t, L.tCtx());
    attention(at(t, L.tQ()), nq, at(t, L.tK()), at(t, L.tV()), win, d, L.HEADS, mask, at(t, L.tP()), ctx);
    const h = at(t, L.tH());
    linear(ctx, nq, d, at(p, L.oWo()), d, at(p, L.oBo()), h);
    addFrom(at(ein, (rows - nq) * d), h, nq * d);
    const a2 = at(t, L.tA2());
    layerNorm(h, nq, d, at(p, L.oLn2g()), at(p, L.oLn2b()), at(t, L.tXhat2()), at(t, L.tRstd2()), a2);
    const pre = at(t, L.tPre1());
    linear(a2, nq, d, at(p, L.oW1()), L.FF, at(p, L.oB1()), pre);
    gelu(pre, nq * L.FF, at(t, L.tU()));
    const out = at(t, L.tOut());
    linear(at(t, L.tU()), nq, L.FF, at(p, L.oW2()), d, zeros, out);
    addFrom(h, out, nq * d);
    ein = out;
    rows = nq;
  }
  const fin = at(tape, L.FINAL_T);
  const fw = at(w, L.pFinal());
  const y = at(fin, d);
  layerNorm(ein, 1, d, fw, at(fw, d), fin, at(fin, 2 * d), y);
  let acc = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= d; j += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(at(y, j)), v128.load(at(fw, 2 * d + j))));
  let z = hsum(acc);
  for (; j < d; j++) z += load<f32>(at(y, j)) * load<f32>(at(fw, 2 * d + j));
  return z + load<f32>(at(fw, 3 * d));
}

/**
 * Backward pass of one model from dL/dz, after {@link forward} with the same `rows` and `x`:
 * writes every parameter's gradient into `g`. Keys/values of the first W − rows rows (a stream's
 * cache) are constants. Scratch: L.BACK_T floats.
 */
export function backward(w: usize, x: usize, rows0: i32, dz: f32, tape: usize, g: usize, scratch: usize): void {
  const d = L.D;
  const win = L.WIN;
  const ff = L.FF;
  const wd = win * d;
  let dout = scratch;
  const dh = at(scratch, wd);
  const da2 = at(scratch, 2 * wd);
  const dctx = at(scratch, 3 * wd);
  const dq = at(scratch, 4 * wd);
  const dk = at(scratch, 5 * wd);
  const dv = at(scratch, 6 * wd);
  const da = at(scratch, 7 * wd);
  let dein = at(scratch, 8 * wd);
  const du = at(scratch, 9 * wd);
  const dpre = at(du, win * ff);
  const dy = at(dpre, win * ff);
  const attn = at(dy, d);
  // readout and final layer norm
  const fin = at(tape, L.FINAL_T);
  const fw = at(w, L.pFinal());
  const fg = at(g, L.pFinal());
  for (let j = 0; j < d; j++) {
    store<f32>(at(fg, 2 * d + j), dz * load<f32>(at(fin, d + j)));
    store<f32>(at(dy, j), dz * load<f32>(at(fw, 2 * d + j)));
  }
  store<f32>(at(fg, 3 * d), dz);
  layerNormBack(dy, 1, d, fw, fin, at(fin, 2 * d), dout, false, fg, at(fg, d));
  for (let l = L.LAYERS - 1; l >= 0; l--) {
    const t = layerTape(tape, l);
    const p = at(w, L.pLayer(l));
    const gp = at(g, L.pLayer(l));
    const rows = l == 0 ? rows0 : queries(l - 1, rows0);
    const nq = queries(l, rows);
    copy(dout, dh, nq * d);
    linearBackWeights(at(t, L.tU()), nq, ff, dout, d, at(gp, L.oW2()));
    linearBackData(dout, nq, d, at(p, L.oW2()), ff, du, false);
    geluBack(du, at(t, L.tPre1()), nq * ff, dpre);
    linearBackWeights(at(t, L.tA2()), nq, d, dpre, ff, at(gp, L.oW1()));
    sumRows(dpre, nq, ff, at(gp, L.oB1()));
    linearBackData(dpre, nq, ff, at(p, L.oW1()), d, da2, false);
    layerNormBack(da2, nq, d, at(p, L.oLn2g()), at(t, L.tXhat2()), at(t, L.tRstd2()), dh, true, at(gp, L.oLn2g()), at(gp, L.oLn2b()));
    sumRows(dh, nq, d, at(gp, L.oBo()));
    linearBackWeights(at(t, L.tCtx()), nq, d, dh, d, at(gp, L.oWo()));
    linearBackData(dh, nq, d, at(p, L.oWo()), d, dctx, false);
    attentionBack(dctx, at(t, L.tQ()), nq, at(t, L.tK()), at(t, L.tV()), win, d, L.HEADS, at(t, L.tP()), dq, dk, dv, attn);
    const a = at(t, L.tA());
    const dkOwn = at(dk, (win - rows) * d);
    const dvOwn = at(dv, (win - rows) * d);
    linearBackWeights(at(a, (rows - nq) * d), nq, d, dq, d, at(gp, L.oWq()));
    linearBackWeights(a, rows, d, dkOwn, d, at(gp, L.oWk()));
    linearBackWeights(a, rows, d, dvOwn, d, at(gp, L.oWv()));
    linearBackData(dkOwn, rows, d, at(p, L.oWk()), d, da, false);
    linearBackData(dvOwn, rows, d, at(p, L.oWv()), d, da, true);
    linearBackData(dq, nq, d, at(p, L.oWq()), d, at(da, (rows - nq) * d), true);
    layerNormBack(da, rows, d, at(p, L.oLn1g()), at(t, L.tXhat1()), at(t, L.tRstd1()), dein, false, at(gp, L.oLn1g()), at(gp, L.oLn1b()));
    addTo(at(dein, (rows - nq) * d), dh, nq * d);
    const swap = dout;
    dout = dein;
    dein = swap;
  }
  linearBackWeights(x, rows0, L.F, dout, d, at(g, L.pWIn()));
  sumRows(dout, rows0, d, at(g, L.pBIn()));
}
