import type { DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';
import { StoreError } from '../core/index.ts';
import type { RunStore } from './read-store.ts';

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

/**
 * Every (strategy, symbol) series of the equity table, read column-wise from DuckDB's data chunks
 * into typed arrays (no per-row objects): a 1,000-symbol run has millions of equity rows, which
 * per-row JS objects or nested lists take seconds to convert. NULLs become NaN.
 *
 * @example
 * const series = await equityColumns(store); // [{ strategy: 'model', symbol: 'DAX', ts: Float64Array [...], ... }]
 */
export async function equityColumns(store: RunStore): Promise<EquityColumns[]> {
  const groups = await store.rows<{ strategy: string; symbol: string; n: number }>(
    'SELECT strategy, symbol, count(*) AS n FROM equity GROUP BY ALL ORDER BY strategy, symbol',
  );
  const total = groups.reduce((a, g) => a + g.n, 0);
  const cols = [
    new Float64Array(total),
    new Float64Array(total),
    new Float64Array(total),
    new Float64Array(total),
    new Float64Array(total),
  ] as const;
  let chunks: DuckDBDataChunk[];
  try {
    const result = await store.connection.run(
      'SELECT epoch_ms(ts)::DOUBLE AS ts, pnl::DOUBLE, turnover::DOUBLE, cost::DOUBLE, position::DOUBLE FROM equity ORDER BY strategy, symbol, ts',
    );
    chunks = await result.fetchAllChunks();
  } catch (error) {
    throw new StoreError(`reading the equity of ${store.file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let offset = 0;
  for (const chunk of chunks) {
    const n = chunk.rowCount;
    cols.forEach((out, c) => {
      const v = chunk.getColumnVector(c) as DuckDBVector<number | null>;
      for (let i = 0; i < n; i++) out[offset + i] = v.getItem(i) ?? Number.NaN;
    });
    offset += n;
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

/** The distinct bar times of the equity table, increasing (epoch ms). */
export async function equityBarTimes(store: RunStore): Promise<number[]> {
  const rows = await store.rows<{ t: number }>(
    'SELECT DISTINCT epoch_ms(ts) AS t FROM equity ORDER BY t',
  );
  return rows.map((r) => r.t);
}
