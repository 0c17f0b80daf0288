/**
 * scripts/build-wasm.ts: the committed src/models/wasm/kernels.wasm is what the AssemblyScript
 * sources in assembly/ compile to (so `npm ci` and the tests need no compile step, and a change
 * to assembly/ must come with its rebuilt binary: `npm run build:wasm`).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUSED_WASM_URL } from '../../src/models/index.ts';
import { tempDir } from '../helpers/cli.ts';

const asc = await import('assemblyscript/asc').then(
  () => true,
  () => false,
);

describe('the fused kernels binary', () => {
  it.skipIf(!asc)(
    'rebuilds from assembly/ to the committed bytes (skipped only when assemblyscript is not installed)',
    async () => {
      const { buildWasm, WASM_OUT } = await import('../../scripts/build-wasm.ts');
      const dir = tempDir('livemodel-wasm-');
      const out = join(dir, 'kernels.wasm');
      await buildWasm(out);
      const built = readFileSync(out);
      rmSync(dir, { recursive: true });
      const committed = readFileSync(WASM_OUT);
      expect(built.equals(committed), 'run `npm run build:wasm` and commit the .wasm').toBe(true);
      expect(readFileSync(FUSED_WASM_URL).equals(committed)).toBe(true);
    },
    120_000,
  );
});
