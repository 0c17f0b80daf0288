import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { ClassificationMetrics, WindowedClassificationMetrics } from '../../src/metrics/index.ts';
import { expectSummaryClose } from './summary-helpers.ts';

const pair = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1 }));

describe('WindowedClassificationMetrics', () => {
  it('doc example', () => {
    const m = new WindowedClassificationMetrics(2);
    m.update(0.9, 0);
    m.update(0.8, 1);
    m.update(0.2, 0);
    expect(m.summary().accuracy).toBe(1);
    expect(m.n).toBe(2);
  });

  it('equals the batch computation over the last N labels (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(pair, { maxLength: 120 }),
        (window, data) => {
          const m = new WindowedClassificationMetrics(window);
          data.forEach(([s, y], i) => {
            m.update(s, y);
            const batch = new ClassificationMetrics();
            for (const [bs, by] of data.slice(Math.max(0, i + 1 - window), i + 1))
              batch.update(bs, by);
            expectSummaryClose(m.summary(), batch.summary());
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stays exact over a long stream (periodic resync)', () => {
    const m = new WindowedClassificationMetrics(7);
    const data: [number, number][] = Array.from({ length: 50_000 }, (_, i) => [
      ((i * 0.6180339887) % 1) * 0.98 + 0.01,
      i % 3 === 0 ? 1 : 0,
    ]);
    for (const [s, y] of data) m.update(s, y);
    const batch = new ClassificationMetrics();
    for (const [s, y] of data.slice(-7)) batch.update(s, y);
    expectSummaryClose(m.summary(), batch.summary(), 12);
  });

  it('rejects a bad window and resets', () => {
    expect(() => new WindowedClassificationMetrics(0)).toThrow(InputError);
    expect(() => new WindowedClassificationMetrics(1.5)).toThrow(
      'Expected `metrics.window` to be an integer >= 1, got `1.5` (number)',
    );
    const m = new WindowedClassificationMetrics(3);
    m.update(0.7, 1);
    m.reset();
    expect(m.summary().accuracy).toBeNaN();
  });
});
