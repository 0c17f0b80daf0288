import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/index.ts';
import { createFrozenBaseline, modelLoss, type OnlineModel } from '../../src/models/index.ts';

/** The windows of `window` bars (F numbers each) over a random series, oldest first. */
export function streamOf(seed: number, windows: number, window: number, f: number) {
  const rng = createRandom(seed);
  const series = Float64Array.from({ length: (windows + window - 1) * f }, () => rng.normal());
  return Array.from({ length: windows }, (_, t) => series.slice(t * f, (t + window) * f));
}

/**
 * The shared contract of every `OnlineModel`, run for each implementation:
 * `factory(seed)` returns a fresh model reading `features` numbers per bar. A `stateful` model
 * carries a state from bar to bar, so its batched calls are compared with sequential ones on
 * streams of consecutive windows, in the engine's order (labels of earlier bars, then
 * predictions).
 */
export function describeModelContract(
  name: string,
  features: number,
  factory: (seed: number) => OnlineModel,
  options: { stateful?: boolean } = {},
): void {
  describe(`OnlineModel contract: ${name}`, () => {
    const data = (model: OnlineModel, n: number, seed: number) => {
      const rng = createRandom(seed);
      return Array.from({ length: n }, () => ({
        x: Float64Array.from({ length: model.inputWindow * features }, () => rng.normal()),
        y: rng.next() < 0.5 ? 1 : 0,
      }));
    };

    it('predict has no side effects and returns a finite number (a probability for direction)', () => {
      const m = factory(1);
      const [a] = data(m, 1, 1);
      const p = m.predict(a?.x as Float64Array);
      expect(Number.isFinite(p)).toBe(true);
      if ((m.target ?? 'direction') === 'direction') expect(p > 0 && p < 1).toBe(true);
      expect(m.predict(a?.x as Float64Array)).toBe(p);
      expect(m.updates).toBe(0);
      expect(Number.isFinite(modelLoss(m, p, a?.y as number))).toBe(true);
      m.dispose?.();
    });

    it.runIf(options.stateful)(
      'stateful: on streams, batched calls equal sequential ones, with a model learning twice in one call',
      () => {
        const [a, b] = [factory(2), factory(3)];
        const [a2, b2] = [a.clone(), b.clone()];
        const sa = streamOf(2, 8, a.inputWindow, features);
        const sb = streamOf(3, 8, b.inputWindow, features);
        const said = new Map<Float64Array, number>();
        for (let t = 0; t < 8; t++) {
          const xa = sa[t] as Float64Array;
          const xb = sb[t] as Float64Array;
          if (t >= 2) {
            // a learns the labels of its last two bars, b of its last one
            const xs = [sa[t - 2], sb[t - 1], sa[t - 1]] as Float64Array[];
            const ys = [t % 2, 1, 0];
            const predOut = new Float64Array(3);
            a.kernel.learnMany([a, b, a], xs, ys, predOut);
            const one = new Float64Array(1);
            const expected = [a2, b2, a2].map((m, i) => {
              m.kernel.learnMany([m], [xs[i] as Float64Array], [ys[i] as number], one);
              return one[0];
            });
            expect(Array.from(predOut)).toEqual(expected);
            // a model's own pre-update prediction is the one it gave at that bar (an
            // ensemble's combines its members' with its current weights)
            if (a.kind !== 'ensemble') expect(expected).toEqual(xs.map((x) => said.get(x)));
          }
          const out = new Float64Array(2);
          a.kernel.predictMany([a, b], [xa, xb], out);
          expect(Array.from(out)).toEqual([a2.predict(xa), b2.predict(xb)]);
          said.set(xa, out[0] as number);
          said.set(xb, out[1] as number);
        }
        expect(a.snapshot()).toEqual(a2.snapshot());
        expect(b.snapshot()).toEqual(b2.snapshot());
        for (const m of [a, b, a2, b2]) m.dispose?.();
      },
    );

    it.runIf(!options.stateful)(
      'kernel.predictMany equals predict; learnMany equals sequential learn and reports pre-update predictions',
      () => {
        const [a, b] = [factory(2), factory(3)];
        const [a2, b2] = [a.clone(), b.clone()];
        const rows = data(a, 3, 2);
        const models = [a, b, a];
        const xs = rows.map((r) => r.x);
        const ys = rows.map((r) => r.y);
        const out = new Float64Array(3);
        a.kernel.predictMany(models, xs, out);
        expect(Array.from(out)).toEqual(models.map((m, i) => m.predict(xs[i] as Float64Array)));
        const predOut = new Float64Array(3);
        a.kernel.learnMany(models, xs, ys, predOut);
        const expected = [a2, b2, a2].map((m, i) => {
          const p = m.predict(xs[i] as Float64Array);
          m.learn(xs[i] as Float64Array, ys[i] as number);
          return p;
        });
        expect(Array.from(predOut)).toEqual(expected);
        expect(a.snapshot()).toEqual(a2.snapshot());
        expect(b.snapshot()).toEqual(b2.snapshot());
        for (const m of [a, b, a2, b2]) m.dispose?.();
      },
    );

    it('clone is independent; the frozen baseline never changes', () => {
      const m = factory(4);
      const copy = m.clone();
      const frozen = createFrozenBaseline(m);
      const rows = data(m, 5, 4);
      const probe = rows[0]?.x as Float64Array;
      const before = copy.predict(probe);
      for (const r of rows) {
        m.learn(r.x, r.y);
        frozen.learn(r.x, r.y);
      }
      expect(copy.predict(probe)).toBe(before);
      expect(frozen.predict(probe)).toBe(before);
      expect(copy.updates).toBe(0);
      for (const x of [m, copy, frozen]) x.dispose?.();
    });
  });
}
