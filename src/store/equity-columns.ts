import type { DuckDBVector } from '@duckdb/node-api';
import { StoreError } from '../core/index.ts';
import type { RunStore } from './read-store.ts';
import { sqlString } from './sql-text.ts';

/** One (strategy, symbol) series of the equity table as typed arrays, in time order. */
export interface EquityColumns {
  strategy: string;
  symbol: string;
  ts: Float64Array;
  pnl: Float64Array;
  turnover: Float64Array;
  cost: Float64Array;
  /** The position that earned the end of each period (see the equity table). */
  position: Float64Array;
}

/** Which equity rows {@link equityColumns} reads: one strategy's, some jobs' of a merged sweep file. */
export interface EquityFilter {
  readonly strategy?: string | undefined;
  /** Jobs of a merged sweep file (its equity table has a `job_id` column). */
  readonly jobIds?: readonly string[] | undefined;
}

/**
 * Every (strategy, symbol) series of the equity table — or those `filter` picks — read column-wise
 * from DuckDB's data chunks into typed arrays (no per-row objects): a 1,000-symbol run has
 * millions of equity rows, which per-row JS objects or nested lists take seconds to convert.
 * The result is streamed a chunk at a time (DuckDB sorts out of core, within the store's memory
 * limit), so besides the typed arrays (40 bytes a row) only one chunk is held; read one strategy
 * at a time, reusing `buffers`, to hold a quarter of a four-strategy run. NULLs become NaN.
 *
 * @example
 * const series = await equityColumns(store, { strategy: 'model' }); // [{ strategy: 'model', symbol: 'DAX', ts: Float64Array [...], ... }]
 */
export async function equityColumns(
  store: RunStore,
  filter: EquityFilter = {},
  buffers?: EquityBuffers,
): Promise<EquityColumns[]> {
  const where = equityWhere(filter);
  const groups = await store.rows<{ strategy: string; symbol: string; n: number }>(
    `SELECT strategy, symbol, count(*) AS n FROM equity${where} GROUP BY ALL ORDER BY strategy, symbol`,
  );
  const total = groups.reduce((a, g) => a + g.n, 0);
  const pool = buffers ?? { arrays: [] };
  if ((pool.arrays[0]?.length ?? -1) < total)
    pool.arrays = Array.from({ length: 5 }, () => new Float64Array(total));
  const cols = pool.arrays as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  try {
    const result = await store.connection.stream(
      `SELECT epoch_ms(ts)::DOUBLE AS ts, pnl::DOUBLE, turnover::DOUBLE, cost::DOUBLE, position::DOUBLE FROM equity${where} ORDER BY strategy, symbol, ts`,
    );
    let offset = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const n = Math.min(chunk.rowCount, total - offset);
      cols.forEach((out, c) => {
        const v = chunk.getColumnVector(c) as DuckDBVector<number | null>;
        for (let i = 0; i < n; i++) out[offset + i] = v.getItem(i) ?? Number.NaN;
      });
      offset += n;
    }
  } catch (error) {
    throw new StoreError(`reading the equity of ${store.file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let start = 0;
  return groups.map((g) => {
    const end = start + g.n;
    const slice = (a: Float64Array) => a.subarray(start, end);
    const s = {
      strategy: g.strategy,
      symbol: g.symbol,
      ts: slice(cols[0]),
      pnl: slice(cols[1]),
      turnover: slice(cols[2]),
      cost: slice(cols[3]),
      position: slice(cols[4]),
    };
    start = end;
    return s;
  });
}

/**
 * Typed arrays {@link equityColumns} may reuse from one call to the next (the series of a call
 * are views into them, valid until the next call with the same buffers).
 */
export interface EquityBuffers {
  arrays: Float64Array[];
}

/** ` WHERE …` of a filter, or nothing. */
function equityWhere(filter: EquityFilter): string {
  const terms: string[] = [];
  if (filter.strategy !== undefined) terms.push(`strategy = ${sqlString(filter.strategy)}`);
  if (filter.jobIds !== undefined)
    terms.push(
      filter.jobIds.length === 0
        ? 'FALSE'
        : `job_id IN (${filter.jobIds.map(sqlString).join(', ')})`,
    );
  return terms.length === 0 ? '' : ` WHERE ${terms.join(' AND ')}`;
}

/** The strategies of the equity table, in the order {@link equityColumns} reads them. */
export async function equityStrategies(store: RunStore): Promise<string[]> {
  const rows = await store.rows<{ s: string }>(
    'SELECT strategy::VARCHAR AS s FROM equity GROUP BY strategy ORDER BY strategy',
  );
  return rows.map((r) => r.s);
}

/** The distinct bar times of the equity table (or of some jobs' rows), increasing (epoch ms). */
export async function equityBarTimes(
  store: RunStore,
  filter: Pick<EquityFilter, 'jobIds'> = {},
): Promise<number[]> {
  const rows = await store.rows<{ t: number }>(
    `SELECT DISTINCT epoch_ms(ts) AS t FROM equity${equityWhere(filter)} ORDER BY t`,
  );
  return rows.map((r) => r.t);
}
