import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import {
  BankRegistry,
  createModel,
  DEFAULT_LSTM,
  initTfBackend,
  modelFromSnapshot,
  NaiveDirection,
  OnlineLinear,
  OnlineLogistic,
  parseModelSpec,
} from '../../src/models/index.ts';

describe('createModel', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: a logistic model from a plain config', () => {
    const model = createModel({ kind: 'logistic', learningRate: 0.1 }, 6, 42);
    expect(model).toBeInstanceOf(OnlineLogistic);
    expect(model.predict(new Float64Array(6))).toBe(0.5);
  });

  it('builds every kind with defaults', () => {
    const banks = new BankRegistry();
    expect(createModel({ kind: 'linear' }, 3, 1)).toBeInstanceOf(OnlineLinear);
    expect(createModel({ kind: 'naive' }, 3, 1)).toBeInstanceOf(NaiveDirection);
    const lstm = createModel({ kind: 'lstm' }, 3, 1, { banks });
    expect(lstm.inputWindow).toBe(DEFAULT_LSTM.window);
    expect(createModel({ kind: 'transformer' }, 3, 1, { banks }).kind).toBe('transformer');
    expect(parseModelSpec({ kind: 'lstm', window: 8 }, 3)).toMatchObject({
      hidden: 16,
      window: 8,
      bpttSteps: 8,
      features: 3,
    });
  });

  it('stateful: the resolved spec records stateful and labelLag (window specs stay as they were)', () => {
    expect(parseModelSpec({ kind: 'lstm', window: 4 }, 3)).not.toHaveProperty('stateful');
    expect(
      parseModelSpec({ kind: 'lstm', window: 4, stateful: false, labelLag: 3 }, 3),
    ).not.toHaveProperty('labelLag');
    expect(
      parseModelSpec({ kind: 'lstm', window: 4, bpttSteps: 32, stateful: true }, 3),
    ).toMatchObject({
      bpttSteps: 32, // a stream's steps, not bounded by the window
      stateful: true,
      labelLag: 8,
    });
    expect(parseModelSpec({ kind: 'transformer', stateful: true, labelLag: 2 }, 3)).toMatchObject({
      stateful: true,
      labelLag: 2,
    });
    expect(() => parseModelSpec({ kind: 'lstm', window: 1, stateful: true }, 3)).toThrow(
      'Expected `model.window` to be an integer >= 2 with `stateful: true`, got `1` (number)',
    );
  });

  it('kernel: who computes a neural model, never recorded in its snapshot', () => {
    const banks = new BankRegistry();
    const fused = createModel({ kind: 'lstm', hidden: 3, window: 2, kernel: 'fused' }, 2, 7, {
      banks,
    });
    const tfjs = createModel({ kind: 'lstm', hidden: 3, window: 2, kernel: 'tfjs' }, 2, 7, {
      banks,
    });
    const auto = createModel({ kind: 'lstm', hidden: 3, window: 2 }, 2, 7, { banks });
    expect(fused.kernel).not.toBe(tfjs.kernel);
    expect(auto.kernel).toBe(fused.kernel);
    expect(fused.snapshot()).toEqual(tfjs.snapshot());
    expect(fused.snapshot().config).not.toHaveProperty('kernel');
    expect(modelFromSnapshot(tfjs.snapshot()).kernel.constructor).toBe(fused.kernel.constructor);
    expect(parseModelSpec({ kind: 'lstm', kernel: 'tfjs' }, 3)).toMatchObject({ kernel: 'tfjs' });
    expect(parseModelSpec({ kind: 'lstm' }, 3)).not.toHaveProperty('kernel');
    expect(() => parseModelSpec({ kind: 'lstm', kernel: 'gpu' }, 3)).toThrow(
      'Expected `model.kernel` to be one of auto|fused|tfjs, got `"gpu"` (string)',
    );
    expect(parseModelSpec({ kind: 'transformer', kernel: 'fused' }, 3)).toMatchObject({
      kernel: 'fused',
    });
  });

  it('same seed → same weights; different seed → different weights', () => {
    const banks = new BankRegistry();
    const a = createModel({ kind: 'lstm', hidden: 3, window: 2 }, 2, 7, { banks });
    const b = createModel({ kind: 'lstm', hidden: 3, window: 2 }, 2, 7, { banks });
    const c = createModel({ kind: 'lstm', hidden: 3, window: 2 }, 2, 8, { banks });
    expect(a.snapshot().arrays).toEqual(b.snapshot().arrays);
    expect(a.snapshot().arrays[0]).not.toEqual(c.snapshot().arrays[0]);
  });

  it.each([
    [
      { kind: 'lstm', hidden: 0 },
      'Expected `model.hidden` to be an integer in [1, 512], got `0` (number)',
    ],
    [
      { kind: 'lstm', window: 4, bpttSteps: 5 },
      'Expected `model.bpttSteps` to be an integer in [1, 4], got `5` (number)',
    ],
    [
      { kind: 'logistic', learningRate: -1 },
      'Expected `model.learningRate` to be a finite number > 0 and <= 100, got `-1` (number)',
    ],
    [
      { kind: 'logistic', optimizer: 'lbfgs' },
      'Expected `model.optimizer` to be one of sgd|adagrad|rmsprop|adam, got `"lbfgs"` (string)',
    ],
    [
      { kind: 'forest' },
      'Expected `model.kind` to be one of logistic|linear|lstm|transformer|ensemble|naive, got `"forest"` (string)',
    ],
    [
      { kind: 'transformer', dModel: 6, heads: 4 },
      'Expected `model.dModel` to be a multiple of `model.heads` (4), got `6` (number)',
    ],
    [
      { kind: 'transformer', layers: 3 },
      'Expected `model.layers` to be an integer in [1, 2], got `3` (number)',
    ],
    [
      { kind: 'lstm', adaptiveLr: { fast: 2 } },
      'Expected `model.adaptiveLr.fast` to be a finite number > 0 and <= 1, got `2` (number)',
    ],
    [
      { kind: 'ensemble', members: [] },
      'Expected `model.members` to be an array of 1 to 16 model specs, got `[]` (array)',
    ],
    [
      { kind: 'ensemble', members: [{ kind: 'lstm', hidden: 'big' }] },
      'Expected `model.members[0].hidden` to be an integer in [1, 512], got `"big"` (string)',
    ],
    [{ kind: 'lstm', hiden: 8 }, 'Unknown field `model.hiden`'],
    ['lstm', 'Expected `model` to be an object, got `"lstm"` (string)'],
  ])('rejects %j naming the field', (spec, message) => {
    expect(() => createModel(spec, 3, 1)).toThrow(InputError);
    expect(() => createModel(spec, 3, 1)).toThrow(message);
  });

  it('uses the given path in messages', () => {
    expect(() =>
      createModel({ kind: 'lstm', hidden: 0 }, 3, 1, { path: 'variants[1].model' }),
    ).toThrow('`variants[1].model.hidden`');
  });

  it('modelFromSnapshot rebuilds any kind in its exact state', () => {
    const banks = new BankRegistry();
    const spec = {
      kind: 'ensemble',
      members: [{ kind: 'lstm', hidden: 2, window: 2 }, { kind: 'logistic' }, { kind: 'naive' }],
    };
    const m = createModel(spec, 2, 3, { banks });
    const x = new Float64Array([0.1, -0.2, 0.3, 0.05]);
    m.learn(x, 1);
    const copy = modelFromSnapshot(m.snapshot(), { banks });
    expect(copy.predict(x)).toBe(m.predict(x));
    expect(copy.snapshot().arrays).toEqual(m.snapshot().arrays);
  });
});
