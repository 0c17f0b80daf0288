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

  it('auto picks tfjs-node when installed, else wasm', async () => {
    expect(['tensorflow', 'wasm']).toContain(await initTfBackend('auto'));
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
