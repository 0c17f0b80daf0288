import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedWindow } from '../../src/features/index.ts';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

describe('SortedWindow', () => {
  it('doc example', () => {
    const w = new SortedWindow(3);
    for (const x of [5, 1, 9, 3]) w.push(x);
    expect(w.median()).toBe(3);
    expect(w.mad()).toBe(2);
  });

  it('median and MAD equal the batch computation over the last N (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 60 }),
        (cap, xs) => {
          const w = new SortedWindow(cap);
          xs.forEach((x, i) => {
            w.push(x);
            const last = xs.slice(Math.max(0, i + 1 - cap), i + 1);
            const med = median(last);
            expect(w.median()).toBe(med);
            expect(w.mad()).toBe(median(last.map((v) => Math.abs(v - med))));
            expect(w.length).toBe(last.length);
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});

it('pushes into a full window exactly as remove-then-insert does (property: repeats, 0 and −0)', () => {
  // the remove-then-insert window it replaced, as the reference
  const reference = (cap: number) => {
    const ring: number[] = [];
    const sorted: number[] = [];
    const lowerBound = (x: number) => {
      let i = 0;
      while (i < sorted.length && (sorted[i] as number) < x) i++;
      return i;
    };
    return {
      push(x: number) {
        ring.push(x);
        if (ring.length > cap) sorted.splice(lowerBound(ring.shift() as number), 1);
        sorted.splice(lowerBound(x), 0, x);
      },
      median: () => {
        const n = sorted.length;
        const m = n >> 1;
        return n % 2
          ? (sorted[m] as number)
          : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
      },
    };
  };
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.constantFrom(0, -0, 1, -1, 2.5, 60_000, 60_000, 120_000), { maxLength: 80 }),
      (cap, xs) => {
        const w = new SortedWindow(cap);
        const r = reference(cap);
        for (const x of xs) {
          w.push(x);
          r.push(x);
          expect(Object.is(w.median(), r.median())).toBe(true);
        }
      },
    ),
    { numRuns: 300 },
  );
});

describe('SortedWindow.madLowerBound', () => {
  it('never exceeds the exact MAD (property, any window contents)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 120 }),
        (cap, xs) => {
          const w = new SortedWindow(cap);
          for (const x of xs) {
            w.push(x);
            expect(w.madLowerBound()).toBeLessThanOrEqual(w.mad());
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('by hand: [1, 2, 3, 10, 11] has median 3, bound min(3 − 2, 10 − 3) = 1 ≤ MAD 2', () => {
    const w = new SortedWindow(5);
    for (const x of [1, 2, 3, 10, 11]) w.push(x);
    expect(w.madLowerBound()).toBe(1);
    expect(w.mad()).toBe(2);
  });
});
