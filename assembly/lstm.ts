// Fused batched LSTM kernels: one call runs every model of a batch, one model at a time (its
// weights stay in cache across its steps), with all memory owned by the caller (byte addresses
// into this module's imported memory; no allocation here). See src/models/fused-lstm.ts.
import { backward } from './lstm-backward';
import { cellStep, copy, readout } from './lstm-cell';
import { at, sigmoid1 } from './simd-math';

/** Floats per model: 4 gate matrices [K, H], 4 gate biases, w_out, b_out. */
// @ts-ignore: decorator
@inline function paramCount(f: i32, h: i32): i32 {
  return 4 * (f + h) * h + 5 * h + 1;
}

/**
 * Runs one model from the zero state over its `win` bars at `x` (F floats each): the first
 * win − taped steps in two alternating records at `pp`, the last `taped` steps into consecutive
 * records at `tape` (taped + 1 of them: the last holds the final h). Returns the address of the
 * final h.
 */
function forwardWindow(w: usize, x: usize, f: i32, h: i32, win: i32, taped: i32, pp: usize, tape: usize): usize {
  const r = f + 7 * h;
  const cp = f + h + 4 * h;
  const start = win - taped;
  let rec = start > 0 ? pp : tape;
  memory.fill(at(rec, f), 0, <usize>h << 2);
  memory.fill(at(rec, cp), 0, <usize>h << 2);
  for (let t = 0; t < win; t++) {
    // untaped steps alternate between the two records at pp (the final h too when nothing is taped)
    const next =
      t + 1 < start || taped == 0 ? at(pp, ((t + 1) & 1) * r) : at(tape, (t + 1 - start) * r);
    copy(at(x, t * f), rec, f);
    cellStep(rec, w, f, h, at(next, f), at(next, cp));
    rec = next;
  }
  return at(rec, f);
}

/**
 * Window formulation, predictions: `table` holds per model [parameters, input] (u32 addresses);
 * z[i] (f32) is the head's pre-activation. Scratch: 2 records.
 */
export function lstmWindowForward(n: i32, table: usize, f: i32, h: i32, win: i32, z: usize, scratch: usize): void {
  for (let i = 0; i < n; i++) {
    const e = table + (<usize>i << 3);
    const w = <usize>load<u32>(e);
    const hp = forwardWindow(w, <usize>load<u32>(e, 4), f, h, win, 0, scratch, 0);
    store<f32>(at(z, i), readout(hp, w, f, h));
  }
}

/**
 * Window formulation, training: forward over the window (the last `taped` steps recorded),
 * z[i], then the gradient of the loss on label ys[i] (f32; `target` 0: direction, log loss, 1:
 * return, squared error) into grads + i·P floats, truncated BPTT through the taped steps.
 * Scratch: (taped + 3) records, `taped` u32, H floats, then the backward scratch.
 */
export function lstmWindowTrain(
  n: i32,
  table: usize,
  f: i32,
  h: i32,
  win: i32,
  taped: i32,
  target: i32,
  ys: usize,
  z: usize,
  grads: usize,
  scratch: usize,
): void {
  const r = f + 7 * h;
  const p = paramCount(f, h);
  const tape = at(scratch, 2 * r);
  const recs = at(tape, (taped + 1) * r);
  const dy = at(recs, taped);
  const rest = at(dy, h);
  for (let t = 0; t < taped; t++) store<u32>(at(recs, t), <u32>at(tape, t * r));
  for (let i = 0; i < n; i++) {
    const e = table + (<usize>i << 3);
    const w = <usize>load<u32>(e);
    const hp = forwardWindow(w, <usize>load<u32>(e, 4), f, h, win, taped, scratch, tape);
    const zi = readout(hp, w, f, h);
    store<f32>(at(z, i), zi);
    const y = load<f32>(at(ys, i));
    const dz: f32 = target == 0 ? sigmoid1(zi) - y : zi - y;
    const g = at(grads, i * p);
    const out = 4 * (f + h) * h + 4 * h;
    for (let j = 0; j < h; j++) {
      store<f32>(at(dy, j), dz * load<f32>(at(w, out + j)));
      store<f32>(at(g, out + j), dz * load<f32>(at(hp, j)));
    }
    store<f32>(at(g, out + h), dz);
    backward(recs, taped, w, f, h, dy, g, rest);
  }
}

/**
 * Streaming formulation, one step per model: `table` holds per model [parameters, carry (h, c),
 * record, input] (u32 addresses). The record receives x, h_prev, c_prev, gates and tanh(c); the
 * carry the new h and c; z[i] the output.
 */
export function lstmStreamStep(n: i32, table: usize, f: i32, h: i32, z: usize): void {
  const cp = f + h + 4 * h;
  for (let i = 0; i < n; i++) {
    const e = table + (<usize>i << 4);
    const w = <usize>load<u32>(e);
    const carry = <usize>load<u32>(e, 4);
    const rec = <usize>load<u32>(e, 8);
    copy(<usize>load<u32>(e, 12), rec, f);
    copy(carry, at(rec, f), h);
    copy(at(carry, h), at(rec, cp), h);
    cellStep(rec, w, f, h, carry, at(carry, h));
    store<f32>(at(z, i), readout(carry, w, f, h));
  }
}

/**
 * Streaming formulation, gradients from cached records: `table` holds per model [parameters,
 * then `steps` record addresses, oldest first, the labelled step last; 0 for a record the ring
 * no longer holds]. dz[i] (f64) is dL/dz at the labelled step's output; the readout's gradient
 * is formed in float64 and rounded, as src/models/lstm-stream.ts does. Writes grads + i·P floats.
 * Scratch: H floats, then the backward scratch.
 */
export function lstmStreamGrad(n: i32, table: usize, f: i32, h: i32, steps: i32, dz: usize, grads: usize, scratch: usize): void {
  const p = paramCount(f, h);
  const out = 4 * (f + h) * h + 4 * h;
  const dy = scratch;
  const rest = at(scratch, h);
  for (let i = 0; i < n; i++) {
    const e = table + <usize>(i * (steps + 1)) * 4;
    const w = <usize>load<u32>(e);
    const recs = e + 4;
    const newest = <usize>load<u32>(at(recs, steps - 1));
    const o = at(newest, f + h + 3 * h);
    const tc = at(newest, f + h + 5 * h);
    const d = load<f64>(dz + (<usize>i << 3));
    const g = at(grads, i * p);
    for (let j = 0; j < h; j++) {
      const hj = load<f32>(at(o, j)) * load<f32>(at(tc, j));
      store<f32>(at(dy, j), <f32>(d * <f64>load<f32>(at(w, out + j))));
      store<f32>(at(g, out + j), <f32>(d * <f64>hj));
    }
    store<f32>(at(g, out + h), <f32>d);
    backward(recs, steps, w, f, h, dy, g, rest);
  }
}

export { optimize } from './optimizer';

/** Zeroes n bytes at p (bulk memory: far faster than filling a typed array over shared memory). */
export function zero(p: usize, n: usize): void {
  memory.fill(p, 0, n);
}
