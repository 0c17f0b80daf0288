import * as tf from '@tensorflow/tfjs';
import { describeValue, InputError } from '../core/index.ts';

/** Which tfjs backend to run the neural models on. */
export type TfBackendPreference = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

const CHAINS: Record<TfBackendPreference, readonly ('tensorflow' | 'wasm' | 'cpu')[]> = {
  auto: ['tensorflow', 'wasm', 'cpu'],
  tensorflow: ['tensorflow', 'wasm', 'cpu'],
  wasm: ['wasm', 'cpu'],
  cpu: ['cpu'],
};

// A variable specifier: tfjs-node is optional and usually absent, so the type checker must not
// try to resolve it.
const TFJS_NODE = '@tensorflow/tfjs-node';

/**
 * Selects the tfjs backend and waits until it is ready. `auto` tries, in order: tfjs-node
 * (`tensorflow`, native libtensorflow, used when the user has installed @tensorflow/tfjs-node),
 * then WebAssembly (@tensorflow/tfjs-backend-wasm; in Node it loads its .wasm binaries from its
 * own `dist/` folder in node_modules, no `setWasmPaths` needed), then plain JavaScript (`cpu`).
 * A named preference starts the same chain at that backend and falls back down it. Also turns
 * on tfjs production mode (no debug checks, no "install tfjs-node" banner).
 *
 * The backend is process-global: call this once at start-up, before creating neural models.
 *
 * @returns the name of the backend actually in use (`tensorflow`, `wasm` or `cpu`).
 * @throws {InputError} for an unknown preference.
 * @example
 * const backend = await initTfBackend('cpu'); // 'cpu'
 */
export async function initTfBackend(prefer: TfBackendPreference = 'auto'): Promise<string> {
  const chain = CHAINS[prefer];
  if (chain === undefined) {
    throw new InputError(
      `Expected the tfjs backend to be one of auto, tensorflow, wasm, cpu, got ${describeValue(prefer)}`,
    );
  }
  tf.env().set('PROD', true);
  for (const name of chain) {
    if (await tryBackend(name)) return tf.getBackend();
  }
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
