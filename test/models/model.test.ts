import { describe, expect, it } from 'vitest';
import {
  LOOP_KERNEL,
  modelLoss,
  NaiveDirection,
  OnlineLinear,
  targetLoss,
} from '../../src/models/index.ts';

describe('model helpers', () => {
  it('doc example: modelLoss of a direction model is log loss', () => {
    expect(modelLoss(new NaiveDirection(0), 0.5, 1)).toBeCloseTo(Math.LN2, 15);
  });

  it('targetLoss: log loss for direction, squared error for return', () => {
    expect(targetLoss('direction', 0.25, 0)).toBeCloseTo(-Math.log(0.75), 15);
    expect(targetLoss('return', 0.3, -0.1)).toBeCloseTo(0.16, 15);
    const linear = new OnlineLinear({
      features: 1,
      learningRate: 0.1,
      optimizer: 'sgd',
      l2: 0,
      schedule: 'constant',
      decaySteps: 1,
      standardize: false,
    });
    expect(modelLoss(linear, 1, 3)).toBe(4);
  });

  it('LOOP_KERNEL reports pre-update predictions', () => {
    const m = new OnlineLinear({
      features: 1,
      learningRate: 0.5,
      optimizer: 'sgd',
      l2: 0,
      schedule: 'constant',
      decaySteps: 1,
      standardize: false,
    });
    const x = new Float64Array([1]);
    const pred = new Float64Array(2);
    LOOP_KERNEL.learnMany([m, m], [x, x], [2, 2], pred);
    expect(Array.from(pred)).toEqual([0, 2]);
  });
});
