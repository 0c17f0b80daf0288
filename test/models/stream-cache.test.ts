import { describe, expect, it } from 'vitest';
import { inputKey, StreamCache } from '../../src/models/index.ts';

describe('StreamCache', () => {
  it('doc example: a pushed step is the newest record', () => {
    const cache = new StreamCache({ inputSize: 6, carrySize: 4, recordSize: 10, capacity: 8 });
    cache.grow(2);
    expect(cache.push(0)).toBe(0); // record index of the new step
    expect(cache.recordAt(0, 0)).toBe(0);
    expect(cache.count(1)).toBe(0);
  });

  it('keeps the last `capacity` steps, finds them by key, counts positions from the last reset', () => {
    const cache = new StreamCache({ inputSize: 2, carrySize: 1, recordSize: 1, capacity: 3 });
    cache.grow(1);
    for (let t = 0; t < 5; t++) {
      const r = cache.push(0);
      cache.setOutput(0, r, t, 100 + t, t / 10);
      cache.data[cache.recordOffset(0, r)] = t;
    }
    expect(cache.count(0)).toBe(3);
    expect(cache.steps(0)).toBe(5);
    expect([0, 1, 2, 3].map((age) => cache.recordAt(0, age) >= 0)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(cache.find(0, 3, 103)).toBe(1);
    expect(cache.output(0, cache.recordAt(0, 1))).toBe(0.3);
    expect(cache.position(0, cache.recordAt(0, 2))).toBe(2);
    expect(cache.find(0, 1, 101)).toBe(-1); // overwritten
    cache.reset(0);
    expect(cache.count(0)).toBe(0);
    cache.push(0);
    expect(cache.position(0, cache.recordAt(0, 0))).toBe(0);
  });

  it('tells the same bar from the next bar by the input window', () => {
    const cache = new StreamCache({ inputSize: 4, carrySize: 0, recordSize: 1, capacity: 2 });
    cache.grow(1);
    const x = Float64Array.from([1, 2, 3, 4]);
    expect(cache.isLast(0, x)).toBe(false); // cold
    cache.push(0);
    cache.lastInput(0).set(x);
    expect(cache.isLast(0, x)).toBe(true);
    expect(cache.continues(0, Float64Array.from([3, 4, 5, 6]), 2)).toBe(true);
    expect(cache.continues(0, Float64Array.from([3, 5, 5, 6]), 2)).toBe(false);
  });
});

describe('inputKey', () => {
  it('doc example: two 32-bit integers, equal for equal windows, distinct otherwise', () => {
    const [a, b] = inputKey(new Float64Array([1, 2]));
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 32).toBe(true);
    expect(Number.isInteger(b) && b >= 0 && b < 2 ** 32).toBe(true);
    expect(inputKey(new Float64Array([1, 2]))).toEqual([a, b]);
    expect(inputKey(new Float64Array([2, 1]))).not.toEqual([a, b]);
    expect(inputKey(new Float64Array([1, 2, 0]))).not.toEqual([a, b]);
    const long = new Float64Array([9, 1, 2]);
    expect(inputKey(long.subarray(1))).toEqual([a, b]); // a view keys like a copy
  });
});
