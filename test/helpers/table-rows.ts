import { DuckDBInstance } from '@duckdb/node-api';

/** The event tables of a run file (every table but `runs`). */
export const EVENT_TABLES = [
  'predictions',
  'model_versions',
  'version_events',
  'model_snapshots',
  'transitions',
  'ab_tests',
  'drift_events',
  'regimes',
  'alerts',
  'ensemble_weights',
  'equity',
  'data_rejects',
  'feed_messages',
] as const;

/**
 * Every row of every event table of a run file, every column but the `exclude`d ones of a table
 * (wall-clock columns), as text (NULL spelt out; doubles in DuckDB's shortest round-trip form),
 * sorted: two runs that recorded the same rows in another order (shards, threads) compare equal.
 * Opens the file once, read-only.
 *
 * @example
 * const rows = await sortedTables(file, new Map([['feed_messages', ['received_ts']]]));
 * rows.get('predictions'); // ['A|2024-01-01 00:00:01|…', …]
 */
export async function sortedTables(
  file: string,
  exclude: ReadonlyMap<string, readonly string[]> = new Map(),
): Promise<Map<string, string[]>> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const con = await instance.connect();
  try {
    const out = new Map<string, string[]>();
    for (const table of EVENT_TABLES) {
      const cols = (
        await con.runAndReadAll(
          `SELECT column_name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
        )
      ).getRows();
      const skip = exclude.get(table) ?? [];
      const keep = cols.map((r) => String(r[0])).filter((c) => !skip.includes(c));
      const list = keep.map((c) => `coalesce("${c}"::VARCHAR, 'NULL')`).join(", '|', ");
      const rows = (await con.runAndReadAll(`SELECT concat(${list}) FROM ${table}`)).getRows();
      out.set(table, rows.map((r) => String(r[0])).sort());
    }
    return out;
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
