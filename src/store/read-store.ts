import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { InputError, StoreError } from '../core/index.ts';

/**
 * DuckDB memory of a read-only run store (report queries: sorts, windows, aggregates over
 * millions of rows); beyond it DuckDB spills to a private temp folder. Without a limit DuckDB
 * may take 80% of the machine's memory.
 */
export const READ_MEMORY_LIMIT = '256MB';

/** A read-only connection to a run file. */
export interface RunStore {
  readonly file: string;
  readonly connection: DuckDBConnection;
  /** Rows as plain JSON-friendly objects (BIGINT → number where safe, TIMESTAMP → ISO text). */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): void;
}

/**
 * Opens a run's DuckDB file read-only, with a memory limit (`READ_MEMORY_LIMIT` unless given)
 * and its own temp folder for spilling, removed by `close()`. Accepts the run folder or the file
 * itself.
 *
 * @throws {InputError} when there is no run file there.
 */
export async function openRunStore(
  dirOrFile: string,
  options: { memoryLimit?: string } = {},
): Promise<RunStore> {
  const file =
    existsSync(dirOrFile) && statSync(dirOrFile).isDirectory()
      ? join(dirOrFile, 'run.duckdb')
      : dirOrFile;
  if (!existsSync(file))
    throw new InputError(
      `no run file at ${file} (expected a run folder with run.duckdb, or the .duckdb file)`,
    );
  let instance: DuckDBInstance;
  const temp = mkdtempSync(join(tmpdir(), 'livemodel-read-'));
  const removeTemp = (): void => rmSync(temp, { recursive: true, force: true });
  try {
    instance = await DuckDBInstance.create(file, {
      access_mode: 'READ_ONLY',
      memory_limit: options.memoryLimit ?? READ_MEMORY_LIMIT,
      temp_directory: join(temp, 'spill'),
    });
  } catch (error) {
    removeTemp();
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
      removeTemp();
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
