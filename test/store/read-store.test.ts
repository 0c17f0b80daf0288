import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { classificationBySymbol, openRunStore, READ_MEMORY_LIMIT } from '../../src/store/index.ts';
import { tempDir } from '../helpers/cli.ts';

/** A run file with only a `predictions` table: `rows` losses over `groups` symbols, stored out of time order. */
async function predictionsFile(rows: number, groups: number): Promise<string> {
  const file = join(tempDir('livemodel-read-store-'), 'run.duckdb');
  const instance = await DuckDBInstance.create(file);
  const con = await instance.connect();
  await con.run(`
    CREATE TABLE predictions AS
    SELECT 'model' AS variant, 'S' || (i % ${groups}) AS symbol, 'champion' AS role,
      TIMESTAMP '2020-01-01' + to_seconds(i) AS ts, (hash(i) % 1000) / 1000 AS score,
      CASE WHEN i % 7 = 0 THEN NULL ELSE (hash(i * 3) % 2)::DOUBLE END AS label,
      CASE WHEN i % 7 = 0 THEN NULL ELSE (hash(i * 5) % 1000000) / 1e5 + 1e-9 * (i % 13) END AS loss
    FROM range(${rows}) t(i) ORDER BY hash(i)`);
  con.closeSync();
  instance.closeSync();
  return file;
}

describe('openRunStore', () => {
  it('limits DuckDB memory and spills to its own temp folder, removed by close()', async () => {
    const file = await predictionsFile(10, 2);
    const setting = async (limit?: string) => {
      const store = await openRunStore(file, limit === undefined ? {} : { memoryLimit: limit });
      const [r] = await store.rows<{ m: string; t: string }>(
        "SELECT current_setting('memory_limit') AS m, current_setting('temp_directory') AS t",
      );
      expect(existsSync(join(r!.t, '..'))).toBe(true);
      store.close();
      expect(existsSync(join(r!.t, '..'))).toBe(false);
      return r!.m;
    };
    expect(READ_MEMORY_LIMIT).toBe('256MB');
    expect(await setting()).toBe('244.1 MiB'); // DuckDB counts MB as 10^6 bytes, shows MiB
    expect(await setting('64MB')).toBe('61.0 MiB');
  });

  it('classificationBySymbol: log loss summed in time order, bit for bit, over more rows than the memory limit holds at once', async () => {
    const file = await predictionsFile(2_000_000, 5000);
    const small = await openRunStore(file, { memoryLimit: '64MB' });
    const rows = await classificationBySymbol(small);
    small.close();
    const big = await openRunStore(file, { memoryLimit: '4GB' });
    const ordered = await big.rows<{ symbol: string; n: number; log_loss: number }>(
      'SELECT variant, symbol, role, count(*) AS n, sum(loss ORDER BY ts) / count(loss) AS log_loss FROM predictions GROUP BY ALL ORDER BY variant, symbol, role',
    );
    big.close();
    expect(rows).toHaveLength(5000);
    expect(rows.map((r) => [r.symbol, r.predictions, r.log_loss])).toEqual(
      ordered.map((r) => [r.symbol, r.n, r.log_loss]),
    );
    expect(rows.every((r) => r.labelled === r.tp + r.fp + r.tn + r.fn)).toBe(true);
  }, 60_000);
});
