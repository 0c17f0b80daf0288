import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRandom, InputError } from '../../src/core/index.ts';
import {
  BankRegistry,
  createModel,
  Ensemble,
  initTfBackend,
  LOOP_KERNEL,
  type ModelSnapshot,
  type NeuralBank,
  type OnlineModel,
} from '../../src/models/index.ts';

/** A member that always predicts `p` and never learns (a stand-in expert). */
function constant(p: number): OnlineModel {
  const m: OnlineModel = {
    kind: 'constant',
    kernel: LOOP_KERNEL,
    inputWindow: 1,
    updates: 0,
    predict: () => p,
    learn: () => {},
    snapshot: (): ModelSnapshot => ({ kind: 'constant', config: { p }, arrays: [] }),
    restore: () => {},
    clone: () => constant(p),
  };
  return m;
}

const cfg = { features: 1, eta: 1, share: 0, perRegime: false };

describe('Ensemble', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: equal weights at start', () => {
    const e = new Ensemble([constant(0.5), constant(0.5)], { ...cfg, share: 0.01 });
    expect(Array.from(e.weights())).toEqual([0.5, 0.5]);
    expect(e.memberNames).toEqual(['constant#1', 'constant#2']);
  });

  it('weights move toward the member that is right', () => {
    const rng = createRandom(3);
    // the stream goes up 80% of the time: the member predicting 0.8 is right, 0.2 is wrong
    const e = new Ensemble([constant(0.2), constant(0.8)], cfg);
    const history: number[] = [];
    for (let i = 0; i < 200; i++) {
      e.learn(new Float64Array([0]), rng.next() < 0.8 ? 1 : 0);
      history.push(e.weights()[1] as number);
    }
    expect(history[10]).toBeGreaterThan(0.5);
    expect(history[199]).toBeGreaterThan(0.99);
    expect(e.predict(new Float64Array([0]))).toBeCloseTo(0.8, 2);
    expect(e.updates).toBe(200);
  });

  it('fixed share lets a member regain weight after the stream flips', () => {
    const e = new Ensemble([constant(0.2), constant(0.8)], { ...cfg, share: 0.02 });
    for (let i = 0; i < 300; i++) e.learn(new Float64Array([0]), 1);
    expect(e.weights()[1]).toBeGreaterThan(0.95);
    for (let i = 0; i < 60; i++) e.learn(new Float64Array([0]), 0);
    expect(e.weights()[0]).toBeGreaterThan(0.9);
  });

  it('keeps separate weights per regime', () => {
    const e = new Ensemble([constant(0.2), constant(0.8)], { ...cfg, perRegime: true });
    e.setRegime('bull');
    for (let i = 0; i < 50; i++) e.learn(new Float64Array([0]), 1);
    e.setRegime('bear');
    for (let i = 0; i < 50; i++) e.learn(new Float64Array([0]), 0);
    expect(e.weights()[0]).toBeGreaterThan(0.99);
    e.setRegime('bull');
    expect(e.weights()[1]).toBeGreaterThan(0.99);
    e.setRegime('sideways');
    expect(Array.from(e.weights())).toEqual([0.5, 0.5]);
    expect(() => e.setRegime('crash')).toThrow(InputError);
  });

  it('its kernel batches the neural members of all ensembles in one call per bank', () => {
    const banks = new BankRegistry();
    const lstm = { kind: 'lstm', hidden: 3, window: 3 };
    const spec = {
      kind: 'ensemble',
      members: [
        lstm,
        { kind: 'logistic' },
        { kind: 'transformer', dModel: 4, heads: 2, ffDim: 4, window: 2 },
      ],
    };
    const ensembles = [1, 2, 3].map((seed) => createModel(spec, 2, seed, { banks }));
    const [lstmBank, transformerBank] = banks.all() as [NeuralBank, NeuralBank];
    const predict = vi.spyOn(lstmBank, 'predictMany');
    const learn = vi.spyOn(transformerBank, 'learnMany');
    const rng = createRandom(1);
    const xs = ensembles.map(() => Float64Array.from({ length: 6 }, () => rng.normal()));
    const out = new Float64Array(3);
    const kernel = (ensembles[0] as OnlineModel).kernel;
    kernel.predictMany(ensembles, xs, out);
    expect(predict).toHaveBeenCalledTimes(1);
    expect(predict.mock.calls[0]?.[0]).toHaveLength(3);
    const alone = ensembles.map((e, i) => e.predict(xs[i] as Float64Array));
    expect(Array.from(out)).toEqual(alone);
    const predOut = new Float64Array(3);
    kernel.learnMany(ensembles, xs, [1, 0, 1], predOut);
    expect(learn).toHaveBeenCalledTimes(1);
    expect(Array.from(predOut)).toEqual(alone);
    // the transformer member reads only the newest 2 bars of the 3-bar window
    const memberInputs = learn.mock.calls[0]?.[1] ?? [];
    expect((memberInputs[0] as Float64Array).length).toBe(4);
  });

  it('snapshot holds members and weights; restore is exact', () => {
    const banks = new BankRegistry();
    const spec = {
      kind: 'ensemble',
      perRegime: true,
      members: [{ kind: 'lstm', hidden: 2, window: 2 }, { kind: 'logistic' }],
    };
    const a = createModel(spec, 1, 4, { banks }) as Ensemble;
    const b = createModel(spec, 1, 5, { banks }) as Ensemble;
    a.setRegime('volatile');
    for (let i = 0; i < 5; i++) a.learn(new Float64Array([i, -i]), i % 2);
    b.restore(a.snapshot());
    expect(b.regime).toBe('volatile');
    expect(Array.from(b.weights())).toEqual(Array.from(a.weights()));
    expect(b.predict(new Float64Array([1, 2]))).toBe(a.predict(new Float64Array([1, 2])));
    expect(() =>
      a.restore(
        createModel({ kind: 'ensemble', members: [{ kind: 'logistic' }] }, 1, 1).snapshot(),
      ),
    ).toThrow(InputError);
  });

  it('rejects members with different targets', () => {
    expect(() =>
      createModel({ kind: 'ensemble', members: [{ kind: 'linear' }, { kind: 'logistic' }] }, 1, 1),
    ).toThrow(/share one target/);
  });
});
