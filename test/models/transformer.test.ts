import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, logLoss } from '../../src/core/index.ts';
import {
  BankRegistry,
  createModel,
  createTransformerArchitecture,
  DEFAULT_TRANSFORMER,
  initTfBackend,
} from '../../src/models/index.ts';
import { checkGradient, toFloat32 } from './fd-check.ts';

const plainSgd = {
  optimizer: 'sgd',
  learningRate: 1,
  clipNorm: 0,
  l2: 0,
  adaptiveLr: false,
  standardize: false,
} as const;

/** Both implementations: the fused WebAssembly kernels and tfjs (the reference). */
const KERNELS = ['fused', 'tfjs'] as const;

function windowOf(rng: ReturnType<typeof createRandom>, length: number): Float64Array {
  return Float64Array.from({ length }, () => rng.normal());
}

describe('transformer', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: parameter list of one layer', () => {
    const arch = createTransformerArchitecture({
      ...DEFAULT_TRANSFORMER,
      features: 3,
      dModel: 4,
      heads: 2,
      ffDim: 8,
      window: 5,
    });
    expect(arch.params.length).toBe(2 + 12 + 4);
  });

  it.each(KERNELS)('gradient matches finite differences (1 layer; %s)', (kernel) => {
    const m = createModel(
      { kind: 'transformer', dModel: 4, heads: 2, ffDim: 4, window: 3, ...plainSgd, kernel },
      2,
      7,
      { banks: new BankRegistry() },
    );
    checkGradient(m, windowOf(createRandom(2), 6), 1, {
      eps: 1e-2,
      lr: 1,
      round: toFloat32,
      abs: 3e-4,
      rel: 3e-2,
      target: 'direction',
    });
  });

  it.each(KERNELS)('gradient matches finite differences (2 layers, return head; %s)', (kernel) => {
    const m = createModel(
      {
        kind: 'transformer',
        dModel: 4,
        heads: 2,
        ffDim: 4,
        window: 3,
        layers: 2,
        target: 'return',
        ...plainSgd,
        kernel,
      },
      2,
      3,
      { banks: new BankRegistry() },
    );
    checkGradient(m, windowOf(createRandom(5), 6), -0.4, {
      eps: 1e-2,
      lr: 1,
      round: toFloat32,
      abs: 3e-4,
      rel: 3e-2,
      target: 'return',
    });
  });

  it('learns a direction that depends on the oldest bar of the window', () => {
    const rng = createRandom(8);
    const m = createModel(
      { kind: 'transformer', dModel: 8, heads: 2, ffDim: 8, window: 4, learningRate: 0.003 },
      1,
      2,
      { banks: new BankRegistry() },
    );
    let early = 0;
    let late = 0;
    for (let i = 0; i < 400; i++) {
      const x = windowOf(rng, 4);
      const y = (x[0] as number) > 0 ? 1 : 0;
      const loss = logLoss(m.predict(x), y);
      if (i < 50) early += loss;
      if (i >= 350) late += loss;
      m.learn(x, y);
    }
    expect(late).toBeLessThan(early * 0.5);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const m = createModel(
      { kind: 'transformer', dModel: 4, heads: 2, ffDim: 4, window: 3, layers: 2 },
      2,
      1,
      { banks: new BankRegistry() },
    );
    const x = windowOf(createRandom(1), 6);
    m.learn(x, 1);
    m.predict(x);
    m.dispose?.();
    expect(tf.memory().numTensors).toBe(before);
  });
});
