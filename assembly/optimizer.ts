// The optimiser step of src/models/bank-batch.ts (applyUpdate) on gradients in parameter layout:
// per model, clip the loss gradient to a global norm, add L2, then bias-corrected Adam (Kingma &
// Ba 2015) or SGD. The norm, the clip factor and SGD are applyUpdate's float64 arithmetic,
// operation for operation (the same bits for the same gradients); Adam runs the same formula in
// float32 lanes.

const BETA1: f32 = 0.9;
const BETA2: f32 = 0.999;
// 1 − β in float64, then rounded (1 − f32(0.999) would be 1.3e-5 off)
const ONE: f64 = 1;
const ONE_MINUS_BETA1: f32 = <f32>(ONE - <f64>0.9);
const ONE_MINUS_BETA2: f32 = <f32>(ONE - <f64>0.999);
const EPS: f32 = 1e-8;

/**
 * One step for n models. `slots` (u32 each) index the slot-major arrays params, m, v of `p`
 * floats per slot; model i's gradient is at grads + i·p floats. `specs` holds, per parameter,
 * [offset, rows, cols, decay] (u32). `hyper` holds per model [rate, Adam step size, 1 − β2^t]
 * (f64), computed with the step counter by the caller.
 */
export function optimize(
  n: i32,
  slots: usize,
  params: usize,
  m: usize,
  v: usize,
  grads: usize,
  p: i32,
  specs: usize,
  nSpecs: i32,
  hyper: usize,
  clipNorm: f64,
  l2: f64,
  adam: bool,
): void {
  const bytes = <usize>p << 2;
  for (let i = 0; i < n; i++) {
    const base = <usize>load<u32>(slots + (<usize>i << 2)) * bytes;
    const g = grads + <usize>i * bytes;
    const norm = Math.sqrt(squaredNorm(g, specs, nSpecs));
    const clip: f64 = clipNorm > 0 && norm > clipNorm ? clipNorm / norm : 1;
    const h = hyper + <usize>i * 24;
    for (let s = 0; s < nSpecs; s++) {
      const spec = specs + (<usize>s << 4);
      const off = <usize>load<u32>(spec) << 2;
      const len = <i32>(load<u32>(spec, 4) * load<u32>(spec, 8));
      const decay = load<u32>(spec, 12) != 0 ? l2 : 0;
      if (adam)
        adamRange(
          params + base + off,
          m + base + off,
          v + base + off,
          g + off,
          len,
          <f32>clip,
          <f32>decay,
          <f32>load<f64>(h, 8),
          <f32>load<f64>(h, 16),
        );
      else sgdRange(params + base + off, g + off, len, clip, decay, load<f64>(h));
    }
  }
}

/**
 * Σ g² of one model: each row summed first (in order), then the row sums in order — the order of
 * perModelNorms in bank-batch.ts. Consecutive parameters with rows of equal length form one run.
 */
function squaredNorm(g: usize, specs: usize, nSpecs: i32): f64 {
  let norm: f64 = 0;
  let s = 0;
  while (s < nSpecs) {
    const spec = specs + (<usize>s << 4);
    const cols = <i32>load<u32>(spec, 8);
    let rows = <i32>load<u32>(spec, 4);
    s++;
    while (s < nSpecs && <i32>load<u32>(specs + (<usize>s << 4), 8) == cols) {
      rows += <i32>load<u32>(specs + (<usize>s << 4), 4);
      s++;
    }
    norm = runNorm(g + (<usize>load<u32>(spec) << 2), rows, cols, norm);
  }
  return norm;
}

/**
 * Adds the row sums of a run of rows to `norm`. Eight rows at a time (when a row is a multiple of
 * 4 numbers), one per f64x2 lane, so that each row's sum is still formed in order but four
 * addition chains run side by side.
 */
function runNorm(g: usize, rows: i32, cols: i32, norm: f64): f64 {
  const stride = <usize>cols << 2;
  let r = 0;
  if ((cols & 3) == 0) {
    for (; r + 8 <= rows; r += 8) {
      const p = g + <usize>r * stride;
      let a = f64x2.splat(0);
      let b = a;
      let c = a;
      let d = a;
      for (let col = 0; col < cols; col += 4) {
        const q = p + (<usize>col << 2);
        a = pairSquares(a, v128.load(q), v128.load(q + stride));
        b = pairSquares(b, v128.load(q + 2 * stride), v128.load(q + 3 * stride));
        c = pairSquares(c, v128.load(q + 4 * stride), v128.load(q + 5 * stride));
        d = pairSquares(d, v128.load(q + 6 * stride), v128.load(q + 7 * stride));
      }
      norm += f64x2.extract_lane(a, 0);
      norm += f64x2.extract_lane(a, 1);
      norm += f64x2.extract_lane(b, 0);
      norm += f64x2.extract_lane(b, 1);
      norm += f64x2.extract_lane(c, 0);
      norm += f64x2.extract_lane(c, 1);
      norm += f64x2.extract_lane(d, 0);
      norm += f64x2.extract_lane(d, 1);
    }
  }
  for (; r < rows; r++) {
    let p = g + <usize>r * stride;
    let sum: f64 = 0;
    for (let col = 0; col < cols; col++) {
      const x = <f64>load<f32>(p);
      sum += x * x;
      p += 4;
    }
    norm += sum;
  }
  return norm;
}

/** acc (lanes: row u, row w) + the squares of four consecutive numbers of u and w, in order. */
// @ts-ignore: decorator
@inline function pairSquares(acc: v128, u: v128, w: v128): v128 {
  const lo = v128.shuffle<f32>(u, w, 0, 4, 1, 5);
  const hi = v128.shuffle<f32>(u, w, 2, 6, 3, 7);
  const x0 = f64x2.promote_low_f32x4(lo);
  const x1 = f64x2.promote_low_f32x4(v128.shuffle<f32>(lo, lo, 2, 3, 0, 1));
  const x2 = f64x2.promote_low_f32x4(hi);
  const x3 = f64x2.promote_low_f32x4(v128.shuffle<f32>(hi, hi, 2, 3, 0, 1));
  let s = f64x2.add(acc, f64x2.mul(x0, x0));
  s = f64x2.add(s, f64x2.mul(x1, x1));
  s = f64x2.add(s, f64x2.mul(x2, x2));
  return f64x2.add(s, f64x2.mul(x3, x3));
}

/**
 * Adam on one parameter's numbers, in float32 (f32x4): the update of applyUpdate with each
 * operation rounded to float32 instead of float64 (memory-bound at float32, twice as fast as
 * float64 lanes; the difference is float32 rounding, ~1e-7 relative per step).
 */
function adamRange(
  pw: usize,
  pm: usize,
  pv: usize,
  pg: usize,
  len: i32,
  clip: f32,
  l2: f32,
  step: f32,
  c2: f32,
): void {
  const clipV = f32x4.splat(clip);
  const l2V = f32x4.splat(l2);
  const stepV = f32x4.splat(step);
  const c2V = f32x4.splat(c2);
  const b1 = f32x4.splat(BETA1);
  const b2 = f32x4.splat(BETA2);
  const a1 = f32x4.splat(ONE_MINUS_BETA1);
  const a2 = f32x4.splat(ONE_MINUS_BETA2);
  const eps = f32x4.splat(EPS);
  let j = 0;
  for (; j + 4 <= len; j += 4) {
    const q = <usize>j << 2;
    const w = v128.load(pw + q);
    const gi = f32x4.add(f32x4.mul(clipV, v128.load(pg + q)), f32x4.mul(l2V, w));
    const mi = f32x4.add(f32x4.mul(b1, v128.load(pm + q)), f32x4.mul(a1, gi));
    const vi = f32x4.add(f32x4.mul(b2, v128.load(pv + q)), f32x4.mul(f32x4.mul(a2, gi), gi));
    v128.store(pm + q, mi);
    v128.store(pv + q, vi);
    const den = f32x4.add(f32x4.sqrt(f32x4.div(vi, c2V)), eps);
    v128.store(pw + q, f32x4.sub(w, f32x4.div(f32x4.mul(stepV, mi), den)));
  }
  for (; j < len; j++) {
    const q = <usize>j << 2;
    const w = load<f32>(pw + q);
    const gi = clip * load<f32>(pg + q) + l2 * w;
    const mi = BETA1 * load<f32>(pm + q) + ONE_MINUS_BETA1 * gi;
    const vi = BETA2 * load<f32>(pv + q) + ONE_MINUS_BETA2 * gi * gi;
    store<f32>(pm + q, mi);
    store<f32>(pv + q, vi);
    store<f32>(pw + q, w - (step * mi) / (Mathf.sqrt(vi / c2) + EPS));
  }
}

/** SGD, in float64 as applyUpdate (bit for bit): w − lr·(clip·g + l2·w). */
function sgdRange(pw: usize, pg: usize, len: i32, clip: f64, l2: f64, lr: f64): void {
  for (let j = 0; j < len; j++) {
    const q = <usize>j << 2;
    const w = <f64>load<f32>(pw + q);
    store<f32>(pw + q, <f32>(w - lr * (clip * <f64>load<f32>(pg + q) + l2 * w)));
  }
}
