import { beforeAll, describe, expect, it } from 'vitest';
import {
  BankRegistry,
  createModel,
  DEFAULT_TRANSFORMER,
  FusedTransformerBank,
  FusedTransformerStreamBank,
  initTfBackend,
  type ModelSpec,
  type OnlineModel,
  transformerShape,
} from '../../src/models/index.ts';
import { expectClose, expectSameState, F, pair, series } from './fused-compare.ts';

// The fused transformer kernels against tfjs, the reference (tolerance: fused-compare.ts).
const SGD = { optimizer: 'sgd', learningRate: 0.05, clipNorm: 0.5, l2: 1e-3 } as const;
/** Adam's weights: within 5 % of a step of the default rate (0.001), see expectSameState. */
const ADAM_STEP = 0.05 * 0.001;

describe('fused transformer kernels against tfjs', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: the fused kernels are the default, tfjs on request', () => {
    const banks = new BankRegistry();
    const t = (extra: object) =>
      createModel({ kind: 'transformer', window: 8, ...extra }, 3, 1, { banks }).kernel;
    expect(t({})).toBeInstanceOf(FusedTransformerBank);
    expect(t({ stateful: true })).toBeInstanceOf(FusedTransformerStreamBank);
    expect(t({ kernel: 'tfjs' })).not.toBeInstanceOf(FusedTransformerBank);
    expect(t({ stateful: true, kernel: 'tfjs' })).not.toBeInstanceOf(FusedTransformerStreamBank);
    expect(transformerShape({ ...DEFAULT_TRANSFORMER, features: 6 })).toEqual([
      6, 16, 2, 1, 32, 16,
    ]);
  });

  describe.each([
    { kind: 'transformer', dModel: 8, heads: 2, ffDim: 8, window: 4 },
    { kind: 'transformer', dModel: 6, heads: 3, ffDim: 5, window: 5, layers: 2, target: 'return' },
  ] as ModelSpec[])('window %o', (spec) => {
    const win = (spec as { window: number }).window;

    it('predictions, learning outputs and state after two Adam steps', () => {
      const { fused, tfjs } = pair(spec, 3, 3);
      const inputs = series(2, 3 + win, win).slice(0, 3);
      for (let step = 1; step <= 2; step++) {
        const [pf, pt] = [new Float64Array(3), new Float64Array(3)];
        fused[0]!.kernel.predictMany(fused, inputs, pf);
        tfjs[0]!.kernel.predictMany(tfjs, inputs, pt);
        expectClose(pf, pt, `predictions before step ${step}`);
        const ys = [1, 0, 0.3];
        const [lf, lt] = [new Float64Array(3), new Float64Array(3)];
        fused[0]!.kernel.learnMany(fused, inputs, ys, lf);
        tfjs[0]!.kernel.learnMany(tfjs, inputs, ys, lt);
        expectClose(lf, lt, `predOut of step ${step}`);
        expectSameState(fused, tfjs, `after step ${step}`, ADAM_STEP);
      }
    });

    it('ten steps of SGD with clipping, L2 and the adaptive rate, a model listed twice', () => {
      const { fused, tfjs } = pair({ ...spec, ...SGD } as ModelSpec, 3, 5);
      const windows = series(3, 40, win);
      for (let step = 0; step < 10; step++) {
        const xs = [0, 1, 2, 1].map((i) => windows[3 * step + i] as Float64Array);
        const ys = [step % 2, 1, 0, 1];
        const order = (ms: OnlineModel[]) => [0, 1, 2, 1].map((i) => ms[i] as OnlineModel);
        fused[0]!.kernel.learnMany(order(fused), xs, ys);
        tfjs[0]!.kernel.learnMany(order(tfjs), xs, ys);
      }
      expectSameState(fused, tfjs, 'after ten SGD steps');
    });
  });

  it('the benchmark shape (d 32, 4 heads, ff 64): predictions and one step', () => {
    const spec: ModelSpec = { kind: 'transformer', dModel: 32, heads: 4, ffDim: 64, window: 6 };
    const { fused, tfjs } = pair(spec, 2, 1);
    const xs = series(5, 8, 6).slice(0, 2);
    const [lf, lt] = [new Float64Array(2), new Float64Array(2)];
    fused[0]!.kernel.learnMany(fused, xs, [1, 0], lf);
    tfjs[0]!.kernel.learnMany(tfjs, xs, [1, 0], lt);
    expectClose(lf, lt, 'predOut');
    expectSameState(fused, tfjs, 'after one step', ADAM_STEP);
  });

  describe.each([
    { kind: 'transformer', dModel: 8, heads: 2, ffDim: 6, window: 4, stateful: true, labelLag: 3 },
    {
      kind: 'transformer',
      dModel: 6,
      heads: 2,
      ffDim: 5,
      window: 3,
      layers: 2,
      stateful: true,
      target: 'return',
    },
  ] as ModelSpec[])('stateful %o', (spec) => {
    const win = (spec as { window: number }).window;
    for (const sgd of [true, false])
      it(`streams, cached and scratch labels, a frozen model (${sgd ? 'SGD' : 'Adam'})`, () => {
        const { fused, tfjs } = pair({ ...spec, ...(sgd ? SGD : {}) } as ModelSpec, 3, 11);
        const streams = [0, 1, 2].map((i) => series(20 + i, 30, win));
        const [ff, ft] = [fused[0]!.clone(), tfjs[0]!.clone()];
        (ff as { freeze?: () => void }).freeze?.();
        (ft as { freeze?: () => void }).freeze?.();
        for (let t = 0; t < 12; t++) {
          const xs = streams.map((s) => s[t] as Float64Array);
          if (t >= 2) {
            // model 0: two bars late; model 1: older than the cache (scratch stream); model 2:
            // the newest bar, twice in one call; the frozen clone: predOut only
            const lx = [streams[0]![t - 2]!, streams[1]![0]!, xs[2]!, xs[2]!, streams[0]![t - 2]!];
            const ys = [t % 2, 1, 0, 1, 1];
            const models = (ms: OnlineModel[], fz: OnlineModel) => [
              ms[0]!,
              ms[1]!,
              ms[2]!,
              ms[2]!,
              fz,
            ];
            const [lf, lt] = [new Float64Array(5), new Float64Array(5)];
            fused[0]!.kernel.learnMany(models(fused, ff), lx, ys, lf);
            tfjs[0]!.kernel.learnMany(models(tfjs, ft), lx, ys, lt);
            expectClose(lf, lt, `predOut at bar ${t}`);
          }
          const [pf, pt] = [new Float64Array(4), new Float64Array(4)];
          fused[0]!.kernel.predictMany([...fused, ff], [...xs, xs[0]!], pf);
          tfjs[0]!.kernel.predictMany([...tfjs, ft], [...xs, xs[0]!], pt);
          expectClose(pf, pt, `predictions at bar ${t}`);
        }
        expectSameState(fused, tfjs, 'after the run', sgd ? undefined : ADAM_STEP);
        fused.forEach((m, i) => {
          const [a, b] = [m.snapshot().arrays, tfjs[i]!.snapshot().arrays];
          expectClose(a[6]!, b[6]!, `stream meta of model ${i}`);
          if (sgd) expectClose(a[7]!, b[7]!, `cached keys and values of model ${i}`);
        });
      });
  });

  it('snapshots move between kernels; within the fused kernel a restore is exact', () => {
    for (const spec of [
      { kind: 'transformer', dModel: 4, heads: 2, ffDim: 4, window: 4 },
      { kind: 'transformer', dModel: 4, heads: 2, ffDim: 4, window: 4, stateful: true },
    ] as ModelSpec[]) {
      const { fused, tfjs } = pair(spec, 1, 2);
      const [a, b] = [fused[0]!, tfjs[0]!];
      const xs = series(9, 20, 4);
      for (let t = 0; t < 6; t++) {
        a.predict(xs[t]!);
        b.predict(xs[t]!);
        if (t > 0) {
          a.learn(xs[t - 1]!, t % 2);
          b.learn(xs[t - 1]!, t % 2);
        }
      }
      const fromTfjs = createModel({ ...spec, kernel: 'fused' }, F, 99, {
        banks: new BankRegistry(),
      });
      fromTfjs.restore(b.snapshot());
      expect(fromTfjs.snapshot()).toEqual(b.snapshot());
      expectClose([fromTfjs.predict(xs[7]!)], [b.predict(xs[7]!)], 'prediction after a move');
      const saved = a.snapshot();
      const future = (m: OnlineModel) =>
        xs.slice(6, 12).map((x, k) => {
          const p = m.predict(x);
          m.learn(xs[5 + k]!, k % 2);
          return p;
        });
      const first = future(a);
      const after = a.snapshot();
      a.restore(saved);
      expect(future(a)).toEqual(first);
      expect(a.snapshot()).toEqual(after);
    }
  });
});
