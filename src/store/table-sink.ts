import { closeSync, openSync, writeSync } from 'node:fs';
import {
  DOUBLE,
  type DuckDBAppender,
  DuckDBDataChunk,
  type DuckDBVector,
  VARCHAR,
} from '@duckdb/node-api';
import { InputError } from '../core/index.ts';
import { openScratchDuckDb, type ScratchDuckDb } from './scratch-duckdb.ts';
import { sqlIdent, sqlString } from './sql-text.ts';

/** A column of a written table: `ts` cells are epoch ms, NaN numbers are empty / NULL. */
export interface SinkColumn {
  readonly name: string;
  readonly kind: 'ts' | 'text' | 'double' | 'int';
}

/** Rows written one at a time to a CSV or Parquet file. */
export interface TableSink {
  append(row: readonly (string | number)[]): void;
  /** Finishes the file (for Parquet: writes it from the staged rows). */
  close(): Promise<void>;
}

export interface TableSinkOptions {
  /** How CSV shows times: `date` (YYYY-MM-DD, for daily data) or `iso` (default). */
  readonly tsStyle?: 'date' | 'iso';
}

const FLUSH_CHARS = 1 << 20;
const CHUNK = 2048;

/**
 * Opens a streaming table writer by file extension: `.csv` is written as it comes (1 MB
 * buffer); `.parquet` rows are appended in 2,048-row data chunks to a private on-disk DuckDB,
 * which writes the Parquet file at `close()` (TIMESTAMP times, BIGINT ints, zstd). Memory stays
 * bounded either way.
 *
 * @throws {InputError} for another extension.
 * @example
 * const sink = await openTableSink('out/prices.parquet', [{ name: 'ts', kind: 'ts' }, { name: 'close', kind: 'double' }]);
 * sink.append([Date.UTC(2024, 0, 2), 101.5]);
 * await sink.close();
 */
export async function openTableSink(
  file: string,
  columns: readonly SinkColumn[],
  options: TableSinkOptions = {},
): Promise<TableSink> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return csvSink(file, columns, options.tsStyle ?? 'iso');
  if (lower.endsWith('.parquet'))
    return parquetSink(file, columns, await openScratchDuckDb('256MB'));
  throw new InputError(`Expected an output file ending in .csv or .parquet, got \`${file}\``);
}

function csvSink(file: string, columns: readonly SinkColumn[], tsStyle: 'date' | 'iso'): TableSink {
  const fd = openSync(file, 'w');
  let buf = `${columns.map((c) => c.name).join(',')}\n`;
  let lastTs = Number.NaN;
  let lastText = '';
  const tsText = (ms: number): string => {
    if (ms !== lastTs) {
      lastTs = ms;
      lastText =
        tsStyle === 'date' ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString();
    }
    return lastText;
  };
  return {
    append(row) {
      for (let c = 0; c < columns.length; c++) {
        const v = row[c] as string | number;
        if (c > 0) buf += ',';
        if (typeof v === 'string') buf += /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
        else if (Number.isNaN(v)) continue;
        else buf += (columns[c] as SinkColumn).kind === 'ts' ? tsText(v) : String(v);
      }
      buf += '\n';
      if (buf.length >= FLUSH_CHARS) {
        writeSync(fd, buf);
        buf = '';
      }
    },
    async close() {
      writeSync(fd, buf);
      buf = '';
      closeSync(fd);
    },
  };
}

type ItemVector = DuckDBVector & { setItem(i: number, v: unknown): void };

async function parquetSink(
  file: string,
  columns: readonly SinkColumn[],
  db: ScratchDuckDb,
): Promise<TableSink> {
  let appender: DuckDBAppender;
  try {
    // Stage numbers as DOUBLE (no BigInt per cell); the COPY casts times and ints.
    await db.connection.run(
      `CREATE TABLE staged (${columns.map((c) => `${sqlIdent(c.name)} ${c.kind === 'text' ? 'VARCHAR' : 'DOUBLE'}`).join(', ')})`,
    );
    appender = await db.connection.createAppender('staged');
  } catch (error) {
    db.close();
    throw error;
  }
  const types = columns.map((c) => (c.kind === 'text' ? VARCHAR : DOUBLE));
  const chunk = DuckDBDataChunk.create(types, CHUNK);
  let vectors = types.map((_, i) => chunk.getColumnVector(i) as ItemVector);
  let rows = 0;
  const flush = (): void => {
    for (const v of vectors) v.flush();
    chunk.rowCount = rows;
    appender.appendDataChunk(chunk);
    chunk.reset();
    chunk.rowCount = CHUNK;
    vectors = types.map((_, i) => chunk.getColumnVector(i) as ItemVector);
    rows = 0;
  };
  const select = columns
    .map((c) => {
      const q = sqlIdent(c.name);
      return c.kind === 'ts'
        ? `make_timestamp(CAST(${q} AS BIGINT) * 1000) AS ${q}`
        : c.kind === 'int'
          ? `CAST(${q} AS BIGINT) AS ${q}`
          : q;
    })
    .join(', ');
  return {
    append(row) {
      for (let c = 0; c < vectors.length; c++) {
        const v = row[c];
        (vectors[c] as ItemVector).setItem(
          rows,
          typeof v === 'number' && Number.isNaN(v) ? null : v,
        );
      }
      if (++rows === CHUNK) flush();
    },
    async close() {
      try {
        if (rows > 0) flush();
        appender.closeSync();
        await db.connection.run(
          `COPY (SELECT ${select} FROM staged) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`,
        );
      } finally {
        db.close();
      }
    },
  };
}
