import type { DuckDBVector } from '@duckdb/node-api';
import { StoreError } from '../core/index.ts';
import type { RunStore } from './read-store.ts';

/**
 * Sums of consecutive runs of one DOUBLE column, added left to right: `sql` returns the values
 * of every group one after the other (its ORDER BY fixes the order), and `counts[i]` is how many
 * belong to group i. The result is streamed a chunk at a time, so memory does not grow with the
 * rows; the sums are the same, to the last bit, as an ordered `sum(x ORDER BY …)` per group.
 *
 * @throws {StoreError} when the query fails or returns another number of rows than `counts` adds up to.
 * @example
 * await sumsInOrder(store, 'SELECT loss FROM predictions WHERE loss IS NOT NULL ORDER BY symbol, ts', [3, 2]);
 * // [loss₁ + loss₂ + loss₃ of the first symbol, … of the second]
 */
export async function sumsInOrder(
  store: RunStore,
  sql: string,
  counts: readonly number[],
): Promise<number[]> {
  const sums = counts.map(() => 0);
  let group = 0;
  let left = counts[0] ?? 0;
  let rows = 0;
  try {
    const result = await store.connection.stream(sql);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const v = chunk.getColumnVector(0) as DuckDBVector<number | null>;
      for (let i = 0; i < chunk.rowCount; i++) {
        while (left === 0 && group < counts.length - 1) left = counts[++group] as number;
        if (left === 0) throw new Error(`more rows than the ${rows} counted`);
        sums[group] = (sums[group] as number) + (v.getItem(i) ?? Number.NaN);
        left--;
        rows++;
      }
    }
  } catch (error) {
    throw new StoreError(`summing in order in ${store.file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const expected = counts.reduce((a, n) => a + n, 0);
  if (rows !== expected)
    throw new StoreError(`summing in order in ${store.file}: ${rows} rows, expected ${expected}`);
  return sums;
}
