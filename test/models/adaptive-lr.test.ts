import { describe, expect, it } from 'vitest';
import {
  ADAPTIVE_STATE_SIZE,
  adaptLearningRate,
  DEFAULT_ADAPTIVE_LR,
} from '../../src/models/index.ts';

describe('adaptLearningRate', () => {
  it('doc example: the first label only warms up', () => {
    const s = new Float64Array(ADAPTIVE_STATE_SIZE);
    expect(adaptLearningRate(s, 0, 0.69, 0.01, DEFAULT_ADAPTIVE_LR)).toBe(0.01);
  });

  it('lowers the rate on trendless noise, raises it when the loss jumps (drift), within bounds', () => {
    const s = new Float64Array(ADAPTIVE_STATE_SIZE);
    let rate = 0;
    // stationary noisy losses around 0.69: no trend → rate decays toward the floor
    for (let i = 0; i < 600; i++)
      rate = adaptLearningRate(
        s,
        0,
        0.69 + 0.05 * Math.sin(i * 12.9898),
        0.01,
        DEFAULT_ADAPTIVE_LR,
      );
    expect(rate).toBeLessThan(0.01);
    expect(rate).toBeGreaterThanOrEqual(0.01 * DEFAULT_ADAPTIVE_LR.minFactor);
    const beforeDrift = rate;
    // drift: the loss jumps and stays high → fast average above slow → rate rises
    for (let i = 0; i < 30; i++) rate = adaptLearningRate(s, 0, 1.5, 0.01, DEFAULT_ADAPTIVE_LR);
    expect(rate).toBeGreaterThan(beforeDrift * 2);
    for (let i = 0; i < 500; i++) rate = adaptLearningRate(s, 0, 5, 0.01, DEFAULT_ADAPTIVE_LR);
    expect(rate).toBeLessThanOrEqual(0.01 * DEFAULT_ADAPTIVE_LR.maxFactor);
  });

  it('keeps the rate while the loss falls, and is a no-op when disabled', () => {
    const s = new Float64Array(ADAPTIVE_STATE_SIZE);
    let rate = 0;
    for (let i = 0; i < 200; i++)
      rate = adaptLearningRate(s, 0, 2 * Math.exp(-i / 20), 0.01, DEFAULT_ADAPTIVE_LR);
    expect(rate).toBe(0.01);
    const off = new Float64Array(ADAPTIVE_STATE_SIZE);
    expect(adaptLearningRate(off, 0, 9, 0.02, { ...DEFAULT_ADAPTIVE_LR, enabled: false })).toBe(
      0.02,
    );
  });
});
