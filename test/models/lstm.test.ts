import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, logLoss } from '../../src/core/index.ts';
import {
  BankRegistry,
  createLstmArchitecture,
  createModel,
  DEFAULT_LSTM,
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

describe('LSTM', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: ten parameters per model', () => {
    const arch = createLstmArchitecture({
      ...DEFAULT_LSTM,
      features: 3,
      hidden: 4,
      window: 5,
      bpttSteps: 5,
    });
    expect(arch.params.map((p) => p.name)).toEqual([
      'wi',
      'wf',
      'wg',
      'wo',
      'bi',
      'bf',
      'bg',
      'bo',
      'wOut',
      'bOut',
    ]);
  });

  it.each(KERNELS)(
    'gradient matches finite differences (full BPTT, direction head; %s)',
    (kernel) => {
      const banks = new BankRegistry();
      const rng = createRandom(3);
      for (const y of [0, 1]) {
        const m = createModel(
          { kind: 'lstm', hidden: 3, window: 4, ...plainSgd, kernel },
          2,
          11 + y,
          { banks },
        );
        checkGradient(m, windowOf(rng, 8), y, {
          eps: 1e-2,
          lr: 1,
          round: toFloat32,
          abs: 2e-4,
          rel: 2e-2,
          target: 'direction',
        });
        m.dispose?.();
      }
    },
  );

  it.each(KERNELS)(
    'gradient matches finite differences with a return (linear) head (%s)',
    (kernel) => {
      const m = createModel(
        { kind: 'lstm', hidden: 2, window: 3, target: 'return', ...plainSgd, kernel },
        2,
        5,
        { banks: new BankRegistry() },
      );
      checkGradient(m, windowOf(createRandom(9), 6), 0.7, {
        eps: 1e-2,
        lr: 1,
        round: toFloat32,
        abs: 2e-4,
        rel: 2e-2,
        target: 'return',
      });
    },
  );

  it.each(KERNELS)(
    'truncated BPTT leaves the gradient of early-step inputs out but keeps the last steps (%s)',
    (kernel) => {
      const banks = new BankRegistry();
      const x = windowOf(createRandom(4), 12);
      const full = createModel({ kind: 'lstm', hidden: 3, window: 6, ...plainSgd, kernel }, 2, 1, {
        banks,
      });
      const cut = createModel(
        { kind: 'lstm', hidden: 3, window: 6, bpttSteps: 2, ...plainSgd, kernel },
        2,
        1,
        { banks },
      );
      expect(cut.predict(x)).toBe(full.predict(x));
      const w0 = full.snapshot().arrays[0] as Float64Array;
      full.learn(x, 1);
      cut.learn(x, 1);
      const dFull = (full.snapshot().arrays[0] as Float64Array).map(
        (v, i) => v - (w0[i] as number),
      );
      const dCut = (cut.snapshot().arrays[0] as Float64Array).map((v, i) => v - (w0[i] as number));
      // the head (last 4 numbers) sees the same gradient; recurrent weights do not
      expect(Array.from(dCut.slice(-4))).toEqual(Array.from(dFull.slice(-4)));
      expect(Array.from(dCut.slice(0, 10))).not.toEqual(Array.from(dFull.slice(0, 10)));
    },
  );

  it('learns a direction that depends on a bar three steps back', () => {
    const rng = createRandom(8);
    const m = createModel({ kind: 'lstm', hidden: 8, window: 4, learningRate: 0.02 }, 1, 2, {
      banks: new BankRegistry(),
    });
    const xs = Array.from({ length: 400 }, () => windowOf(rng, 4));
    let early = 0;
    let late = 0;
    xs.forEach((x, i) => {
      const y = (x[0] as number) > 0 ? 1 : 0;
      const loss = logLoss(m.predict(x), y);
      if (i < 50) early += loss;
      if (i >= 350) late += loss;
      m.learn(x, y);
    });
    expect(late).toBeLessThan(early * 0.7);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const m = createModel({ kind: 'lstm', hidden: 3, window: 3, bpttSteps: 2 }, 2, 1, {
      banks: new BankRegistry(),
    });
    const x = windowOf(createRandom(1), 6);
    m.learn(x, 1);
    m.predict(x);
    m.dispose?.();
    expect(tf.memory().numTensors).toBe(before);
  });
});
