import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRandom, sigmoid } from '../../src/core/index.ts';
import {
  BankRegistry,
  createLstmStream,
  createModel,
  FusedLstmStreamBank,
  initTfBackend,
  type ModelSpec,
  type NeuralBank,
  type OnlineModel,
} from '../../src/models/index.ts';
import { checkGradient, checkStreamGradient, toFloat32 } from './fd-check.ts';

const plainSgd = {
  optimizer: 'sgd',
  learningRate: 1,
  clipNorm: 0,
  l2: 0,
  adaptiveLr: false,
  standardize: false,
} as const;

/** The windows of `w` bars (F numbers each) over a random series of `bars` bars, oldest first. */
function stream(seed: number, bars: number, w: number, f: number): Float64Array[] {
  const rng = createRandom(seed);
  const series = Float64Array.from({ length: bars * f }, () => rng.normal());
  return Array.from({ length: bars - w + 1 }, (_, t) => series.slice(t * f, (t + w) * f));
}

const fd = { eps: 1e-2, lr: 1, round: toFloat32, abs: 2e-4, rel: 2e-2 } as const;

/** Both implementations: the fused WebAssembly kernels and tfjs (the reference). */
const KERNELS = ['fused', 'tfjs'] as const;

/** Counts batched cell steps: one `step` of the tfjs stream, or one fused kernel call. */
function spySteps(bank: NeuralBank) {
  return bank instanceof FusedLstmStreamBank
    ? vi.spyOn(bank.kernels.exports, 'lstmStreamStep')
    : vi.spyOn(bank.arch.stream!, 'step');
}

describe('stateful LSTM (streaming formulation)', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: a record holds x, h_prev and six [H] vectors', () => {
    const s = createLstmStream({
      features: 2,
      hidden: 3,
      bpttSteps: 4,
      labelLag: 2,
      target: 'direction',
    });
    expect(s.recordSize).toBe(2 + 7 * 3);
    expect(s.capacity).toBe(6);
  });

  it('from a cold start equals the window LSTM; each next bar is one step that continues it', () => {
    const banks = new BankRegistry();
    const spec = (window: number, stateful: boolean): ModelSpec => ({
      kind: 'lstm',
      hidden: 3,
      window,
      stateful,
      standardize: false,
    });
    const live = createModel(spec(3, true), 2, 5, { banks });
    const xs = stream(1, 8, 3, 2);
    const long = stream(1, 8, 6, 2);
    expect(live.predict(xs[0] as Float64Array)).toBe(
      createModel(spec(3, false), 2, 5, { banks }).predict(xs[0] as Float64Array),
    );
    for (let t = 1; t <= 3; t++) live.predict(xs[t] as Float64Array);
    // four steps after the cold start over bars 0..2: the window LSTM over bars 0..5
    const windowed = createModel(spec(6, false), 2, 5, { banks });
    expect(live.predict(xs[3] as Float64Array)).toBe(windowed.predict(long[0] as Float64Array));
  });

  it.each(KERNELS)(
    'a prediction is one cell step; the same bar again changes nothing; learning redoes no step (%s)',
    (kernel) => {
      const banks = new BankRegistry();
      const m = createModel({ kind: 'lstm', hidden: 3, window: 4, stateful: true, kernel }, 2, 1, {
        banks,
      });
      const step = spySteps(m.kernel as NeuralBank);
      const xs = stream(2, 10, 4, 2);
      m.predict(xs[0] as Float64Array);
      expect(step).toHaveBeenCalledTimes(4); // cold: the window's 4 bars
      const p1 = m.predict(xs[1] as Float64Array);
      expect(step).toHaveBeenCalledTimes(5);
      expect(m.predict(xs[1] as Float64Array)).toBe(p1);
      expect(step).toHaveBeenCalledTimes(5);
      m.learn(xs[0] as Float64Array, 1); // its step is cached
      m.learn(xs[1] as Float64Array, 0);
      expect(step).toHaveBeenCalledTimes(5);
      expect(m.updates).toBe(2);
      m.predict(xs[2] as Float64Array);
      expect(step).toHaveBeenCalledTimes(6);
      m.dispose?.();
    },
  );

  it.each(KERNELS)(
    'gradient through bpttSteps cached steps matches finite differences of the replayed stream (%s)',
    (kernel) => {
      const banks = new BankRegistry();
      for (const [y, lag] of [
        [1, 0],
        [0, 2],
      ] as const) {
        const m = createModel(
          { kind: 'lstm', hidden: 3, window: 2, bpttSteps: 3, stateful: true, ...plainSgd, kernel },
          2,
          3 + y,
          { banks },
        );
        const xs = stream(7 + y, 12, 2, 2).slice(0, 7 + lag);
        checkStreamGradient(m, xs, 6, 3, y, { ...fd, target: 'direction' });
        m.dispose?.();
      }
    },
  );

  it.each(KERNELS)('gradient with a return head and a label three bars late (%s)', (kernel) => {
    const m = createModel(
      {
        kind: 'lstm',
        hidden: 2,
        window: 3,
        bpttSteps: 4,
        stateful: true,
        target: 'return',
        ...plainSgd,
        kernel,
      },
      2,
      9,
      { banks: new BankRegistry() },
    );
    const xs = stream(3, 14, 3, 2);
    checkStreamGradient(m, xs.slice(0, 10), 6, 4, 0.4, { ...fd, target: 'return' });
  });

  it.each(KERNELS)(
    'a label whose step is not cached is learned from the window (finite differences of a cold prediction; %s)',
    (kernel) => {
      const m = createModel(
        { kind: 'lstm', hidden: 3, window: 4, stateful: true, ...plainSgd, kernel },
        2,
        4,
        { banks: new BankRegistry() },
      );
      checkGradient(m, stream(5, 4, 4, 2)[0] as Float64Array, 1, { ...fd, target: 'direction' });
    },
  );

  it.each(KERNELS)(
    'hand-computed: H = 1, F = 1, truncated BPTT over 2 cached steps (%s)',
    (kernel) => {
      const m = createModel(
        { kind: 'lstm', hidden: 1, window: 2, bpttSteps: 2, stateful: true, ...plainSgd, kernel },
        1,
        6,
        { banks: new BankRegistry() },
      );
      const bars = [0.5, -1, 2, 0.25];
      const xs = [0, 1, 2].map((t) => Float64Array.from(bars.slice(t, t + 2)));
      for (const x of xs) m.predict(x);
      const w = Array.from(m.snapshot().arrays[0] as Float64Array);
      m.learn(xs[2] as Float64Array, 1);
      const step = Array.from(
        m.snapshot().arrays[0] as Float64Array,
        (v, i) => (w[i] as number) - v,
      );
      const expected = referenceGradient(w, bars, 2, 1);
      step.forEach((g, i) => {
        expect(g, `parameter ${i}`).toBeCloseTo(expected[i] as number, 5);
      });
    },
  );

  it('snapshot → restore carries the stream exactly (carry, cache, newest input)', () => {
    const banks = new BankRegistry();
    const spec: ModelSpec = { kind: 'lstm', hidden: 3, window: 3, bpttSteps: 2, stateful: true };
    const a = createModel(spec, 2, 1, { banks });
    const xs = stream(4, 20, 3, 2);
    for (let t = 0; t < 8; t++) {
      a.predict(xs[t] as Float64Array);
      if (t >= 2) a.learn(xs[t - 2] as Float64Array, t % 2);
    }
    const b = createModel(spec, 2, 2, { banks });
    b.restore(a.snapshot());
    const run = (m: OnlineModel) =>
      xs.slice(8).map((x, k) => {
        const p = m.predict(x);
        m.learn(xs[k + 6] as Float64Array, k % 2);
        return p;
      });
    expect(run(b)).toEqual(run(a));
    expect(b.snapshot()).toEqual(a.snapshot());
    a.dispose?.();
    b.dispose?.();
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const m = createModel({ kind: 'lstm', hidden: 3, window: 3, stateful: true }, 2, 1, {
      banks: new BankRegistry(),
    });
    const xs = stream(1, 8, 3, 2);
    m.learn(xs[5] as Float64Array, 1);
    for (const x of xs) m.predict(x);
    m.learn(xs[4] as Float64Array, 0);
    m.dispose?.();
    expect(tf.memory().numTensors).toBe(before);
  });
});

/**
 * d loss / d weights, by hand in float64, of a one-unit LSTM (H = F = 1) run over `bars` from
 * the zero state, for the label `y` of its last step, with the gradient truncated to the last
 * `k` steps. Weight order as the snapshot: wi, wf, wg, wo ([x; h] each), bi, bf, bg, bo, wOut, bOut.
 */
function referenceGradient(w: readonly number[], bars: readonly number[], k: number, y: number) {
  const at = (i: number) => w[i] as number;
  const steps: {
    x: number;
    h0: number;
    c0: number;
    i: number;
    f: number;
    g: number;
    o: number;
    c: number;
  }[] = [];
  let h = 0;
  let c = 0;
  for (const x of bars) {
    const i = sigmoid(at(0) * x + at(1) * h + at(8));
    const f = sigmoid(at(2) * x + at(3) * h + at(9));
    const g = Math.tanh(at(4) * x + at(5) * h + at(10));
    const o = sigmoid(at(6) * x + at(7) * h + at(11));
    const cNew = f * c + i * g;
    steps.push({ x, h0: h, c0: c, i, f, g, o, c: cNew });
    c = cNew;
    h = o * Math.tanh(cNew);
  }
  const z = h * at(12) + at(13);
  const dz = sigmoid(z) - y;
  const grad = new Array<number>(14).fill(0);
  grad[12] = dz * h;
  grad[13] = dz;
  let dh = dz * at(12);
  let dc = 0;
  for (let t = steps.length - 1; t >= steps.length - k; t--) {
    const s = steps[t]!;
    const tc = Math.tanh(s.c);
    const dct = dh * s.o * (1 - tc * tc) + dc;
    const da = [
      dct * s.g * s.i * (1 - s.i),
      dct * s.c0 * s.f * (1 - s.f),
      dct * s.i * (1 - s.g * s.g),
      dh * tc * s.o * (1 - s.o),
    ];
    da.forEach((d, gate) => {
      grad[2 * gate] = (grad[2 * gate] as number) + d * s.x;
      grad[2 * gate + 1] = (grad[2 * gate + 1] as number) + d * s.h0;
      grad[8 + gate] = (grad[8 + gate] as number) + d;
    });
    dc = dct * s.f;
    dh = da.reduce((sum, d, gate) => sum + d * at(2 * gate + 1), 0);
  }
  return grad;
}
