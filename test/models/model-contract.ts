import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/index.ts';
import { createFrozenBaseline, modelLoss, type OnlineModel } from '../../src/models/index.ts';

/**
 * The shared contract of every `OnlineModel`, run for each implementation:
 * `factory(seed)` returns a fresh model reading `features` numbers per bar.
 */
export function describeModelContract(
  name: string,
  features: number,
  factory: (seed: number) => OnlineModel,
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

    it('kernel.predictMany equals predict; learnMany equals sequential learn and reports pre-update predictions', () => {
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
    });

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
