// Compiles the fused kernels (assembly/index.ts and what it imports, AssemblyScript) into src/models/wasm/kernels.wasm.
// Run: npm run build:wasm (a test rebuilds into a temporary folder and compares the bytes with the
// committed file, so a change to assembly/ must come with its rebuilt .wasm).
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

/** The entry file and the compiler flags: SIMD, a shared memory imported from JavaScript, no runtime. */
export const WASM_SOURCE = fileURLToPath(new URL('../assembly/index.ts', import.meta.url));
export const WASM_OUT = fileURLToPath(new URL('../src/models/wasm/kernels.wasm', import.meta.url));
export const ASC_FLAGS = [
  '-O3',
  '--noAssert',
  '--runtime',
  'stub',
  '--enable',
  'simd',
  '--enable',
  'threads',
  '--importMemory',
  '--sharedMemory',
  '--initialMemory',
  '1',
  '--maximumMemory',
  '65536',
  '--use',
  'abort=',
];

/** Compiles the kernels into `out`; throws with the compiler's messages when it fails. */
export async function buildWasm(out: string = WASM_OUT): Promise<void> {
  const { error, stderr } = await asc.main([WASM_SOURCE, ...ASC_FLAGS, '--outFile', out]);
  if (error) throw new Error(`asc failed: ${error.message}\n${stderr.toString()}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWasm(process.argv[2]);
  console.log(`wrote ${process.argv[2] ?? WASM_OUT}`);
}
