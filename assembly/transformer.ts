// Fused batched transformer kernels (window and streaming formulations): one call runs every
// model of a batch, one model at a time, all memory owned by the caller (byte addresses; no
// allocation here). See src/models/fused-transformer-bank.ts and fused-transformer-stream.ts.
import { copy } from './lstm-cell';
import { at, sigmoid1 } from './simd-math';
import { backward, forward } from './transformer-model';
import * as L from './transformer-layout';

/** Floats of per-call scratch the transformer kernels need (tapes and backward scratch). */
export function transformerScratch(f: i32, d: i32, heads: i32, layers: i32, ff: i32, win: i32): i32 {
  L.setup(f, d, heads, layers, ff, win);
  return L.scratchSize();
}

/**
 * Window formulation, predictions: `table` holds per model [parameters, input (W × F)] (u32
 * addresses); `pe` the positional encodings [W, D]; `zeros` max(D, ff) zero floats.
 */
export function transformerWindowForward(
  n: i32,
  table: usize,
  f: i32,
  d: i32,
  heads: i32,
  layers: i32,
  ff: i32,
  win: i32,
  pe: usize,
  zeros: usize,
  z: usize,
  scratch: usize,
): void {
  L.setup(f, d, heads, layers, ff, win);
  for (let i = 0; i < n; i++) {
    const e = table + (<usize>i << 3);
    store<f32>(at(z, i), forward(load<u32>(e), load<u32>(e, 4), pe, win, 0, scratch, zeros));
  }
}

/**
 * Window formulation, training: z[i] and the gradient of the loss on label ys[i] (`target` 0:
 * direction, log loss; 1: return, squared error) into grads + i·P floats (full backprop).
 */
export function transformerWindowTrain(
  n: i32,
  table: usize,
  f: i32,
  d: i32,
  heads: i32,
  layers: i32,
  ff: i32,
  win: i32,
  pe: usize,
  zeros: usize,
  target: i32,
  ys: usize,
  z: usize,
  grads: usize,
  scratch: usize,
): void {
  L.setup(f, d, heads, layers, ff, win);
  const back = at(scratch, L.FINAL_T + 2 * d + 1);
  for (let i = 0; i < n; i++) {
    const e = table + (<usize>i << 3);
    const w = <usize>load<u32>(e);
    const x = <usize>load<u32>(e, 4);
    const zi = forward(w, x, pe, win, 0, scratch, zeros);
    store<f32>(at(z, i), zi);
    const y = load<f32>(at(ys, i));
    const dz: f32 = target == 0 ? sigmoid1(zi) - y : zi - y;
    backward(w, x, win, dz, scratch, at(grads, i * L.PARAMS), back);
  }
}

/**
 * Copies the cached keys and values of W − 1 earlier positions (record addresses at
 * `past`, oldest first, 0 when not held: zero rows, masked by the caller) into each layer's tape.
 */
function gatherPast(past: usize, scratch: usize): void {
  const d = L.D;
  for (let l = 0; l < L.LAYERS; l++) {
    const t = at(scratch, l * L.LAYER_T);
    for (let j = 0; j < L.WIN - 1; j++) {
      const rec = <usize>load<u32>(past + (<usize>j << 2));
      const k = at(t, L.tK() + j * d);
      const v = at(t, L.tV() + j * d);
      if (rec == 0) {
        memory.fill(k, 0, <usize>d << 2);
        memory.fill(v, 0, <usize>d << 2);
        continue;
      }
      copy(at(rec, L.F + 2 * l * d), k, d);
      copy(at(rec, L.F + (2 * l + 1) * d), v, d);
    }
  }
}

/** Entries per model of the streaming tables: parameters, record, input, pe, mask, W − 1 past. */
// @ts-ignore: decorator
@inline function entries(): i32 {
  return 4 + L.WIN;
}

/**
 * Streaming formulation, one new position per model: `table` holds per model [parameters,
 * record (written: x, then per layer the new key and value), input x (F), pe (D), mask (W),
 * then the W − 1 earlier records, oldest first (0: not held)]; z[i] the output.
 */
export function transformerStreamStep(
  n: i32,
  table: usize,
  f: i32,
  d: i32,
  heads: i32,
  layers: i32,
  ff: i32,
  win: i32,
  zeros: usize,
  z: usize,
  scratch: usize,
): void {
  L.setup(f, d, heads, layers, ff, win);
  for (let i = 0; i < n; i++) {
    const e = table + (<usize>(i * entries()) << 2);
    const rec = <usize>load<u32>(e, 4);
    copy(<usize>load<u32>(e, 8), rec, f);
    gatherPast(e + 20, scratch);
    const zi = forward(load<u32>(e), rec, load<u32>(e, 12), 1, load<u32>(e, 16), scratch, zeros);
    store<f32>(at(z, i), zi);
    for (let l = 0; l < layers; l++) {
      const t = at(scratch, l * L.LAYER_T);
      copy(at(t, L.tK() + (win - 1) * d), at(rec, f + 2 * l * d), d);
      copy(at(t, L.tV() + (win - 1) * d), at(rec, f + (2 * l + 1) * d), d);
    }
  }
}

/**
 * Streaming formulation, gradients: `table` as {@link transformerStreamStep}'s with the
 * labelled step's record (read only: its x) and its position's pe and mask; the position is
 * recomputed with the current weights, the earlier keys/values held constant; the loss on
 * ys[i] (f32) of that recomputed output, as the tfjs formulation differentiates it.
 */
export function transformerStreamGrad(
  n: i32,
  table: usize,
  f: i32,
  d: i32,
  heads: i32,
  layers: i32,
  ff: i32,
  win: i32,
  zeros: usize,
  target: i32,
  ys: usize,
  grads: usize,
  scratch: usize,
): void {
  L.setup(f, d, heads, layers, ff, win);
  const back = at(scratch, L.FINAL_T + 2 * d + 1);
  for (let i = 0; i < n; i++) {
    const e = table + (<usize>(i * entries()) << 2);
    const w = <usize>load<u32>(e);
    const x = <usize>load<u32>(e, 4);
    gatherPast(e + 20, scratch);
    const zi = forward(w, x, load<u32>(e, 12), 1, load<u32>(e, 16), scratch, zeros);
    const y = load<f32>(at(ys, i));
    const dz: f32 = target == 0 ? sigmoid1(zi) - y : zi - y;
    backward(w, x, 1, dz, scratch, at(grads, i * L.PARAMS), back);
  }
}
