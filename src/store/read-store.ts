import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, StoreError } from '../core/index.ts';

/** A read-only connection to a run file. */
export interface RunStore {
  readonly file: string;
  readonly connection: DuckDBConnection;
  /** Rows as plain JSON-friendly objects (BIGINT → number where safe, TIMESTAMP → ISO text). */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): void;
}

/**
 * Opens a run's DuckDB file read-only. Accepts the run folder or the file itself.
 *
 * @throws {InputError} when there is no run file there.
 */
export async function openRunStore(dirOrFile: string): Promise<RunStore> {
  const file =
    existsSync(dirOrFile) && statSync(dirOrFile).isDirectory()
      ? join(dirOrFile, 'run.duckdb')
      : dirOrFile;
  if (!existsSync(file))
    throw new InputError(
      `no run file at ${file} (expected a run folder with run.duckdb, or the .duckdb file)`,
    );
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  } catch (error) {
    throw new StoreError(`opening ${file}: ${(error as Error).message}`, { cause: error });
  }
  const connection = await instance.connect();
  return {
    file,
    connection,
    async rows<T>(sql: string, params?: unknown[]): Promise<T[]> {
      try {
        const reader = await connection.runAndReadAll(sql, params as never);
        return reader.getRowObjectsJS().map(toPlain) as T[];
      } catch (error) {
        throw new StoreError(`querying ${file}: ${(error as Error).message}`, { cause: error });
      }
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function toPlain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'bigint') out[k] = Number(v);
    else if (v instanceof Date) out[k] = v.getTime();
    else out[k] = v;
  }
  return out;
}
