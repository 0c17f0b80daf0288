import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeSorted } from '../../src/clock/index.ts';
import { fcParams } from '../helpers/fc-params.ts';

describe('mergeSorted', () => {
  it('doc example', () => {
    expect([
      ...mergeSorted(
        [
          [1, 4],
          [2, 3],
        ],
        (a, b) => a - b,
      ),
    ]).toEqual([1, 2, 3, 4]);
  });

  it('puts equal keys in stream order, then in their order within a stream', () => {
    const a = [
      { k: 1, tag: 'a0' },
      { k: 1, tag: 'a1' },
      { k: 2, tag: 'a2' },
    ];
    const b = [
      { k: 1, tag: 'b0' },
      { k: 2, tag: 'b1' },
    ];
    const out = [...mergeSorted([b, a], (x, y) => x.k - y.k)].map((x) => x.tag);
    expect(out).toEqual(['b0', 'a0', 'a1', 'b1', 'a2']);
  });

  it('handles no streams and empty streams', () => {
    expect([...mergeSorted<number>([], (a, b) => a - b)]).toEqual([]);
    expect([...mergeSorted([[], [1], []], (a, b) => a - b)]).toEqual([1]);
  });

  it('property: output is sorted, stable, and a permutation of the input (nothing lost or duplicated)', () => {
    // Items carry (key, stream, position) so stability and identity can be checked.
    const streamsArb = fc.array(
      fc
        .array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 })
        .map((ks) => ks.sort((x, y) => x - y)),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(streamsArb, (keys) => {
        const streams = keys.map((ks, s) => ks.map((k, i) => ({ k, s, i })));
        const out = [...mergeSorted(streams, (a, b) => a.k - b.k)];
        expect(out).toHaveLength(keys.flat().length);
        expect(new Set(out).size).toBe(out.length);
        for (let j = 1; j < out.length; j++) {
          const p = out[j - 1]!;
          const c = out[j]!;
          expect(p.k <= c.k).toBe(true);
          if (p.k === c.k) expect(p.s < c.s || (p.s === c.s && p.i < c.i)).toBe(true);
        }
      }),
      fcParams(300),
    );
  });
});
