import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RollableMetric } from '../../src/metrics/index.ts';
import { fcParams } from '../helpers/fc-params.ts';
import { expectSummaryClose } from './summary-helpers.ts';

/**
 * The shared suite of {@link RollableMetric}: what the windowed and faded wrappers rely on.
 * `pair` generates (prediction, outcome) pairs the metric accepts.
 */
export function describeRollableMetricContract<S extends object>(
  name: string,
  create: () => RollableMetric<S>,
  pair: fc.Arbitrary<[number, number]>,
): void {
  describe(`${name} (RollableMetric contract)`, () => {
    it('revert undoes update, newest first or oldest first (property)', () => {
      fc.assert(
        fc.property(
          fc.array(pair, { maxLength: 30 }),
          fc.array(pair, { maxLength: 30 }),
          (a, b) => {
            const m = create();
            const only = create();
            for (const [p, y] of a) {
              m.update(p, y);
              only.update(p, y);
            }
            for (const [p, y] of b) m.update(p, y);
            for (const [p, y] of b) m.revert(p, y);
            expect(m.n).toBe(a.length);
            expectSummaryClose(m.summary(), only.summary());
          },
        ),
        fcParams(100),
      );
    });

    it('decay(1) changes nothing; decay(α) leaves n and the ratios alone', () => {
      const m = create();
      const ref = create();
      for (const [p, y] of fc.sample(pair, { numRuns: 20, seed: 3 })) {
        m.update(p, y);
        ref.update(p, y);
      }
      m.decay(1);
      expect(m.summary()).toEqual(ref.summary());
      m.decay(0.25); // every sum and the weight alike: means are unchanged
      expect(m.n).toBe(20);
      expectSummaryClose(m.summary(), ref.summary());
    });

    it('reset empties it', () => {
      const m = create();
      const [p, y] = fc.sample(pair, { numRuns: 1, seed: 5 })[0] as [number, number];
      m.update(p, y);
      m.reset();
      expect(m.n).toBe(0);
      expect(m.summary()).toEqual(create().summary());
    });
  });
}
