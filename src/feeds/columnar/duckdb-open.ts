import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { registerTimestampFunctions } from './columnar-relation.ts';

/** A private in-memory DuckDB for one source, spilling to its own temp folder. */
export interface PrivateDuckDb {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  /** Closes DuckDB and removes the temp folder. Idempotent. */
  readonly close: () => void;
  /** Removes the temp folder only (after DuckDB was closed elsewhere). */
  readonly removeTemp: () => void;
}

/**
 * Opens a private DuckDB with a memory limit and its own temp folder (where large sorts spill),
 * time zone UTC, and the timestamp functions of `registerTimestampFunctions` (reading times
 * without a zone in `timezone`, default UTC). In memory by
 * default; `onDisk` puts the database itself in the temp folder, for tables larger than memory.
 *
 * @example
 * const db = await openPrivateDuckDb('512MB');
 * await db.connection.run('SELECT 1');
 * db.close();
 */
export async function openPrivateDuckDb(
  memoryLimit = '512MB',
  options: { onDisk?: boolean; timezone?: string | undefined } = {},
): Promise<PrivateDuckDb> {
  const temp = mkdtempSync(join(tmpdir(), 'livemodel-duckdb-'));
  const removeTemp = (): void => rmSync(temp, { recursive: true, force: true });
  const path = options.onDisk === true ? join(temp, 'staging.duckdb') : ':memory:';
  const instance = await DuckDBInstance.create(path, {
    memory_limit: memoryLimit,
    temp_directory: join(temp, 'spill'),
  });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  registerTimestampFunctions(connection, options.timezone);
  let closed = false;
  return {
    instance,
    connection,
    removeTemp,
    close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
      removeTemp();
    },
  };
}
