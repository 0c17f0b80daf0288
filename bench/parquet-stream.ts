/**
 * Hand benchmark: streams a 10M-row Parquet file (1,000 symbols × 10,000 minutes, rows shuffled)
 * through openParquet and prints time and peak RSS. Writes the file to /tmp on first use.
 * Run: npx tsx bench/parquet-stream.ts   (MEM=256MB for a smaller DuckDB limit; FILE=… for another file)
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { openParquet } from '../src/feeds/index.ts';
const file = process.env['FILE'] ?? '/tmp/lm-bench/10m.parquet';
if (!existsSync(file)) {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(
    `COPY (SELECT TIMESTAMP '2000-01-01' + to_minutes(i // 1000) AS ts, 'S' || lpad(CAST(i % 1000 AS VARCHAR), 4, '0') AS symbol, 100 + (hash(i) % 1000) / 100.0 AS open, 101 + (hash(i) % 1000) / 100.0 AS high, 99 + (hash(i) % 1000) / 100.0 AS low, 100 + (hash(i+1) % 1000) / 100.0 AS close, hash(i) % 10000 AS volume FROM range(10000000) t(i) ORDER BY hash(i)) TO '${file}' (FORMAT parquet)`,
  );
  c.closeSync();
  db.closeSync();
  console.log('written');
}
const t0 = performance.now();
const src = await openParquet(file, { memoryLimit: process.env['MEM'] ?? '1GB' });
const t1 = performance.now();
let n = 0;
let maxRss = 0;
for await (const b of src.batches()) {
  n += b.length;
  if ((n & 0xfffff) < b.length) maxRss = Math.max(maxRss, process.memoryUsage().rss);
}
const t2 = performance.now();
src.close();
console.log({
  rows: n,
  openMs: Math.round(t1 - t0),
  streamMs: Math.round(t2 - t1),
  rowsPerSec: Math.round(n / ((t2 - t0) / 1000)),
  sampledRssMB: Math.round(maxRss / 1e6),
  maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
});
