import { readFileSync } from 'node:fs';
import { InputError } from '../core/index.ts';
import { type WasmMemory, WasmArena } from './wasm-arena.ts';

/**
 * The entry points of the compiled kernels (`assembly/index.ts`, built by `npm run build:wasm`
 * into `wasm/kernels.wasm`). Every argument named like an array is a byte address in the
 * instance's memory ({@link WasmArena}); see the AssemblyScript sources for the layouts.
 */
export interface FusedExports {
  lstmWindowForward(
    n: number,
    table: number,
    f: number,
    h: number,
    win: number,
    z: number,
    scratch: number,
  ): void;
  lstmWindowTrain(
    n: number,
    table: number,
    f: number,
    h: number,
    win: number,
    taped: number,
    target: number,
    ys: number,
    z: number,
    grads: number,
    scratch: number,
  ): void;
  lstmStreamStep(n: number, table: number, f: number, h: number, z: number): void;
  lstmStreamGrad(
    n: number,
    table: number,
    f: number,
    h: number,
    steps: number,
    dz: number,
    grads: number,
    scratch: number,
  ): void;
  optimize(
    n: number,
    slots: number,
    params: number,
    m: number,
    v: number,
    grads: number,
    p: number,
    specs: number,
    nSpecs: number,
    hyper: number,
    clipNorm: number,
    l2: number,
    adam: number,
  ): void;
  zero(at: number, bytes: number): void;
  transformerScratch(
    f: number,
    d: number,
    heads: number,
    layers: number,
    ff: number,
    win: number,
  ): number;
  transformerWindowForward(
    n: number,
    table: number,
    f: number,
    d: number,
    heads: number,
    layers: number,
    ff: number,
    win: number,
    pe: number,
    zeros: number,
    z: number,
    scratch: number,
  ): void;
  transformerWindowTrain(
    n: number,
    table: number,
    f: number,
    d: number,
    heads: number,
    layers: number,
    ff: number,
    win: number,
    pe: number,
    zeros: number,
    target: number,
    ys: number,
    z: number,
    grads: number,
    scratch: number,
  ): void;
  transformerStreamStep(
    n: number,
    table: number,
    f: number,
    d: number,
    heads: number,
    layers: number,
    ff: number,
    win: number,
    zeros: number,
    z: number,
    scratch: number,
  ): void;
  transformerStreamGrad(
    n: number,
    table: number,
    f: number,
    d: number,
    heads: number,
    layers: number,
    ff: number,
    win: number,
    zeros: number,
    target: number,
    ys: number,
    grads: number,
    scratch: number,
  ): void;
}

/** One instance of the kernels and the memory it computes in (shared by a registry's banks). */
export interface FusedKernels {
  /** A plain object over the instance's exports (so that tests can count calls). */
  readonly exports: FusedExports;
  readonly arena: WasmArena;
}

/** Which implementation computes a neural family: see docs/models.md. */
export type NeuralKernelChoice = 'auto' | 'fused' | 'tfjs';

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const WASM = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
/** The kernels' binary: next to this module, in src/ and in dist/ alike. */
export const FUSED_WASM_URL = new URL('./wasm/kernels.wasm', import.meta.url);
/** 4 GiB of address space, the most a 32-bit memory has; pages are committed as used. */
const MAX_PAGES = 65536;

let compiled: object | Error | undefined;

/** The compiled module (once per process), or why it is not available. */
function module(): object | Error {
  if (compiled === undefined) {
    try {
      compiled = new WASM.Module(readFileSync(FUSED_WASM_URL));
    } catch (e) {
      compiled = e instanceof Error ? e : new Error(String(e));
    }
  }
  return compiled;
}

/**
 * Whether the fused kernels can run here (their .wasm file loads and compiles: WebAssembly with
 * SIMD and shared memory, which Node ≥ 20 has).
 *
 * @example
 * fusedKernelsAvailable(); // true
 */
export function fusedKernelsAvailable(): boolean {
  return !(module() instanceof Error);
}

/**
 * A new instance of the fused kernels with its own memory. Loading is synchronous (the module
 * is small; models are created synchronously) and happens once per process.
 *
 * @throws {InputError} when the kernels cannot load (`kernel: fused` asked for them).
 * @example
 * const { exports, arena } = createFusedKernels();
 */
export function createFusedKernels(): FusedKernels {
  const m = module();
  if (m instanceof Error)
    throw new InputError(
      `\`kernel: fused\` could not be loaded from ${FUSED_WASM_URL.pathname} (${m.message}); use \`kernel: tfjs\` or \`auto\``,
    );
  const memory = new WASM.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  const instance = new WASM.Instance(m, { env: { memory } });
  const exports = { ...(instance.exports as FusedExports) };
  return { exports, arena: new WasmArena(memory, exports.zero) };
}
