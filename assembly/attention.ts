// Multi-head scaled dot-product attention of one model (Vaswani et al. 2017), forward and
// backward: Q queries over W keys/values of width D, split into `heads` heads of D / heads.
import { at, exp4 } from './simd-math';

// @ts-ignore: decorator
@inline function exp1(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}

/**
 * ctx[i] = Σ_j P[i, h, j]·v[j] per head h, P = softmax_j(q[i]·k[j] / √dh + mask[j]) (`mask` W
 * floats, 0 or −1e9, or 0 for none). Keeps P [Q, heads, W] for the backward pass.
 */
export function attention(
  q: usize,
  nq: i32,
  k: usize,
  v: usize,
  w: i32,
  d: i32,
  heads: i32,
  mask: usize,
  p: usize,
  ctx: usize,
): void {
  const dh = d / heads;
  const scale: f32 = <f32>(1 / Math.sqrt(<f64>dh));
  for (let i = 0; i < nq; i++) {
    for (let h = 0; h < heads; h++) {
      const row = at(p, (i * heads + h) * w);
      const qi = at(q, i * d + h * dh);
      let max: f32 = -Infinity;
      for (let j = 0; j < w; j++) {
        const kj = at(k, j * d + h * dh);
        let s: f32 = 0;
        for (let e = 0; e < dh; e++) s += load<f32>(at(qi, e)) * load<f32>(at(kj, e));
        s = s * scale;
        if (mask != 0) s += load<f32>(at(mask, j));
        store<f32>(at(row, j), s);
        if (s > max) max = s;
      }
      let sum: f32 = 0;
      for (let j = 0; j < w; j++) {
        const e = exp1(load<f32>(at(row, j)) - max);
        store<f32>(at(row, j), e);
        sum += e;
      }
      for (let j = 0; j < w; j++) store<f32>(at(row, j), load<f32>(at(row, j)) / sum);
      const out = at(ctx, i * d + h * dh);
      for (let e = 0; e < dh; e++) {
        let c: f32 = 0;
        for (let j = 0; j < w; j++) c += load<f32>(at(row, j)) * load<f32>(at(v, j * d + h * dh + e));
        store<f32>(at(out, e), c);
      }
    }
  }
}

/**
 * Backward of {@link attention} from dctx [Q, D]: dq [Q, D] (written), dk and dv [W, D] (written:
 * zeroed, then summed over the queries). Scratch: W floats.
 */
export function attentionBack(
  dctx: usize,
  q: usize,
  nq: i32,
  k: usize,
  v: usize,
  w: i32,
  d: i32,
  heads: i32,
  p: usize,
  dq: usize,
  dk: usize,
  dv: usize,
  scratch: usize,
): void {
  const dh = d / heads;
  const scale: f32 = <f32>(1 / Math.sqrt(<f64>dh));
  memory.fill(dk, 0, <usize>(w * d) << 2);
  memory.fill(dv, 0, <usize>(w * d) << 2);
  const dp = scratch;
  for (let i = 0; i < nq; i++) {
    for (let h = 0; h < heads; h++) {
      const row = at(p, (i * heads + h) * w);
      const dc = at(dctx, i * d + h * dh);
      let dot: f32 = 0;
      for (let j = 0; j < w; j++) {
        const vj = at(v, j * d + h * dh);
        const pj = load<f32>(at(row, j));
        let s: f32 = 0;
        for (let e = 0; e < dh; e++) {
          const g = load<f32>(at(dc, e));
          s += g * load<f32>(at(vj, e));
          const o = at(dv, j * d + h * dh + e);
          store<f32>(o, load<f32>(o) + pj * g);
        }
        store<f32>(at(dp, j), s);
        dot += pj * s;
      }
      const qi = at(q, i * d + h * dh);
      const out = at(dq, i * d + h * dh);
      memory.fill(out, 0, <usize>dh << 2);
      for (let j = 0; j < w; j++) {
        const ds = load<f32>(at(row, j)) * (load<f32>(at(dp, j)) - dot) * scale;
        if (ds == 0) continue;
        const kj = at(k, j * d + h * dh);
        const dkj = at(dk, j * d + h * dh);
        for (let e = 0; e < dh; e++) {
          store<f32>(at(out, e), load<f32>(at(out, e)) + ds * load<f32>(at(kj, e)));
          store<f32>(at(dkj, e), load<f32>(at(dkj, e)) + ds * load<f32>(at(qi, e)));
        }
      }
    }
  }
}
