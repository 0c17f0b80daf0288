import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BankRegistry,
  createModel,
  createTransformerArchitecture,
  createTransformerStream,
  DEFAULT_TRANSFORMER,
  FusedTransformerStreamBank,
  initTfBackend,
  type ModelSpec,
  type NeuralBank,
  type OnlineModel,
} from '../../src/models/index.ts';
import { checkStreamGradient, toFloat32 } from './fd-check.ts';
import { streamOf } from './model-contract.ts';

const plainSgd = {
  optimizer: 'sgd',
  learningRate: 1,
  clipNorm: 0,
  l2: 0,
  adaptiveLr: false,
  standardize: false,
} as const;

const fd = { eps: 1e-2, lr: 1, round: toFloat32, abs: 3e-4, rel: 3e-2 } as const;

/** Both implementations: the fused WebAssembly kernels and tfjs (the reference). */
const KERNELS = ['fused', 'tfjs'] as const;

/** Counts batched steps: one `step` of the tfjs stream, or one fused kernel call. */
function spySteps(bank: NeuralBank) {
  return bank instanceof FusedTransformerStreamBank
    ? vi.spyOn(bank.kernels.exports, 'transformerStreamStep')
    : vi.spyOn(bank.arch.stream!, 'step');
}

describe('stateful transformer (cached keys and values)', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('doc example: a record holds x and one key and value per layer', () => {
    const s = createTransformerStream({
      features: 2,
      dModel: 4,
      heads: 2,
      layers: 1,
      window: 3,
      labelLag: 2,
      target: 'direction',
    });
    expect(s.recordSize).toBe(2 + 2 * 4);
    expect(s.capacity).toBe(5);
  });

  it.each(KERNELS)(
    'a prediction is one new position; the same bar again changes nothing; learning runs no step (%s)',
    (kernel) => {
      const m = createModel(
        { kind: 'transformer', dModel: 4, heads: 2, ffDim: 4, window: 5, stateful: true, kernel },
        2,
        1,
        { banks: new BankRegistry() },
      );
      const step = spySteps(m.kernel as NeuralBank);
      const xs = streamOf(1, 6, 5, 2);
      m.predict(xs[0] as Float64Array);
      expect(step).toHaveBeenCalledTimes(5); // cold: one position per bar of the window
      const p = m.predict(xs[1] as Float64Array);
      expect(m.predict(xs[1] as Float64Array)).toBe(p);
      expect(step).toHaveBeenCalledTimes(6);
      m.learn(xs[0] as Float64Array, 1);
      expect(step).toHaveBeenCalledTimes(6);
      m.dispose?.();
    },
  );

  it('equals causal sliding-window attention computed by hand (float64 reference, 2 layers)', () => {
    const spec = {
      kind: 'transformer',
      dModel: 4,
      heads: 2,
      ffDim: 3,
      layers: 2,
      window: 3,
      stateful: true,
      standardize: false,
    } as const;
    const m = createModel(spec, 1, 4, { banks: new BankRegistry() });
    const bars = [0.3, -1.2, 0.8, 2, -0.5, 0.1, 1.4];
    const arch = createTransformerArchitecture({
      ...DEFAULT_TRANSFORMER,
      ...spec,
      features: 1,
    });
    const w = unpack(m.snapshot().arrays[0] as Float64Array, arch.params);
    for (let t = 2; t < bars.length; t++) {
      const p = m.predict(Float64Array.from(bars.slice(t - 2, t + 1)));
      expect(p).toBeCloseTo(1 / (1 + Math.exp(-reference(w, bars.slice(0, t + 1), spec))), 5);
    }
  });

  it.each(KERNELS)(
    'gradient through the new position matches finite differences (1 layer, label 2 bars late; %s)',
    (kernel) => {
      const m = createModel(
        {
          kind: 'transformer',
          dModel: 4,
          heads: 2,
          ffDim: 4,
          window: 3,
          stateful: true,
          ...plainSgd,
          kernel,
        },
        2,
        7,
        { banks: new BankRegistry() },
      );
      checkStreamGradient(m, streamOf(2, 8, 3, 2), 5, 1, 1, { ...fd, target: 'direction' });
    },
  );

  it.each(KERNELS)('gradient matches finite differences (2 layers, return head; %s)', (kernel) => {
    const m = createModel(
      {
        kind: 'transformer',
        dModel: 4,
        heads: 2,
        ffDim: 4,
        window: 3,
        layers: 2,
        target: 'return',
        stateful: true,
        ...plainSgd,
        kernel,
      },
      2,
      3,
      { banks: new BankRegistry() },
    );
    checkStreamGradient(m, streamOf(5, 6, 3, 2), 5, 1, -0.4, { ...fd, target: 'return' });
  });

  it('snapshot → restore carries the key/value cache exactly', () => {
    const banks = new BankRegistry();
    const spec: ModelSpec = {
      kind: 'transformer',
      dModel: 4,
      heads: 2,
      ffDim: 4,
      window: 3,
      stateful: true,
    };
    const a = createModel(spec, 2, 1, { banks });
    const xs = streamOf(4, 16, 3, 2);
    for (let t = 0; t < 6; t++) {
      a.predict(xs[t] as Float64Array);
      if (t >= 1) a.learn(xs[t - 1] as Float64Array, t % 2);
    }
    const b = createModel(spec, 2, 2, { banks });
    b.restore(a.snapshot());
    const run = (m: OnlineModel) =>
      xs.slice(6).map((x, k) => {
        const p = m.predict(x);
        m.learn(xs[k + 5] as Float64Array, k % 2);
        return p;
      });
    expect(run(b)).toEqual(run(a));
    expect(b.snapshot()).toEqual(a.snapshot());
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const m = createModel(
      { kind: 'transformer', dModel: 4, heads: 1, ffDim: 4, window: 3, stateful: true },
      2,
      1,
      { banks: new BankRegistry() },
    );
    const xs = streamOf(1, 5, 3, 2);
    m.learn(xs[4] as Float64Array, 1);
    for (const x of xs) m.predict(x);
    m.learn(xs[3] as Float64Array, 0);
    m.dispose?.();
    expect(tf.memory().numTensors).toBe(before);
  });
});

type Weights = Record<string, { rows: number; cols: number; at: (r: number, c: number) => number }>;

/** The weights of one model by parameter name, from its snapshot's parameter array. */
function unpack(w: Float64Array, specs: readonly { name: string; rows: number; cols: number }[]) {
  const out: Weights = {};
  let off = 0;
  for (const s of specs) {
    const base = off;
    out[s.name] = { rows: s.rows, cols: s.cols, at: (r, c) => w[base + r * s.cols + c] as number };
    off += s.rows * s.cols;
  }
  return out;
}

/**
 * The logit for the last bar, by hand in float64: every position t embeds its bar plus the
 * sinusoid of t, and in each layer attends (causally) to itself and the W − 1 positions before.
 */
function reference(
  w: Weights,
  bars: readonly number[],
  o: { dModel: number; heads: number; ffDim: number; layers: number; window: number },
): number {
  const d = o.dModel;
  const mul = (x: number[], m: string) =>
    Array.from({ length: w[m]!.cols }, (_, c) => x.reduce((s, v, r) => s + v * w[m]!.at(r, c), 0));
  const add = (x: number[], b: string) => x.map((v, c) => v + w[b]!.at(0, c));
  const norm = (x: number[], g: string, b: string) => {
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    return x.map(
      (v, c) => ((v - mean) / Math.sqrt(variance + 1e-5)) * w[g]!.at(0, c) + w[b]!.at(0, c),
    );
  };
  const gelu = (v: number) =>
    0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
  let e = bars.map((x, t) =>
    add(mul([x], 'wIn'), 'bIn').map((v, i) => {
      const angle = t / 10000 ** ((i - (i % 2)) / d);
      return v + (i % 2 === 0 ? Math.sin(angle) : Math.cos(angle));
    }),
  );
  const dh = d / o.heads;
  for (let l = 0; l < o.layers; l++) {
    const a = e.map((x) => norm(x, `ln1g${l}`, `ln1b${l}`));
    const k = a.map((x) => mul(x, `wk${l}`));
    const v = a.map((x) => mul(x, `wv${l}`));
    e = e.map((x, t) => {
      const q = mul(a[t]!, `wq${l}`);
      const ctx = new Array<number>(d).fill(0);
      for (let hd = 0; hd < o.heads; hd++) {
        const seen = Array.from({ length: Math.min(o.window, t + 1) }, (_, j) => t - j);
        const score = seen.map((u) => {
          let s = 0;
          for (let c = hd * dh; c < (hd + 1) * dh; c++) s += q[c]! * k[u]![c]!;
          return s / Math.sqrt(dh);
        });
        const top = Math.max(...score);
        const p = score.map((s) => Math.exp(s - top));
        const total = p.reduce((s, v) => s + v, 0);
        seen.forEach((u, j) => {
          for (let c = hd * dh; c < (hd + 1) * dh; c++) ctx[c]! += (p[j]! / total) * v[u]![c]!;
        });
      }
      const h = add(mul(ctx, `wo${l}`), `bo${l}`).map((y, c) => y + x[c]!);
      const u = add(mul(norm(h, `ln2g${l}`, `ln2b${l}`), `w1${l}`), `b1${l}`).map(gelu);
      return mul(u, `w2${l}`).map((y, c) => y + h[c]!);
    });
  }
  const last = norm(e.at(-1)!, 'lnfg', 'lnfb');
  return last.reduce((s, v, c) => s + v * w['wOut']!.at(0, c), 0) + w['bOut']!.at(0, 0);
}
