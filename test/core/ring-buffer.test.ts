import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvariantError, RingBuffer } from '../../src/core/index.ts';
import { fcParams } from '../helpers/fc-params.ts';

describe('RingBuffer', () => {
  it('doc example: keeps the newest values, evicts the oldest', () => {
    const rb = new RingBuffer(3);
    for (const v of [1, 2, 3]) expect(rb.push(v)).toBeNaN();
    expect(rb.push(4)).toBe(1);
    expect(rb.get(0)).toBe(4);
    expect(rb.get(2)).toBe(2);
    expect(rb.length).toBe(3);
  });

  it('holds rows: newest by age, all oldest first with zeros before the first wrap', () => {
    const rb = new RingBuffer(3, 2);
    rb.pushRow([1, 2]);
    rb.pushRow([3, 4]);
    expect(rb.full).toBe(false);
    expect([...rb.row(0)]).toEqual([3, 4]);
    expect([...rb.copyInto(new Float64Array(6))]).toEqual([0, 0, 1, 2, 3, 4]);
    rb.pushRow([5, 6]);
    rb.pushRow([7, 8]);
    expect([...rb.row(2)]).toEqual([3, 4]);
    expect([...rb.copyInto(new Float64Array(6))]).toEqual([3, 4, 5, 6, 7, 8]);
    expect([...rb.stored()]).toEqual([7, 8, 3, 4, 5, 6]);
    rb.clear();
    expect(rb.length).toBe(0);
    expect([...rb.copyInto(new Float64Array(6))]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('rejects a bad capacity and reads out of range', () => {
    expect(() => new RingBuffer(0)).toThrow('ring capacity must be a positive integer, got 0');
    expect(() => new RingBuffer(2, 1.5)).toThrow(InvariantError);
    const rb = new RingBuffer(2);
    rb.push(1);
    expect(() => rb.get(1)).toThrow('ring age 1 out of range [0, 1)');
    expect(() => rb.row(-1)).toThrow(InvariantError);
  });

  it('equals the last `capacity` rows of the whole history (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.double({ noNaN: true }), { maxLength: 60 }),
        (capacity, width, values) => {
          const rb = new RingBuffer(capacity, width);
          const history: number[][] = [];
          for (let i = 0; i + width <= values.length; i += width) {
            const row = values.slice(i, i + width);
            if (width === 1) {
              const evicted = rb.push(row[0] as number);
              const expected = history.length >= capacity ? history.at(-capacity)?.[0] : Number.NaN;
              expect(Object.is(evicted, expected) || evicted === expected).toBe(true);
            } else rb.pushRow(row);
            history.push(row);
            const kept = history.slice(-capacity);
            expect(rb.length).toBe(kept.length);
            for (const [k, r] of kept.entries())
              expect([...rb.row(kept.length - 1 - k)]).toEqual(r);
            const padded = [...Array(capacity - kept.length).fill(Array(width).fill(0)), ...kept];
            expect([...rb.copyInto(new Float64Array(capacity * width))]).toEqual(padded.flat());
            // Storage order is a rotation of age order; compare as multisets (−0 as 0).
            const sorted = (xs: number[]) => xs.map((x) => x + 0).sort((a, b) => a - b);
            expect(sorted([...rb.stored()])).toEqual(sorted(kept.flat()));
          }
        },
      ),
      fcParams(200),
    );
  });
});
