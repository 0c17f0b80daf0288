import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { f1Score } from '../../src/core/index.ts';
import { f1Sql } from '../../src/store/index.ts';
import { queryMemory } from '../helpers/duck.ts';
import { fcParams } from '../helpers/fc-params.ts';

/** F1 of each (tp, fp, fn) row computed by DuckDB with `f1Sql`, over counts of type `type`. */
async function sqlF1(
  rows: readonly [number, number, number][],
  type: string,
): Promise<(number | null)[]> {
  const values = rows.map(([tp, fp, fn], i) => `(${i}, ${tp}, ${fp}, ${fn})`).join(', ');
  const out = await queryMemory(`
    WITH counts AS (
      SELECT i, tp::${type} AS tp, fp::${type} AS fp, fn::${type} AS fn
      FROM (VALUES ${values}) t(i, tp, fp, fn)
    )
    SELECT ${f1Sql('tp', 'fp', 'fn')} AS f1 FROM counts ORDER BY i`);
  return out.map((r) => r.f1 as number | null);
}

/** The TS convention with NaN as null, as summary.json and the views show it. */
const tsF1 = ([tp, fp, fn]: readonly [number, number, number]) => {
  const f = f1Score(tp, fp, fn);
  return Number.isNaN(f) ? null : f;
};

describe('f1Sql', () => {
  it('doc example: an F1 column over count columns', async () => {
    expect(await sqlF1([[2, 1, 1]], 'BIGINT')).toEqual([2 / 3]);
  });

  it('agrees with f1Score on the edge cases: NULL without positives, 0 without true positives', async () => {
    const cases: [number, number, number][] = [
      [0, 0, 0], // only true negatives (or nothing): undefined
      [0, 3, 0], // positives predicted, none right
      [0, 0, 2], // positives missed, none predicted
      [0, 4, 5],
      [1, 0, 0], // perfect
      [3, 0, 2],
      [2, 5, 0],
    ];
    const expected = [null, 0, 0, 0, 1, 0.75, 4 / 9];
    for (const type of ['BIGINT', 'HUGEINT', 'DOUBLE']) {
      const got = await sqlF1(cases, type);
      expect(got).toEqual(cases.map(tsF1));
      for (const [i, g] of got.entries()) expect(g).toBeCloseTo(expected[i] as number, 15);
      expect(got[0]).toBeNull();
    }
  });

  it('equals f1Score to the last bit on random counts (property, one query per batch)', async () => {
    const count = fc.nat({ max: 100_000 });
    const rows = fc.sample(fc.tuple(count, count, count), fcParams(500));
    // BIGINT: count(*) in v_symbol_summary; HUGEINT: windowed sums in the rolling metrics.
    for (const type of ['BIGINT', 'HUGEINT'])
      expect(await sqlF1(rows, type)).toEqual(rows.map(tsF1));
  });
});
