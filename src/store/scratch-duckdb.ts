import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** A throw-away on-disk DuckDB for staging a table larger than memory. */
export interface ScratchDuckDb {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  /** Closes DuckDB and removes its folder. Idempotent. */
  readonly close: () => void;
}

/**
 * Opens a DuckDB in its own temp folder, with a memory limit (larger tables spill there) and
 * time zone UTC; `close()` removes the folder.
 *
 * @example
 * const db = await openScratchDuckDb('256MB');
 * await db.connection.run('CREATE TABLE t (x DOUBLE)');
 * db.close();
 */
export async function openScratchDuckDb(memoryLimit = '256MB'): Promise<ScratchDuckDb> {
  const temp = mkdtempSync(join(tmpdir(), 'livemodel-scratch-'));
  const instance = await DuckDBInstance.create(join(temp, 'staging.duckdb'), {
    memory_limit: memoryLimit,
    temp_directory: join(temp, 'spill'),
  });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  let closed = false;
  return {
    instance,
    connection,
    close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}
