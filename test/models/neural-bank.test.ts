import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRandom, InvariantError } from '../../src/core/index.ts';
import {
  BankRegistry,
  createFrozenBaseline,
  createModel,
  FusedLstmBank,
  FusedTransformerBank,
  initTfBackend,
  type ModelSpec,
  type NeuralBank,
  type OnlineModel,
} from '../../src/models/index.ts';

const SPECS: ModelSpec[] = [
  { kind: 'lstm', hidden: 4, window: 3, bpttSteps: 2, learningRate: 0.01 },
  { kind: 'lstm', hidden: 4, window: 3, bpttSteps: 2, learningRate: 0.01, kernel: 'tfjs' },
  { kind: 'transformer', dModel: 4, heads: 2, ffDim: 4, window: 3, learningRate: 0.01 },
  {
    kind: 'transformer',
    dModel: 4,
    heads: 2,
    ffDim: 4,
    window: 3,
    learningRate: 0.01,
    kernel: 'tfjs',
  },
];
const F = 2;

/**
 * Counts a bank's batched computations: tfjs builds one forward (or training forward) per batch
 * or round; the fused kernels make one kernel call (a round of at most FUSED_CHUNK models).
 */
function spyBatches(bank: NeuralBank, what: 'predict' | 'learn') {
  if (bank instanceof FusedLstmBank)
    return vi.spyOn(
      bank.kernels.exports,
      what === 'predict' ? 'lstmWindowForward' : 'lstmWindowTrain',
    );
  if (bank instanceof FusedTransformerBank)
    return vi.spyOn(
      bank.kernels.exports,
      what === 'predict' ? 'transformerWindowForward' : 'transformerWindowTrain',
    );
  return vi.spyOn(bank.arch, what === 'predict' ? 'forward' : 'trainingForward');
}

function inputs(n: number, seed: number): Float64Array[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => Float64Array.from({ length: 3 * F }, () => rng.normal()));
}

function arraysOf(m: OnlineModel): number[][] {
  return m.snapshot().arrays.map((a) => Array.from(a));
}

describe.each(SPECS)('NeuralBank ($kind, kernel $kernel)', (spec) => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('one batched forward for many models equals each model alone, bit for bit', () => {
    const banks = new BankRegistry();
    const models = [1, 2, 3, 4, 5].map((seed) => createModel(spec, F, seed, { banks }));
    const bank = models[0]?.kernel as NeuralBank;
    expect(models.every((m) => m.kernel === bank)).toBe(true);
    const xs = inputs(5, 1);
    const forward = spyBatches(bank, 'predict');
    const out = new Float64Array(5);
    bank.predictMany(models, xs, out);
    expect(forward).toHaveBeenCalledTimes(1);
    models.forEach((m, i) => {
      expect(m.predict(xs[i] as Float64Array)).toBe(out[i]);
    });
  });

  it('learnMany equals sequential learn, also with a model listed twice', () => {
    const banks = new BankRegistry();
    const batched = [1, 2, 3].map((seed) => createModel(spec, F, seed, { banks }));
    const alone = batched.map((m) => m.clone());
    const bank = batched[0]?.kernel as NeuralBank;
    const order = [0, 1, 2, 1];
    const xs = inputs(4, 2);
    const ys = [1, 0, 1, 1];
    const predOut = new Float64Array(4);
    const expectedPred = order.map((k, i) => {
      const p = (alone[k] as OnlineModel).predict(xs[i] as Float64Array);
      (alone[k] as OnlineModel).learn(xs[i] as Float64Array, ys[i] as number);
      return p;
    });
    const train = spyBatches(bank, 'learn');
    bank.learnMany(
      order.map((k) => batched[k] as OnlineModel),
      xs,
      ys,
      predOut,
    );
    expect(train).toHaveBeenCalledTimes(2); // two rounds: model 1 appears twice
    expect(Array.from(predOut)).toEqual(expectedPred);
    batched.forEach((m, k) => {
      expect(arraysOf(m)).toEqual(arraysOf(alone[k] as OnlineModel));
    });
    expect(batched[1]?.updates).toBe(2);
  });

  it('frozen baselines share the bank, predict in the batch and never learn', () => {
    const banks = new BankRegistry();
    const live = createModel(spec, F, 1, { banks });
    const frozen = createFrozenBaseline(live);
    expect(frozen.kernel).toBe(live.kernel);
    const [x] = inputs(1, 3) as [Float64Array];
    const predOut = new Float64Array(2);
    const p0 = frozen.predict(x);
    live.kernel.learnMany([live, frozen], [x, x], [1, 1], predOut);
    expect(predOut[1]).toBe(p0);
    expect(frozen.updates).toBe(0);
    expect(live.updates).toBe(1);
    expect(frozen.predict(x)).toBe(p0);
    frozen.learn(x, 0);
    expect(frozen.predict(x)).toBe(p0);
  });

  it('dispose frees the slot for reuse; a disposed model refuses to work', () => {
    const banks = new BankRegistry();
    const a = createModel(spec, F, 1, { banks });
    const b = createModel(spec, F, 2, { banks });
    const bank = a.kernel as NeuralBank;
    expect(bank.storage.live).toBe(2);
    a.dispose?.();
    a.dispose?.(); // idempotent
    expect(bank.storage.live).toBe(1);
    const c = b.clone();
    expect(bank.storage.live).toBe(2);
    expect(bank.storage.capacity).toBe(4);
    expect(() => a.predict(inputs(1, 1)[0] as Float64Array)).toThrow(InvariantError);
    expect(c.predict(inputs(1, 1)[0] as Float64Array)).toBe(
      b.predict(inputs(1, 1)[0] as Float64Array),
    );
  });
});

describe('tensor memory', () => {
  it('numTensors returns to its start after many predict/learn/clone/restore/dispose cycles', async () => {
    await initTfBackend('cpu');
    const banks = new BankRegistry();
    const start = tf.memory().numTensors;
    const specs: ModelSpec[] = [
      ...SPECS,
      {
        kind: 'ensemble',
        members: [SPECS[0] as ModelSpec, { kind: 'logistic' }, SPECS[1] as ModelSpec],
      },
    ];
    const xs = inputs(4, 9);
    for (let cycle = 0; cycle < 5; cycle++) {
      for (const spec of specs) {
        const models = [1, 2, 3].map((seed) => createModel(spec, F, seed + cycle, { banks }));
        const kernel = (models[0] as OnlineModel).kernel;
        const out = new Float64Array(3);
        kernel.predictMany(models, xs.slice(0, 3), out);
        kernel.learnMany(models, xs.slice(1, 4), [1, 0, 1], out);
        const copy = (models[0] as OnlineModel).clone();
        const snap = (models[1] as OnlineModel).snapshot();
        copy.restore(snap);
        createFrozenBaseline(copy).dispose?.();
        copy.learn(xs[0] as Float64Array, 1);
        for (const m of [...models, copy]) m.dispose?.();
      }
    }
    expect(tf.memory().numTensors).toBe(start);
    expect(banks.all().every((b) => b.storage.live === 0)).toBe(true);
  });
});
