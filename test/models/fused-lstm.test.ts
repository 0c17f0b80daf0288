import { beforeAll, describe, expect, it } from 'vitest';
import {
  BankRegistry,
  createModel,
  FusedLstmBank,
  FusedLstmStreamBank,
  initTfBackend,
  type ModelSpec,
  NeuralBank,
  type OnlineModel,
  StreamBank,
} from '../../src/models/index.ts';
import { expectClose, expectSameState, F, pair, series } from './fused-compare.ts';

// The fused LSTM kernels against tfjs, the reference (tolerance: fused-compare.ts).

describe('fused LSTM kernels against tfjs', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: the fused kernels are the default, tfjs on request', () => {
    const banks = new BankRegistry();
    const lstm = (extra: object) =>
      createModel({ kind: 'lstm', window: 8, ...extra }, 3, 1, { banks }).kernel;
    expect(lstm({})).toBeInstanceOf(FusedLstmBank);
    expect(lstm({ stateful: true })).toBeInstanceOf(FusedLstmStreamBank);
    expect(lstm({ kernel: 'tfjs' })).not.toBeInstanceOf(FusedLstmBank);
    expect(lstm({ kernel: 'tfjs' })).toBeInstanceOf(NeuralBank);
    expect(lstm({ stateful: true, kernel: 'tfjs' })).toBeInstanceOf(StreamBank);
    expect(lstm({ stateful: true, kernel: 'tfjs' })).not.toBeInstanceOf(FusedLstmStreamBank);
    expect(lstm({ kernel: 'fused' })).toBe(lstm({}));
  });

  describe.each([
    { kind: 'lstm', hidden: 32, window: 5 },
    { kind: 'lstm', hidden: 5, window: 6, bpttSteps: 3, target: 'return' },
  ] as ModelSpec[])('window %o', (spec) => {
    it('predictions, learning outputs and state after one and two Adam steps', () => {
      const { fused, tfjs } = pair(spec, 4, 3);
      const win = (spec as { window: number }).window;
      const inputs = series(2, 4 + win, win).slice(0, 4);
      for (let step = 1; step <= 2; step++) {
        const [pf, pt] = [new Float64Array(4), new Float64Array(4)];
        fused[0]!.kernel.predictMany(fused, inputs, pf);
        tfjs[0]!.kernel.predictMany(tfjs, inputs, pt);
        expectClose(pf, pt, `predictions before step ${step}`);
        const ys = [1, 0, 0.3, 1];
        const [lf, lt] = [new Float64Array(4), new Float64Array(4)];
        fused[0]!.kernel.learnMany(fused, inputs, ys, lf);
        tfjs[0]!.kernel.learnMany(tfjs, inputs, ys, lt);
        expectClose(lf, lt, `predOut of step ${step}`);
        expectSameState(fused, tfjs, `after step ${step}`);
      }
    });

    it('ten steps of SGD with clipping, L2 and the adaptive rate, a model listed twice', () => {
      const sgd = { ...spec, optimizer: 'sgd', learningRate: 0.05, clipNorm: 0.5 } as ModelSpec;
      const { fused, tfjs } = pair(sgd, 3, 5);
      const win = (spec as { window: number }).window;
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

  it('window: ten Adam steps keep predictions close (weights within a small fraction of a step)', () => {
    const spec: ModelSpec = { kind: 'lstm', hidden: 32, window: 5 };
    const { fused, tfjs } = pair(spec, 3, 7);
    const windows = series(4, 40, 5);
    for (let step = 0; step < 10; step++) {
      const xs = fused.map((_, i) => windows[3 * step + i] as Float64Array);
      fused[0]!.kernel.learnMany(fused, xs, [1, 0, step % 2]);
      tfjs[0]!.kernel.learnMany(tfjs, xs, [1, 0, step % 2]);
    }
    const [pf, pt] = [new Float64Array(3), new Float64Array(3)];
    fused[0]!.kernel.predictMany(fused, windows.slice(30, 33), pf);
    tfjs[0]!.kernel.predictMany(tfjs, windows.slice(30, 33), pt);
    expectClose(pf, pt, 'predictions after ten Adam steps');
    // Adam divides by √v: a gradient that is float32 noise around zero takes a step of up to
    // ~lr in either kernel, so weights are compared to a fraction of the rate (0.003)
    fused.forEach((m, i) => {
      const a = m.snapshot().arrays[0]!;
      const b = tfjs[i]!.snapshot().arrays[0]!;
      for (let j = 0; j < a.length; j++) expect(Math.abs(a[j]! - b[j]!)).toBeLessThan(0.05 * 0.003);
    });
  });

  describe.each([
    { kind: 'lstm', hidden: 12, window: 4, stateful: true, bpttSteps: 5, labelLag: 3 },
    { kind: 'lstm', hidden: 3, window: 3, stateful: true, bpttSteps: 2, target: 'return' },
  ] as ModelSpec[])('stateful %o', (spec) => {
    it('streams, cached and scratch labels, a frozen model: outputs and state stay close', () => {
      const { fused, tfjs } = pair(spec, 3, 11);
      const win = (spec as { window: number }).window;
      const streams = [0, 1, 2].map((i) => series(20 + i, 30, win));
      const frozen = (ms: OnlineModel[]) => ms[0]!.clone();
      const [ff, ft] = [frozen(fused), frozen(tfjs)];
      (ff as { freeze?: () => void }).freeze?.();
      (ft as { freeze?: () => void }).freeze?.();
      for (let t = 0; t < 14; t++) {
        const xs = streams.map((s) => s[t] as Float64Array);
        if (t >= 2) {
          // model 0: a label two bars late; model 1: a bar older than the cache (scratch
          // stream); model 2: the newest bar, twice in one call; the frozen clone: predOut only
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
        if (t === 3) expectSameState(fused, tfjs, 'after the first Adam steps');
      }
      // the streams: their Float64 meta (keys, outputs, positions) and Float32 records
      fused.forEach((m, i) => {
        const [a, b] = [m.snapshot().arrays, tfjs[i]!.snapshot().arrays];
        expectClose(a[6]!, b[6]!, `stream meta of model ${i}`);
        expectClose(a[7]!, b[7]!, `stream data of model ${i}`);
      });
    });
  });

  it('the kernels (LSTM and transformer) write only where they are pointed: the unallocated first 64 KiB stay zero', () => {
    const banks = new BankRegistry();
    const xs = series(6, 12, 4);
    const lstm = { kind: 'lstm', hidden: 5, window: 4 } as const;
    const transformer = { kind: 'transformer', dModel: 6, heads: 2, ffDim: 5, window: 4 } as const;
    for (const spec of [
      lstm,
      { ...lstm, bpttSteps: 2 },
      { ...lstm, stateful: true, bpttSteps: 3 },
      transformer,
      { ...transformer, layers: 2 },
      { ...transformer, stateful: true },
    ] as ModelSpec[]) {
      const m = createModel(spec, F, 1, { banks });
      for (let t = 0; t < 6; t++) {
        m.predict(xs[t]!);
        if (t > 1) m.learn(xs[t - 2]!, 1);
      }
      m.learn(xs[8]!, 0);
    }
    const bank = createModel({ kind: 'lstm', hidden: 5, window: 4 }, F, 1, { banks })
      .kernel as FusedLstmBank;
    const low = new Uint8Array(bank.kernels.arena.memory.buffer, 0, 65536);
    expect(low.every((b) => b === 0)).toBe(true);
  });

  it('snapshots move between kernels; within the fused kernel a restore is exact', () => {
    for (const spec of [
      { kind: 'lstm', hidden: 6, window: 4 },
      { kind: 'lstm', hidden: 6, window: 4, stateful: true },
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
      // tfjs → fused and fused → tfjs: the arrays move unchanged
      const fromTfjs = createModel({ ...spec, kernel: 'fused' }, F, 99, {
        banks: new BankRegistry(),
      });
      fromTfjs.restore(b.snapshot());
      expect(fromTfjs.snapshot()).toEqual(b.snapshot());
      const fromFused = createModel({ ...spec, kernel: 'tfjs' }, F, 99, {
        banks: new BankRegistry(),
      });
      fromFused.restore(a.snapshot());
      expect(fromFused.snapshot()).toEqual(a.snapshot());
      expectClose([fromTfjs.predict(xs[7]!)], [b.predict(xs[7]!)], 'prediction after a move');
      // rollback within the fused kernel: restore, then the same future, bit for bit
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
      expect(a.snapshot()).toEqual(saved);
      expect(future(a)).toEqual(first);
      expect(a.snapshot()).toEqual(after);
    }
  });
});
