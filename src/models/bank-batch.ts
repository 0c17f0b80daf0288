import { type BankStorage, SLOT_STATE_SIZE as K } from './bank-storage.ts';
import type { NeuralTraining } from './neural-architecture.ts';

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

/**
 * Gathers the parameters of `slots` into batched layouts, one Float32Array per parameter in the
 * layout [rows, N, cols] (model n's row r is contiguous). O(N·P) copying.
 */
export function gatherParams(store: BankStorage, slots: readonly number[]): Float32Array[] {
  const n = slots.length;
  const p = store.paramSize;
  const src = store.params;
  return store.specs.map((spec, k) => {
    const off = store.offsets[k] as number;
    const cols = spec.cols;
    const out = new Float32Array(spec.rows * n * cols);
    // plain loops: rows are short (tens of numbers), so subarray()+set() would mostly allocate
    let o = 0;
    for (let r = 0; r < spec.rows; r++) {
      for (let i = 0; i < n; i++) {
        const from = (slots[i] as number) * p + off + r * cols;
        for (let c = 0; c < cols; c++) out[o++] = src[from + c] as number;
      }
    }
    return out;
  });
}

/**
 * Builds the input [W, F, N] (bar, feature, model) of `slots`, standardising each feature with the slot's
 * running statistics when `standardize` (0 until two observations, as the linear models do).
 * With `from`, only bars from..W-1 ([W - from, F, N]).
 */
export function buildInput(
  store: BankStorage,
  slots: readonly number[],
  xs: readonly Float64Array[],
  window: number,
  standardize: boolean,
  from = 0,
): Float32Array {
  const n = slots.length;
  const f = store.features;
  const out = new Float32Array((window - from) * n * f);
  const scale = new Float64Array(f);
  const shift = new Float64Array(f);
  for (let i = 0; i < n; i++) {
    scalerOf(store, slots[i] as number, standardize, scale, shift);
    const x = xs[i] as Float64Array;
    for (let t = from; t < window; t++) {
      for (let j = 0; j < f; j++)
        out[((t - from) * f + j) * n + i] =
          ((x[t * f + j] as number) - (shift[j] as number)) * (scale[j] as number);
    }
  }
  return out;
}

/**
 * The same numbers as {@link buildInput}, model-major: model i's bars from..W-1 are
 * `out[i·(W - from)·F ..]`, bar by bar (what the fused kernels read). O(N·W·F), no allocation
 * but the two F-sized scaler arrays.
 */
export function buildInputRows(
  store: BankStorage,
  slots: readonly number[],
  xs: readonly Float64Array[],
  window: number,
  standardize: boolean,
  from: number,
  out: Float32Array,
): void {
  const f = store.features;
  const scale = new Float64Array(f);
  const shift = new Float64Array(f);
  let o = 0;
  for (let i = 0; i < slots.length; i++) {
    scalerOf(store, slots[i] as number, standardize, scale, shift);
    const x = xs[i] as Float64Array;
    for (let t = from; t < window; t++) {
      for (let j = 0; j < f; j++)
        out[o++] = ((x[t * f + j] as number) - (shift[j] as number)) * (scale[j] as number);
    }
  }
}

/** x ↦ (x − shift)·scale of the slot: its running mean and 1/sd, or the identity. */
function scalerOf(
  store: BankStorage,
  slot: number,
  standardize: boolean,
  scale: Float64Array,
  shift: Float64Array,
): void {
  const f = store.features;
  const count = store.state[slot * K + 1] as number;
  for (let j = 0; j < f; j++) {
    if (!standardize) {
      scale[j] = 1;
      shift[j] = 0;
      continue;
    }
    const sd = count < 2 ? 0 : Math.sqrt((store.m2[slot * f + j] as number) / (count - 1));
    scale[j] = sd > 0 ? 1 / sd : 0;
    shift[j] = store.mean[slot * f + j] as number;
  }
}

/** Welford update of the slot's scaler with the newest bar of `x` (its last F numbers). */
export function observeNewest(store: BankStorage, slot: number, x: Float64Array): void {
  const f = store.features;
  const count = (store.state[slot * K + 1] as number) + 1;
  store.state[slot * K + 1] = count;
  const base = x.length - f;
  for (let j = 0; j < f; j++) {
    const xj = x[base + j] as number;
    const k = slot * f + j;
    const delta = xj - (store.mean[k] as number);
    const mean = (store.mean[k] as number) + delta / count;
    store.mean[k] = mean;
    store.m2[k] = (store.m2[k] as number) + delta * (xj - mean);
  }
}

/**
 * One optimiser step for each of `slots` from its batched gradients ([rows, N, cols] per
 * parameter, as {@link gatherParams}): clip the loss gradient to `clipNorm` (per model, global
 * norm), add the L2 term, then Adam (Kingma & Ba 2015, bias-corrected) or SGD at `rates[i]`.
 * Arithmetic in Float64, stored in Float32. O(N·P).
 */
export function applyUpdate(
  store: BankStorage,
  slots: readonly number[],
  grads: readonly Float32Array[],
  rates: Float64Array,
  training: NeuralTraining,
): void {
  const n = slots.length;
  const norms = perModelNorms(store, grads, n);
  const clip = new Float64Array(n);
  const hyper = new Float64Array(3 * n);
  advanceSteps(store, slots, rates, hyper);
  for (let i = 0; i < n; i++) {
    const norm = Math.sqrt(norms[i] as number);
    clip[i] = training.clipNorm > 0 && norm > training.clipNorm ? training.clipNorm / norm : 1;
  }
  const adam = training.optimizer === 'adam';
  store.specs.forEach((spec, k) => {
    const l2 = spec.decay ? training.l2 : 0;
    const off = store.offsets[k] as number;
    for (let r = 0; r < spec.rows; r++) {
      for (let i = 0; i < n; i++) {
        const gb = (r * n + i) * spec.cols;
        const wb = (slots[i] as number) * store.paramSize + off + r * spec.cols;
        if (adam)
          adamRow(
            store,
            grads[k] as Float32Array,
            gb,
            wb,
            spec.cols,
            clip[i] as number,
            l2,
            hyper[3 * i + 1] as number,
            hyper[3 * i + 2] as number,
          );
        else
          sgdRow(
            store.params,
            grads[k] as Float32Array,
            gb,
            wb,
            spec.cols,
            clip[i] as number,
            l2,
            rates[i] as number,
          );
      }
    }
  });
}

/**
 * Counts one optimiser step of each of `slots` and writes, per slot, [rate, Adam step size
 * lr / (1 − β1^t), 1 − β2^t] to `hyper` (the numbers every optimiser step needs besides the
 * gradient).
 */
export function advanceSteps(
  store: BankStorage,
  slots: readonly number[],
  rates: ArrayLike<number>,
  hyper: Float64Array,
): void {
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] as number;
    const t = (store.state[slot * K] as number) + 1;
    store.state[slot * K] = t;
    hyper[3 * i] = rates[i] as number;
    hyper[3 * i + 1] = (rates[i] as number) / (1 - BETA1 ** t); // lr · bias correction of m
    hyper[3 * i + 2] = 1 - BETA2 ** t;
  }
}

function adamRow(
  store: BankStorage,
  g: Float32Array,
  gb: number,
  wb: number,
  cols: number,
  clip: number,
  l2: number,
  step: number,
  c2: number,
): void {
  const { params, m, v } = store;
  for (let c = 0; c < cols; c++) {
    const w = params[wb + c] as number;
    const gi = clip * (g[gb + c] as number) + l2 * w;
    const mi = BETA1 * (m[wb + c] as number) + (1 - BETA1) * gi;
    const vi = BETA2 * (v[wb + c] as number) + (1 - BETA2) * gi * gi;
    m[wb + c] = mi;
    v[wb + c] = vi;
    params[wb + c] = w - (step * mi) / (Math.sqrt(vi / c2) + EPS);
  }
}

function sgdRow(
  params: Float32Array,
  g: Float32Array,
  gb: number,
  wb: number,
  cols: number,
  clip: number,
  l2: number,
  lr: number,
): void {
  for (let c = 0; c < cols; c++) {
    const w = params[wb + c] as number;
    params[wb + c] = w - lr * (clip * (g[gb + c] as number) + l2 * w);
  }
}

function perModelNorms(
  store: BankStorage,
  grads: readonly Float32Array[],
  n: number,
): Float64Array {
  const norms = new Float64Array(n);
  store.specs.forEach((spec, k) => {
    const g = grads[k] as Float32Array;
    for (let r = 0; r < spec.rows; r++) {
      for (let i = 0; i < n; i++) {
        const gb = (r * n + i) * spec.cols;
        let s = 0;
        for (let c = 0; c < spec.cols; c++) s += (g[gb + c] as number) * (g[gb + c] as number);
        norms[i] = (norms[i] as number) + s;
      }
    }
  });
  return norms;
}
