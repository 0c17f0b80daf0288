import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BankRegistry,
  createModel,
  deserializeSnapshot,
  initTfBackend,
  type ModelSpec,
  type OnlineModel,
  serializeSnapshot,
} from '../../src/models/index.ts';

const F = 2;
const SPECS: ModelSpec[] = [
  { kind: 'logistic', optimizer: 'adam', schedule: 'invsqrt', decaySteps: 3 },
  { kind: 'linear', optimizer: 'rmsprop' },
  { kind: 'naive' },
  { kind: 'lstm', hidden: 2, window: 2, learningRate: 0.05 },
  { kind: 'transformer', dModel: 2, heads: 1, ffDim: 2, window: 2, learningRate: 0.05 },
  {
    kind: 'ensemble',
    perRegime: true,
    members: [{ kind: 'lstm', hidden: 2, window: 2 }, { kind: 'logistic' }],
  },
];
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };

const value = fc.double({ min: -3, max: 3, noNaN: true });
const step = (window: number) =>
  fc.record({
    x: fc.array(value, { minLength: window * F, maxLength: window * F }),
    y: fc.integer({ min: 0, max: 1 }),
  });

function arrays(m: OnlineModel): string {
  return m
    .snapshot()
    .arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex'))
    .join('|');
}

describe.each(SPECS)('snapshot → restore is exact ($kind)', (spec) => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('identical predictions and identical continued learning, through the byte codec', () => {
    const banks = new BankRegistry();
    const window = createModel(spec, F, 0, { banks }).inputWindow;
    fc.assert(
      fc.property(
        fc.array(step(window), { maxLength: 6 }),
        fc.array(step(window), { minLength: 1, maxLength: 4 }),
        fc.integer(),
        (before, after, other) => {
          const a = createModel(spec, F, 1, { banks });
          for (const s of before) a.learn(Float64Array.from(s.x), s.y);
          const b = createModel(spec, F, other, { banks });
          b.learn(Float64Array.from(before[0]?.x ?? new Array(window * F).fill(1)), 1); // diverge first
          b.restore(deserializeSnapshot(serializeSnapshot(a.snapshot())));
          expect(arrays(b)).toBe(arrays(a));
          for (const s of after) {
            const x = Float64Array.from(s.x);
            expect(b.predict(x)).toBe(a.predict(x));
            a.learn(x, s.y);
            b.learn(x, s.y);
          }
          expect(arrays(b)).toBe(arrays(a));
          expect(b.updates).toBe(a.updates);
          a.dispose?.();
          b.dispose?.();
        },
      ),
      {
        numRuns:
          spec.kind === 'logistic' || spec.kind === 'linear' || spec.kind === 'naive' ? 100 : 12,
        ...seed,
      },
    );
  });
});

const STATEFUL: ModelSpec[] = [
  { kind: 'lstm', hidden: 2, window: 2, bpttSteps: 3, labelLag: 2, stateful: true },
  { kind: 'transformer', dModel: 2, heads: 1, ffDim: 2, window: 2, stateful: true },
];

describe.each(STATEFUL)('stateful: snapshot → restore is exact mid-stream ($kind)', (spec) => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('the restored copy continues the stream identically (carry, caches, labels served late)', () => {
    const banks = new BankRegistry();
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 12 * F, maxLength: 12 * F }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (series, lags, cut) => {
          // window t = bars t, t+1; at bar t the label of bar t - lag is learned (if any)
          const xs = Array.from({ length: 11 }, (_, t) =>
            Float64Array.from(series.slice(t * F, (t + 2) * F)),
          );
          const a = createModel(spec, F, 1, { banks });
          const b = createModel(spec, F, 2, { banks });
          const tick = (m: OnlineModel, t: number) => {
            const lag = lags[t - 1] ?? 0;
            if (t - lag >= 0 && lag > 0) m.learn(xs[t - lag] as Float64Array, t % 2);
            return m.predict(xs[t] as Float64Array);
          };
          for (let t = 0; t < cut; t++) tick(a, t);
          b.restore(deserializeSnapshot(serializeSnapshot(a.snapshot())));
          for (let t = cut; t < xs.length; t++) expect(tick(b, t)).toBe(tick(a, t));
          expect(arrays(b)).toBe(arrays(a));
          a.dispose?.();
          b.dispose?.();
        },
      ),
      { numRuns: 10, ...seed },
    );
  });
});
