import { DuckDBInstance } from '@duckdb/node-api';

/** Runs read-only queries on a DuckDB file and returns JSON-friendly rows. */
// biome-ignore lint/suspicious/noExplicitAny: test rows are read by column name
export async function queryFile(file: string, sql: string): Promise<any[]> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const con = await instance.connect();
  try {
    return (await con.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** Runs statements on a throw-away in-memory DuckDB (e.g. `COPY … TO 'x.parquet'`). */
export async function execDuck(sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run("SET TimeZone = 'UTC'");
    await con.run(sql);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** Runs a query on a throw-away in-memory DuckDB (e.g. over a Parquet file) and returns JSON rows. */
// biome-ignore lint/suspicious/noExplicitAny: test rows are read by column name
export async function queryMemory(sql: string): Promise<any[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    return (await con.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
