import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import {
  BankRegistry,
  createModel,
  initTfBackend,
  type TfBackendPreference,
} from '../../src/models/index.ts';

describe('initTfBackend', () => {
  afterAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: cpu on request', async () => {
    expect(await initTfBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('loads the WebAssembly backend in Node from node_modules', async () => {
    expect(await initTfBackend('wasm')).toBe('wasm');
  });

  it('auto picks tfjs-node when installed, else wasm, and says which and why', async () => {
    const lines: string[] = [];
    const chosen = await initTfBackend('auto', (l) => lines.push(l));
    expect(['tensorflow', 'wasm']).toContain(chosen);
    expect(lines).toHaveLength(1);
    if (chosen === 'wasm')
      expect(lines[0]).toBe(
        'backend: wasm (tensorflow not available); set `backend` in the scenario to choose',
      );
  });

  it('a named backend that cannot load is an error saying how to install it, never a silent fallback', async () => {
    let tfjsNode = true;
    try {
      await import('@tensorflow/tfjs-node' as string);
    } catch {
      tfjsNode = false;
    }
    if (tfjsNode) return; // installed here: nothing to refuse
    await expect(initTfBackend('tensorflow')).rejects.toThrow(
      '`backend: tensorflow` could not be loaded: install it with `npm install @tensorflow/tfjs-node`',
    );
  });

  it('the same model predicts (nearly) the same on wasm and cpu', async () => {
    const banks = new BankRegistry();
    const x = Float64Array.from({ length: 12 }, (_, i) => Math.sin(i));
    await initTfBackend('cpu');
    const lstm = createModel({ kind: 'lstm', hidden: 4, window: 4 }, 3, 1, { banks });
    const trf = createModel({ kind: 'transformer', dModel: 4, heads: 2, window: 4 }, 3, 1, {
      banks,
    });
    lstm.learn(x, 1);
    trf.learn(x, 1);
    const onCpu = [lstm.predict(x), trf.predict(x)];
    await initTfBackend('wasm');
    expect(lstm.predict(x)).toBeCloseTo(onCpu[0] as number, 5);
    expect(trf.predict(x)).toBeCloseTo(onCpu[1] as number, 5);
  });

  it('rejects an unknown preference', async () => {
    await expect(initTfBackend('gpu' as TfBackendPreference)).rejects.toThrow(InputError);
  });
});
