// Shapes, parameter offsets and the per-model tape of the fused transformer kernels (set once per
// call by `setup`; floats, not bytes). Parameter order: that of createTransformerArchitecture.
export let F = 0;
export let D = 0;
export let HEADS = 0;
export let LAYERS = 0;
export let FF = 0;
export let WIN = 0;
/** Floats of one layer's parameters, and of a model's. */
export let LAYER_P = 0;
export let PARAMS = 0;
/** Floats of one layer's tape, and where the final layer norm's tape starts. */
export let LAYER_T = 0;
export let FINAL_T = 0;
/** Floats of the backward scratch (after the tapes). */
export let BACK_T = 0;

export function setup(f: i32, d: i32, heads: i32, layers: i32, ff: i32, win: i32): void {
  F = f;
  D = d;
  HEADS = heads;
  LAYERS = layers;
  FF = ff;
  WIN = win;
  LAYER_P = 2 * d + 4 * d * d + d + 2 * d + d * ff + ff + ff * d;
  PARAMS = f * d + d + layers * LAYER_P + 3 * d + 1;
  LAYER_T = 3 * win * d + win + 6 * win * d + 2 * win * d + win * heads * win + win + 2 * win * ff;
  FINAL_T = layers * LAYER_T;
  BACK_T = 9 * win * d + 2 * win * ff + d + win;
}

/** Floats the kernels need per call besides the caller's arrays: the tapes and the scratch. */
export function scratchSize(): i32 {
  return FINAL_T + 2 * D + 1 + BACK_T;
}

// parameter offsets (floats from a model's first parameter)
export function pWIn(): i32 {
  return 0;
}
export function pBIn(): i32 {
  return F * D;
}
export function pLayer(l: i32): i32 {
  return F * D + D + l * LAYER_P;
}
// inside a layer
export function oLn1g(): i32 {
  return 0;
}
export function oLn1b(): i32 {
  return D;
}
export function oWq(): i32 {
  return 2 * D;
}
export function oWk(): i32 {
  return 2 * D + D * D;
}
export function oWv(): i32 {
  return 2 * D + 2 * D * D;
}
export function oWo(): i32 {
  return 2 * D + 3 * D * D;
}
export function oBo(): i32 {
  return 2 * D + 4 * D * D;
}
export function oLn2g(): i32 {
  return 3 * D + 4 * D * D;
}
export function oLn2b(): i32 {
  return 4 * D + 4 * D * D;
}
export function oW1(): i32 {
  return 5 * D + 4 * D * D;
}
export function oB1(): i32 {
  return 5 * D + 4 * D * D + D * FF;
}
export function oW2(): i32 {
  return 5 * D + 4 * D * D + D * FF + FF;
}
export function pFinal(): i32 {
  return F * D + D + LAYERS * LAYER_P;
}

// a layer's tape: rows ≤ WIN input rows, nq ≤ WIN query rows (offsets inside the layer's tape)
export function tEin(): i32 {
  return 0;
}
export function tXhat1(): i32 {
  return WIN * D;
}
export function tA(): i32 {
  return 2 * WIN * D;
}
export function tRstd1(): i32 {
  return 3 * WIN * D;
}
export function tQ(): i32 {
  return 3 * WIN * D + WIN;
}
export function tCtx(): i32 {
  return 4 * WIN * D + WIN;
}
export function tH(): i32 {
  return 5 * WIN * D + WIN;
}
export function tXhat2(): i32 {
  return 6 * WIN * D + WIN;
}
export function tA2(): i32 {
  return 7 * WIN * D + WIN;
}
export function tOut(): i32 {
  return 8 * WIN * D + WIN;
}
export function tK(): i32 {
  return 9 * WIN * D + WIN;
}
export function tV(): i32 {
  return 10 * WIN * D + WIN;
}
export function tP(): i32 {
  return 11 * WIN * D + WIN;
}
export function tRstd2(): i32 {
  return 11 * WIN * D + WIN + WIN * HEADS * WIN;
}
export function tPre1(): i32 {
  return 11 * WIN * D + 2 * WIN + WIN * HEADS * WIN;
}
export function tU(): i32 {
  return 11 * WIN * D + 2 * WIN + WIN * HEADS * WIN + WIN * FF;
}
