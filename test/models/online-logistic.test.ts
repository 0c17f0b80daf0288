import { describe, expect, it } from 'vitest';
import { logLoss, sigmoid } from '../../src/core/index.ts';
import { type LogisticConfig, OnlineLogistic } from '../../src/models/index.ts';

const sgd: LogisticConfig = {
  features: 1,
  learningRate: 0.5,
  optimizer: 'sgd',
  l2: 0,
  schedule: 'constant',
  decaySteps: 1,
  standardize: false,
};

describe('OnlineLogistic', () => {
  it('doc example: one SGD step by hand', () => {
    const m = new OnlineLogistic(sgd);
    expect(m.predict(new Float64Array([1]))).toBe(0.5);
    m.learn(new Float64Array([1]), 1);
    // gradient of log loss at w=b=0: (0.5 - 1) * x = -0.5 → w = b = 0 + 0.5 * 0.5 = 0.25
    expect(m.predict(new Float64Array([1]))).toBeCloseTo(sigmoid(0.5), 15);
    expect(m.predict(new Float64Array([1]))).toBeCloseTo(0.6224593312018546, 15);
  });

  it('AdaGrad first step moves every weight by lr·sign(g)', () => {
    const m = new OnlineLogistic({ ...sgd, features: 2, optimizer: 'adagrad', learningRate: 0.1 });
    m.learn(new Float64Array([2, -3]), 0);
    // g = (0.5)·x → w_i = -0.1·sign(g_i) (up to eps); b = -0.1
    const margin = -0.1 * 1 + 0.1 * 1 - 0.1; // x=(1,1): w=(-0.1, +0.1), b=-0.1
    expect(m.predict(new Float64Array([1, 1]))).toBeCloseTo(sigmoid(margin), 6);
  });

  it('learns a separable direction rule and lowers its log loss', () => {
    const m = new OnlineLogistic({
      ...sgd,
      features: 2,
      optimizer: 'adam',
      learningRate: 0.05,
      standardize: true,
    });
    let early = 0;
    let late = 0;
    for (let i = 0; i < 2000; i++) {
      const x = new Float64Array([Math.sin(i * 0.37), Math.cos(i * 0.91)]);
      const y = (x[0] as number) + 0.5 * (x[1] as number) > 0 ? 1 : 0;
      const loss = logLoss(m.predict(x), y);
      if (i < 100) early += loss;
      if (i >= 1900) late += loss;
      m.learn(x, y);
    }
    expect(late).toBeLessThan(early / 3);
  });

  it('snapshot → restore gives identical predictions and identical continued learning', () => {
    for (const optimizer of ['sgd', 'adagrad', 'rmsprop', 'adam'] as const) {
      const a = new OnlineLogistic({
        ...sgd,
        features: 3,
        optimizer,
        l2: 1e-3,
        standardize: true,
        schedule: 'invsqrt',
        decaySteps: 10,
      });
      const xs = Array.from(
        { length: 50 },
        (_, i) => new Float64Array([Math.sin(i), Math.cos(i * 2), i % 3]),
      );
      xs.forEach((x, i) => {
        a.learn(x, i % 2);
      });
      const snap = a.snapshot();
      const b = new OnlineLogistic(a.config);
      b.restore(snap);
      for (const [i, x] of xs.entries()) {
        expect(b.predict(x)).toBe(a.predict(x));
        a.learn(x, (i * 7) % 2);
        b.learn(x, (i * 7) % 2);
      }
      expect(b.snapshot().arrays).toEqual(a.snapshot().arrays);
      const x0 = xs[0] as Float64Array;
      expect(a.clone().predict(x0)).toBe(a.predict(x0));
    }
  });
});
