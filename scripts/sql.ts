/**
 * Runs SQL on a run file and prints the rows as a table (read-only).
 *
 * @example
 *   npx tsx scripts/sql.ts reports/sp500-drift/run.duckdb "SELECT detector, count(*) FROM drift_events GROUP BY 1"
 */
import { DuckDBInstance } from '@duckdb/node-api';

const [file, ...rest] = process.argv.slice(2);
if (file === undefined || rest.length === 0) {
  console.error('usage: npx tsx scripts/sql.ts <run.duckdb> "<sql>" ["<sql>"…]');
  process.exit(2);
}
const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
const con = await instance.connect();
try {
  await con.run("SET TimeZone = 'UTC'");
  for (const sql of rest) {
    const rows = (await con.runAndReadAll(sql)).getRowObjectsJson();
    console.table(rows);
  }
} finally {
  con.closeSync();
  instance.closeSync();
}
