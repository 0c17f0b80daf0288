import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/index.ts';
import { type LinearConfig, OnlineLinear, OnlineLogistic } from '../../src/models/index.ts';
import { checkGradient, exact } from './fd-check.ts';

const sgd: LinearConfig = {
  features: 1,
  learningRate: 0.5,
  optimizer: 'sgd',
  l2: 0,
  schedule: 'constant',
  decaySteps: 1,
  standardize: false,
};

describe('OnlineLinear', () => {
  it('doc example: one SGD step by hand', () => {
    const m = new OnlineLinear(sgd);
    m.learn(new Float64Array([1]), 2); // error −2 → w = b = 1
    expect(m.predict(new Float64Array([1]))).toBe(2);
    expect(m.target).toBe('return');
    expect(m.loss(2.5, 2)).toBe(0.25); // squared error
  });

  it('gradient of ½(ŷ − y)² matches finite differences (float64, tight)', () => {
    const rng = createRandom(1);
    const m = new OnlineLinear({ ...sgd, features: 3, learningRate: 1 });
    for (let i = 0; i < 5; i++)
      m.learn(
        Float64Array.from({ length: 3 }, () => rng.normal()),
        rng.normal(),
      );
    const x = Float64Array.from({ length: 3 }, () => rng.normal());
    checkGradient(m, x, 0.3, {
      eps: 1e-5,
      lr: 1,
      round: exact,
      abs: 1e-8,
      rel: 1e-6,
      target: 'return',
      indices: [0, 1, 2, 3],
    });
  });

  it('logistic gradient matches finite differences too', () => {
    const rng = createRandom(2);
    const m = new OnlineLogistic({ ...sgd, features: 3, learningRate: 1 });
    for (let i = 0; i < 5; i++)
      m.learn(
        Float64Array.from({ length: 3 }, () => rng.normal()),
        i % 2,
      );
    const x = Float64Array.from({ length: 3 }, () => rng.normal());
    checkGradient(m, x, 1, {
      eps: 1e-5,
      lr: 1,
      round: exact,
      abs: 1e-8,
      rel: 1e-6,
      target: 'direction',
      indices: [0, 1, 2, 3],
    });
  });

  it('recovers a linear relation with each optimiser', () => {
    for (const optimizer of ['sgd', 'adagrad', 'rmsprop', 'adam'] as const) {
      const rng = createRandom(5);
      const m = new OnlineLinear({
        ...sgd,
        features: 2,
        optimizer,
        learningRate: optimizer === 'sgd' ? 0.02 : 0.05,
        standardize: true,
        l2: 0,
      });
      for (let i = 0; i < 4000; i++) {
        const x = new Float64Array([rng.normal(), rng.normal()]);
        m.learn(x, 0.5 * (x[0] as number) - 0.25 * (x[1] as number) + 0.1 + 0.01 * rng.normal());
      }
      expect(m.predict(new Float64Array([1, 1]))).toBeCloseTo(0.35, 1);
    }
  });

  it('frozen: learn is a no-op', () => {
    const m = new OnlineLinear(sgd);
    m.freeze();
    m.learn(new Float64Array([1]), 5);
    expect(m.updates).toBe(0);
    expect(m.predict(new Float64Array([1]))).toBe(0);
  });
});
