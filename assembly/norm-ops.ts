// Layer normalisation and GELU of one model's rows, forward and backward (the math of
// src/models/transformer-layers.ts in float32).
import { at, tanh1, tanh4 } from './simd-math';

const LN_EPS: f32 = 1e-5;
const GELU_C: f32 = <f32>0.7978845608028654; // √(2/π)
const GELU_A: f32 = 0.044715;

/**
 * y = (x − mean)·rstd·g + b per row of T rows of D (rstd = 1/√(variance + 1e-5)); keeps the
 * normalised rows (xhat) and rstd for the backward pass.
 */
export function layerNorm(x: usize, rows: i32, d: i32, g: usize, b: usize, xhat: usize, rstd: usize, y: usize): void {
  const n = <f32>d;
  for (let t = 0; t < rows; t++) {
    const row = at(x, t * d);
    let sum: f32 = 0;
    for (let j = 0; j < d; j++) sum += load<f32>(at(row, j));
    const mean = sum / n;
    let sq: f32 = 0;
    for (let j = 0; j < d; j++) {
      const c = load<f32>(at(row, j)) - mean;
      sq += c * c;
    }
    const r: f32 = 1 / Mathf.sqrt(sq / n + LN_EPS);
    store<f32>(at(rstd, t), r);
    for (let j = 0; j < d; j++) {
      const xh = (load<f32>(at(row, j)) - mean) * r;
      store<f32>(at(xhat, t * d + j), xh);
      store<f32>(at(y, t * d + j), xh * load<f32>(at(g, j)) + load<f32>(at(b, j)));
    }
  }
}

/**
 * Backward of {@link layerNorm} from dy [T, D]: dg, db (overwritten, summed over rows) and
 * dx = rstd·(dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)), dxhat = dy·g, written or added.
 */
export function layerNormBack(
  dy: usize,
  rows: i32,
  d: i32,
  g: usize,
  xhat: usize,
  rstd: usize,
  dx: usize,
  add: bool,
  dg: usize,
  db: usize,
): void {
  const n = <f32>d;
  memory.fill(dg, 0, <usize>d << 2);
  memory.fill(db, 0, <usize>d << 2);
  for (let t = 0; t < rows; t++) {
    let m1: f32 = 0;
    let m2: f32 = 0;
    for (let j = 0; j < d; j++) {
      const dyj = load<f32>(at(dy, t * d + j));
      const xh = load<f32>(at(xhat, t * d + j));
      store<f32>(at(dg, j), load<f32>(at(dg, j)) + dyj * xh);
      store<f32>(at(db, j), load<f32>(at(db, j)) + dyj);
      const dxh = dyj * load<f32>(at(g, j));
      m1 += dxh;
      m2 += dxh * xh;
    }
    m1 /= n;
    m2 /= n;
    const r = load<f32>(at(rstd, t));
    for (let j = 0; j < d; j++) {
      const xh = load<f32>(at(xhat, t * d + j));
      const dxh = load<f32>(at(dy, t * d + j)) * load<f32>(at(g, j));
      const v = r * (dxh - m1 - xh * m2);
      const p = at(dx, t * d + j);
      store<f32>(p, add ? load<f32>(p) + v : v);
    }
  }
}

/** GELU, tanh form (Hendrycks & Gimpel 2016): (0.5·x)·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export function gelu(x: usize, n: i32, y: usize): void {
  let j = 0;
  const half = f32x4.splat(0.5);
  const one = f32x4.splat(1);
  for (; j + 4 <= n; j += 4) {
    const v = v128.load(at(x, j));
    const inner = f32x4.mul(
      f32x4.splat(GELU_C),
      f32x4.add(v, f32x4.mul(f32x4.splat(GELU_A), f32x4.mul(v, f32x4.mul(v, v)))),
    );
    v128.store(at(y, j), f32x4.mul(f32x4.mul(half, v), f32x4.add(one, tanh4(inner))));
  }
  for (; j < n; j++) {
    const v = load<f32>(at(x, j));
    const inner = GELU_C * (v + GELU_A * (v * (v * v)));
    const k: f32 = 0.5;
    store<f32>(at(y, j), k * v * (1 + tanh1(inner)));
  }
}

/** dx = dy·GELU'(x) (x the pre-activation). */
export function geluBack(dy: usize, x: usize, n: i32, dx: usize): void {
  for (let j = 0; j < n; j++) {
    const v = load<f32>(at(x, j));
    const t = tanh1(GELU_C * (v + GELU_A * (v * (v * v))));
    const dInner = GELU_C * (1 + 3 * GELU_A * v * v);
    const grad: f32 = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * dInner;
    store<f32>(at(dx, j), load<f32>(at(dy, j)) * grad);
  }
}
