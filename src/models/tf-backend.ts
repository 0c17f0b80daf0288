import * as tf from '@tensorflow/tfjs';
import { describeValue, InputError } from '../core/index.ts';

/** Which tfjs backend to run the neural models on. */
export type TfBackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

// `auto` falls back down the chain; a named backend is what was asked for: no fallback.
const CHAINS: Record<TfBackendPreference, readonly ('tensorflow' | 'wasm' | 'cpu')[]> = {
  auto: ['tensorflow', 'wasm', 'cpu'],
  tensorflow: ['tensorflow'],
  wasm: ['wasm'],
  cpu: ['cpu'],
};

/** How to get a backend that did not load. */
const INSTALL: Record<'tensorflow' | 'wasm' | 'cpu', string> = {
  tensorflow:
    'install it with `npm install @tensorflow/tfjs-node` (it downloads libtensorflow while installing, which needs internet access beyond the npm registry), or use `backend: auto` or `wasm`',
  wasm: 'reinstall the dependencies (`npm ci`): @tensorflow/tfjs-backend-wasm ships its .wasm files in its npm package',
  cpu: 'reinstall the dependencies (`npm ci`)',
};

// A variable specifier: tfjs-node is optional and usually absent, so the type checker must not
// try to resolve it.
const TFJS_NODE = '@tensorflow/tfjs-node';

/**
 * Selects the tfjs backend and waits until it is ready. `auto` tries, in order: tfjs-node
 * (`tensorflow`, native libtensorflow, used when the user has installed @tensorflow/tfjs-node),
 * then WebAssembly (@tensorflow/tfjs-backend-wasm; in Node it loads its .wasm binaries from its
 * own `dist/` folder in node_modules, no `setWasmPaths` needed), then plain JavaScript (`cpu`),
 * and tells `notice` (when given) which one it chose and why. A named backend is what the
 * scenario asked for: if it cannot load, that is an error saying how to install it — never a
 * silent fallback. Also turns on tfjs production mode (no debug checks, no "install tfjs-node"
 * banner).
 *
 * The backend is process-global: call this once at start-up, before creating neural models.
 *
 * @returns the name of the backend actually in use (`tensorflow`, `wasm` or `cpu`).
 * @throws {InputError} for an unknown preference, or a named backend that cannot load.
 * @example
 * const backend = await initTfBackend('cpu'); // 'cpu'
 */
export async function initTfBackend(
  prefer: TfBackendPreference = 'auto',
  notice?: (line: string) => void,
): Promise<string> {
  const chain = CHAINS[prefer];
  if (chain === undefined) {
    throw new InputError(
      `Expected the tfjs backend to be one of auto, tensorflow, wasm, cpu, got ${describeValue(prefer)}`,
    );
  }
  tf.env().set('PROD', true);
  const failed: string[] = [];
  for (const name of chain) {
    if (await tryBackend(name)) {
      if (prefer === 'auto')
        notice?.(
          `backend: ${name}${failed.length > 0 ? ` (${failed.join(', ')} not available)` : ''}; set \`backend\` in the scenario to choose`,
        );
      return tf.getBackend();
    }
    failed.push(name);
  }
  if (prefer !== 'auto')
    throw new InputError(`\`backend: ${prefer}\` could not be loaded: ${INSTALL[prefer]}`);
  throw new InputError('No tfjs backend could be initialised (tried tensorflow, wasm, cpu)');
}

async function tryBackend(name: 'tensorflow' | 'wasm' | 'cpu'): Promise<boolean> {
  try {
    if (name === 'tensorflow') await import(TFJS_NODE);
    if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    if (tf.findBackendFactory(name) === null) return false;
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}
