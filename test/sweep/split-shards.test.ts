import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitShards } from '../../src/sweep/index.ts';

describe('splitShards', () => {
  it('doc example: sorted, then dealt round-robin like run --shards', () => {
    expect(splitShards(['SMI', 'DAX', 'FTSE', 'CAC', 'AEX'], 2)).toEqual([
      ['AEX', 'DAX', 'SMI'],
      ['CAC', 'FTSE'],
    ]);
  });

  it('puts every symbol in exactly one shard, whatever the input order, with sizes within one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (symbols, n) => {
          fc.pre(n <= symbols.length);
          const shards = splitShards(symbols, n);
          expect(shards).toHaveLength(n);
          const all = shards.flat();
          expect(all).toHaveLength(symbols.length);
          expect(new Set(all)).toEqual(new Set(symbols));
          const sizes = shards.map((s) => s.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          expect(splitShards([...symbols].reverse(), n)).toEqual(shards);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses more shards than symbols, naming sweep.shards', () => {
    expect(() => splitShards(['A', 'B'], 3)).toThrow(
      /`sweep\.shards`: 3 shards for 2 symbol\(s\) \(A, B\) would leave a shard empty/,
    );
  });
});
