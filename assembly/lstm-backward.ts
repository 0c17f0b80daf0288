// Backpropagation through time of one model's LSTM steps, from their records (the math of
// backwardThroughTime in src/models/lstm-cell.ts, in float32).
import { copy } from './lstm-cell';
import { at, hsum } from './simd-math';

/**
 * Backward pass through `steps` records (addresses in the u32 table `recs`, oldest first; 0 is a
 * missing record: nothing flows past it) from dL/dh of the newest step, `dy` [H]. Writes the
 * gradients of W_i, W_f, W_g, W_o and b_i, b_f, b_g, b_o into `grad` (parameter layout).
 * Scratch: steps × 4H gate gradients, then dh and dc (H each).
 */
export function backward(
  recs: usize,
  steps: i32,
  w: usize,
  f: i32,
  h: i32,
  dy: usize,
  grad: usize,
  scratch: usize,
): void {
  const h4 = 4 * h;
  const dh = at(scratch, steps * h4);
  const dc = at(dh, h);
  copy(dy, dh, h);
  let first = steps;
  for (let t = steps - 1; t >= 0; t--) {
    const rec = <usize>load<u32>(recs + (<usize>t << 2));
    if (rec == 0) break;
    first = t;
    gateGrads(rec, f + h, h, dh, dc, at(scratch, t * h4), t < steps - 1);
    if (t > 0) recurrent(at(scratch, t * h4), w, f, h, dh);
  }
  weightGrads(recs, first, steps, scratch, f, h, grad);
}

/** da of the four gates of one step into `da` [4H]; dh is dL/dh of the step, dc carried back. */
function gateGrads(rec: usize, k: i32, h: i32, dh: usize, dc: usize, da: usize, addDc: bool): void {
  const i = at(rec, k);
  const fg = at(i, h);
  const g = at(i, 2 * h);
  const o = at(i, 3 * h);
  const cp = at(i, 4 * h);
  const tc = at(i, 5 * h);
  const hb = <usize>h << 2;
  const one = f32x4.splat(1);
  let j = 0;
  for (; j + 4 <= h; j += 4) {
    const q = <usize>j << 2;
    const dhv = v128.load(dh + q);
    const iv = v128.load(i + q);
    const fv = v128.load(fg + q);
    const gv = v128.load(g + q);
    const ov = v128.load(o + q);
    const tv = v128.load(tc + q);
    let dct = f32x4.mul(f32x4.mul(dhv, ov), f32x4.sub(one, f32x4.mul(tv, tv)));
    if (addDc) dct = f32x4.add(dct, v128.load(dc + q));
    v128.store(da + q, f32x4.mul(f32x4.mul(dct, gv), f32x4.mul(iv, f32x4.sub(one, iv))));
    const dcp = f32x4.mul(dct, v128.load(cp + q));
    v128.store(da + hb + q, f32x4.mul(dcp, f32x4.mul(fv, f32x4.sub(one, fv))));
    v128.store(da + 2 * hb + q, f32x4.mul(f32x4.mul(dct, iv), f32x4.sub(one, f32x4.mul(gv, gv))));
    const dht = f32x4.mul(dhv, tv);
    v128.store(da + 3 * hb + q, f32x4.mul(dht, f32x4.mul(ov, f32x4.sub(one, ov))));
    v128.store(dc + q, f32x4.mul(dct, fv));
  }
  for (; j < h; j++) {
    const q = <usize>j << 2;
    const dhv = load<f32>(dh + q);
    const iv = load<f32>(i + q);
    const fv = load<f32>(fg + q);
    const gv = load<f32>(g + q);
    const ov = load<f32>(o + q);
    const tv = load<f32>(tc + q);
    let dct = dhv * ov * (1 - tv * tv);
    if (addDc) dct = dct + load<f32>(dc + q);
    store<f32>(da + q, dct * gv * (iv * (1 - iv)));
    store<f32>(da + hb + q, dct * load<f32>(cp + q) * (fv * (1 - fv)));
    store<f32>(da + 2 * hb + q, dct * iv * (1 - gv * gv));
    store<f32>(da + 3 * hb + q, dhv * tv * (ov * (1 - ov)));
    store<f32>(dc + q, dct * fv);
  }
}

/** dh[r] = Σ_gates Σ_j da[gate·H + j] · W_gate[F + r, j]: four rows at a time. */
function recurrent(da: usize, w: usize, f: i32, h: i32, dh: usize): void {
  const kh = (f + h) * h;
  const hb = <usize>h << 2;
  let r = 0;
  for (; r + 4 <= h; r += 4) {
    let a0 = f32x4.splat(0);
    let a1 = a0;
    let a2 = a0;
    let a3 = a0;
    let s0: f32 = 0;
    let s1: f32 = 0;
    let s2: f32 = 0;
    let s3: f32 = 0;
    for (let g = 0; g < 4; g++) {
      const row = at(w, g * kh + (f + r) * h);
      const dg = at(da, g * h);
      let j = 0;
      for (; j + 4 <= h; j += 4) {
        const q = <usize>j << 2;
        const d = v128.load(dg + q);
        a0 = f32x4.add(a0, f32x4.mul(d, v128.load(row + q)));
        a1 = f32x4.add(a1, f32x4.mul(d, v128.load(row + hb + q)));
        a2 = f32x4.add(a2, f32x4.mul(d, v128.load(row + 2 * hb + q)));
        a3 = f32x4.add(a3, f32x4.mul(d, v128.load(row + 3 * hb + q)));
      }
      for (; j < h; j++) {
        const q = <usize>j << 2;
        const d = load<f32>(dg + q);
        s0 += d * load<f32>(row + q);
        s1 += d * load<f32>(row + hb + q);
        s2 += d * load<f32>(row + 2 * hb + q);
        s3 += d * load<f32>(row + 3 * hb + q);
      }
    }
    store<f32>(at(dh, r), hsum(a0) + s0);
    store<f32>(at(dh, r + 1), hsum(a1) + s1);
    store<f32>(at(dh, r + 2), hsum(a2) + s2);
    store<f32>(at(dh, r + 3), hsum(a3) + s3);
  }
  for (; r < h; r++) {
    let a = f32x4.splat(0);
    let s: f32 = 0;
    for (let g = 0; g < 4; g++) {
      const row = at(w, g * kh + (f + r) * h);
      const dg = at(da, g * h);
      let j = 0;
      for (; j + 4 <= h; j += 4) a = f32x4.add(a, f32x4.mul(v128.load(at(dg, j)), v128.load(at(row, j))));
      for (; j < h; j++) s += load<f32>(at(dg, j)) * load<f32>(at(row, j));
    }
    store<f32>(at(dh, r), hsum(a) + s);
  }
}

/** dW_g[r, j] = Σ_t rec_t[r] · da_t[g·H + j] and db_g[j] = Σ_t da_t[g·H + j], t in first..steps-1. */
function weightGrads(recs: usize, first: i32, steps: i32, das: usize, f: i32, h: i32, grad: usize): void {
  const k = f + h;
  const kh = k * h;
  const stride = <usize>(4 * h) << 2;
  for (let g = 0; g < 4; g++) {
    const dg = at(das, g * h);
    for (let r = 0; r < k; r++) {
      const out = at(grad, g * kh + r * h);
      const off = <usize>r << 2; // float r of every record
      let j = 0;
      for (; j + 32 <= h; j += 32) outer8(off, recs, first, steps, at(dg, j), stride, at(out, j));
      for (; j + 16 <= h; j += 16) outer4(off, recs, first, steps, at(dg, j), stride, at(out, j));
      for (; j + 4 <= h; j += 4) outer1(off, recs, first, steps, at(dg, j), stride, at(out, j));
      for (; j < h; j++) {
        let s: f32 = 0;
        for (let t = first; t < steps; t++)
          s += load<f32>(record(recs, t) + off) * load<f32>(at(dg, t * 4 * h + j));
        store<f32>(at(out, j), s);
      }
    }
    const bias = at(grad, 4 * kh + g * h);
    let j = 0;
    for (; j + 4 <= h; j += 4) {
      let a = f32x4.splat(0);
      for (let t = first; t < steps; t++) a = f32x4.add(a, v128.load(at(dg, t * 4 * h + j)));
      v128.store(at(bias, j), a);
    }
    for (; j < h; j++) {
      let s: f32 = 0;
      for (let t = first; t < steps; t++) s += load<f32>(at(dg, t * 4 * h + j));
      store<f32>(at(bias, j), s);
    }
  }
}

// @ts-ignore: decorator
@inline function record(recs: usize, t: i32): usize {
  return <usize>load<u32>(recs + (<usize>t << 2));
}

/** 32 columns of one weight row: eight accumulators over the steps. */
function outer8(off: usize, recs: usize, first: i32, steps: i32, da: usize, stride: usize, out: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let a4 = a0;
  let a5 = a0;
  let a6 = a0;
  let a7 = a0;
  let p = da + <usize>first * stride;
  let t = first;
  // two steps per iteration: each accumulator still sums the steps in order
  for (; t + 2 <= steps; t += 2) {
    const s = v128.load32_splat(record(recs, t) + off);
    const u = v128.load32_splat(record(recs, t + 1) + off);
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
  if (t < steps) {
    const s = v128.load32_splat(record(recs, t) + off);
    a0 = f32x4.add(a0, f32x4.mul(s, v128.load(p, 0)));
    a1 = f32x4.add(a1, f32x4.mul(s, v128.load(p, 16)));
    a2 = f32x4.add(a2, f32x4.mul(s, v128.load(p, 32)));
    a3 = f32x4.add(a3, f32x4.mul(s, v128.load(p, 48)));
    a4 = f32x4.add(a4, f32x4.mul(s, v128.load(p, 64)));
    a5 = f32x4.add(a5, f32x4.mul(s, v128.load(p, 80)));
    a6 = f32x4.add(a6, f32x4.mul(s, v128.load(p, 96)));
    a7 = f32x4.add(a7, f32x4.mul(s, v128.load(p, 112)));
  }
  v128.store(out, a0, 0);
  v128.store(out, a1, 16);
  v128.store(out, a2, 32);
  v128.store(out, a3, 48);
  v128.store(out, a4, 64);
  v128.store(out, a5, 80);
  v128.store(out, a6, 96);
  v128.store(out, a7, 112);
}

/** 16 columns: four accumulators. */
function outer4(off: usize, recs: usize, first: i32, steps: i32, da: usize, stride: usize, out: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let p = da + <usize>first * stride;
  for (let t = first; t < steps; t++) {
    const s = v128.load32_splat(record(recs, t) + off);
    a0 = f32x4.add(a0, f32x4.mul(s, v128.load(p, 0)));
    a1 = f32x4.add(a1, f32x4.mul(s, v128.load(p, 16)));
    a2 = f32x4.add(a2, f32x4.mul(s, v128.load(p, 32)));
    a3 = f32x4.add(a3, f32x4.mul(s, v128.load(p, 48)));
    p += stride;
  }
  v128.store(out, a0, 0);
  v128.store(out, a1, 16);
  v128.store(out, a2, 32);
  v128.store(out, a3, 48);
}

function outer1(off: usize, recs: usize, first: i32, steps: i32, da: usize, stride: usize, out: usize): void {
  let a = f32x4.splat(0);
  let p = da + <usize>first * stride;
  for (let t = first; t < steps; t++) {
    a = f32x4.add(a, f32x4.mul(v128.load32_splat(record(recs, t) + off), v128.load(p)));
    p += stride;
  }
  v128.store(out, a);
}
