// Per-model dense layers on row-major matrices (one model at a time), for the transformer
// kernels: y = x·W (+ b) row by row, and the two products of its backward pass.
import { matvec } from './lstm-cell';
import { at, hsum } from './simd-math';

/** y[t] = x[t]·W + b for T rows (x [T, In], W [In, Out], b [Out]: pass zeros for no bias). */
export function linear(x: usize, rows: i32, inDim: i32, w: usize, outDim: i32, b: usize, y: usize): void {
  for (let t = 0; t < rows; t++) matvec(at(x, t * inDim), w, b, inDim, outDim, at(y, t * outDim));
}

/**
 * dx[t, i] = Σ_o dy[t, o]·W[i, o] for T rows (dx [T, In]); added to dx when `add`. Four rows of
 * W at a time, their dot products with dy's row in f32x4 lanes.
 */
export function linearBackData(dy: usize, rows: i32, outDim: i32, w: usize, inDim: i32, dx: usize, add: bool): void {
  const ob = <usize>outDim << 2;
  for (let t = 0; t < rows; t++) {
    const d = at(dy, t * outDim);
    const out = at(dx, t * inDim);
    let i = 0;
    for (; i + 4 <= inDim; i += 4) {
      const row = at(w, i * outDim);
      let a0 = f32x4.splat(0);
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      let s0: f32 = 0;
      let s1: f32 = 0;
      let s2: f32 = 0;
      let s3: f32 = 0;
      let o = 0;
      for (; o + 4 <= outDim; o += 4) {
        const q = <usize>o << 2;
        const v = v128.load(d + q);
        a0 = f32x4.add(a0, f32x4.mul(v, v128.load(row + q)));
        a1 = f32x4.add(a1, f32x4.mul(v, v128.load(row + ob + q)));
        a2 = f32x4.add(a2, f32x4.mul(v, v128.load(row + 2 * ob + q)));
        a3 = f32x4.add(a3, f32x4.mul(v, v128.load(row + 3 * ob + q)));
      }
      for (; o < outDim; o++) {
        const q = <usize>o << 2;
        const v = load<f32>(d + q);
        s0 += v * load<f32>(row + q);
        s1 += v * load<f32>(row + ob + q);
        s2 += v * load<f32>(row + 2 * ob + q);
        s3 += v * load<f32>(row + 3 * ob + q);
      }
      put(at(out, i), hsum(a0) + s0, add);
      put(at(out, i + 1), hsum(a1) + s1, add);
      put(at(out, i + 2), hsum(a2) + s2, add);
      put(at(out, i + 3), hsum(a3) + s3, add);
    }
    for (; i < inDim; i++) {
      const row = at(w, i * outDim);
      let a = f32x4.splat(0);
      let s: f32 = 0;
      let o = 0;
      for (; o + 4 <= outDim; o += 4) a = f32x4.add(a, f32x4.mul(v128.load(at(d, o)), v128.load(at(row, o))));
      for (; o < outDim; o++) s += load<f32>(at(d, o)) * load<f32>(at(row, o));
      put(at(out, i), hsum(a) + s, add);
    }
  }
}

// @ts-ignore: decorator
@inline function put(p: usize, v: f32, add: bool): void {
  store<f32>(p, add ? load<f32>(p) + v : v);
}

/** dW[i, o] = Σ_t x[t, i]·dy[t, o] (x [T, In], dy [T, Out]): each entry summed over t in order. */
export function linearBackWeights(x: usize, rows: i32, inDim: i32, dy: usize, outDim: i32, dw: usize): void {
  const stride = <usize>outDim << 2;
  for (let i = 0; i < inDim; i++) {
    const out = at(dw, i * outDim);
    let o = 0;
    for (; o + 16 <= outDim; o += 16) {
      let a0 = f32x4.splat(0);
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      let p = at(dy, o);
      for (let t = 0; t < rows; t++) {
        const s = v128.load32_splat(at(x, t * inDim + i));
        a0 = f32x4.add(a0, f32x4.mul(s, v128.load(p, 0)));
        a1 = f32x4.add(a1, f32x4.mul(s, v128.load(p, 16)));
        a2 = f32x4.add(a2, f32x4.mul(s, v128.load(p, 32)));
        a3 = f32x4.add(a3, f32x4.mul(s, v128.load(p, 48)));
        p += stride;
      }
      v128.store(at(out, o), a0, 0);
      v128.store(at(out, o), a1, 16);
      v128.store(at(out, o), a2, 32);
      v128.store(at(out, o), a3, 48);
    }
    for (; o + 4 <= outDim; o += 4) {
      let a = f32x4.splat(0);
      let p = at(dy, o);
      for (let t = 0; t < rows; t++) {
        a = f32x4.add(a, f32x4.mul(v128.load32_splat(at(x, t * inDim + i)), v128.load(p)));
        p += stride;
      }
      v128.store(at(out, o), a);
    }
    for (; o < outDim; o++) {
      let s: f32 = 0;
      for (let t = 0; t < rows; t++) s += load<f32>(at(x, t * inDim + i)) * load<f32>(at(dy, t * outDim + o));
      store<f32>(at(out, o), s);
    }
  }
}

/** out[j] = Σ_t y[t, j] (a bias gradient), t in order. */
export function sumRows(y: usize, rows: i32, n: i32, out: usize): void {
  for (let j = 0; j < n; j++) {
    let s: f32 = 0;
    for (let t = 0; t < rows; t++) s += load<f32>(at(y, t * n + j));
    store<f32>(at(out, j), s);
  }
}
