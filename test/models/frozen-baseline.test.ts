import { describe, expect, it } from 'vitest';
import {
  createFrozenBaseline,
  createModel,
  LOOP_KERNEL,
  type ModelSnapshot,
  NaiveDirection,
  type OnlineModel,
} from '../../src/models/index.ts';

describe('createFrozenBaseline', () => {
  it('doc example: a frozen clone ignores learn', () => {
    const champion = createModel({ kind: 'logistic' }, 1, 1);
    champion.learn(new Float64Array([1]), 1);
    const baseline = createFrozenBaseline(champion);
    const x = new Float64Array([0.5]);
    const p = baseline.predict(x);
    baseline.learn(x, 1);
    expect(baseline.frozen).toBe(true);
    expect(baseline.predict(x)).toBe(p);
    expect(baseline.kernel).toBe(champion.kernel);
    champion.learn(x, 1); // the champion keeps learning, independently
    expect(champion.predict(x)).not.toBe(p);
    expect(baseline.clone().frozen).toBe(true);
  });

  it('wraps models that cannot freeze themselves; the wrapper kernel only predicts', () => {
    let learned = 0;
    const foreign: OnlineModel = {
      kind: 'foreign',
      kernel: LOOP_KERNEL,
      inputWindow: 1,
      updates: 0,
      predict: (x) => x[0] as number,
      learn: () => void learned++,
      snapshot: (): ModelSnapshot => ({ kind: 'foreign', config: {}, arrays: [] }),
      restore: () => {},
      clone: () => foreign,
    };
    const frozen = createFrozenBaseline(foreign);
    const out = new Float64Array(1);
    frozen.kernel.learnMany([frozen], [new Float64Array([0.25])], [1], out);
    expect(out[0]).toBe(0.25);
    frozen.learn(new Float64Array([1]), 1);
    expect(learned).toBe(0);
    frozen.kernel.predictMany([frozen], [new Float64Array([0.75])], out);
    expect(out[0]).toBe(0.75);
  });

  it('works for the naive baseline too', () => {
    const naive = createFrozenBaseline(new NaiveDirection(0, 0.6));
    expect(naive.predict(new Float64Array([-1]))).toBeCloseTo(0.4, 12);
  });
});
