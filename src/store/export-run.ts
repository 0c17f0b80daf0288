import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { StoreError } from '../core/index.ts';
import { openRunStore, type RunStore } from './read-store.ts';
import { sqlString } from './sql-text.ts';

export type ExportFormat = 'parquet' | 'csv';

export interface ExportOptions {
  /** Folder of the files; default `export/` next to the run file. */
  readonly out?: string | undefined;
  /** Default `parquet`. */
  readonly format?: ExportFormat;
  /** Export the views (v_*) too, computed at export time. Default false. */
  readonly views?: boolean;
}

/** One file written by {@link exportRun}. */
export interface ExportedFile {
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly file: string;
  readonly rows: number;
}

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The SELECT list of a relation with ENUM columns cast to text (Parquet and pandas readers want plain strings). */
async function selectList(store: RunStore, name: string): Promise<string> {
  const cols = await store.rows<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ${sqlString(name)} ORDER BY column_index`,
  );
  return cols
    .map((c) =>
      c.data_type.startsWith('ENUM')
        ? `CAST(${ident(c.column_name)} AS VARCHAR) AS ${ident(c.column_name)}`
        : ident(c.column_name),
    )
    .join(', ');
}

/**
 * Writes every table of a run file (and, with `views`, every view) to one Parquet or CSV file
 * each, named after the table, in insertion order; ENUM columns become text. The run file is
 * opened read-only, so a killed run's file (status `running`) exports the rows it recorded.
 *
 * @param dirOrFile the run folder or its `run.duckdb`.
 * @returns the files written, tables first, each with its row count.
 * @throws {InputError} when there is no run file there.
 * @throws {StoreError} naming the table that could not be written.
 * @example
 * const files = await exportRun('reports/quickstart'); // reports/quickstart/export/predictions.parquet, …
 * files.find((f) => f.name === 'predictions')?.rows; // 21132
 */
export async function exportRun(
  dirOrFile: string,
  options: ExportOptions = {},
): Promise<ExportedFile[]> {
  const format = options.format ?? 'parquet';
  const store = await openRunStore(dirOrFile);
  try {
    const out = resolve(options.out ?? join(dirname(store.file), 'export'));
    mkdirSync(out, { recursive: true });
    const relations = await store.rows<{ name: string; kind: 'table' | 'view' }>(`
      SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
      ${options.views === true ? "UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary" : ''}
      ORDER BY kind, name`);
    const files: ExportedFile[] = [];
    for (const { name, kind } of relations) {
      const file = join(out, `${name}.${format}`);
      const copyOptions = format === 'parquet' ? 'FORMAT parquet' : 'FORMAT csv, HEADER true';
      try {
        const reader = await store.connection.runAndReadAll(
          `COPY (SELECT ${await selectList(store, name)} FROM ${ident(name)}) TO ${sqlString(file)} (${copyOptions})`,
        );
        const rows = Number(reader.getRows()[0]?.[0] ?? 0);
        files.push({ name, kind, file, rows });
      } catch (error) {
        throw new StoreError(
          `exporting ${kind} ${name} of ${store.file} to ${file}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    return files;
  } finally {
    store.close();
  }
}
