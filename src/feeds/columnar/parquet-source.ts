import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { InputError } from '../../core/index.ts';
import { mapColumns } from '../column-map.ts';
import { shown } from '../input-text.ts';
import {
  type ColumnarRelation,
  doubleSql,
  quoteIdent,
  quoteLiteral,
  timestampSql,
} from './columnar-relation.ts';
import { openPrivateDuckDb } from './duckdb-open.ts';
import { type ColumnarOptions, type DuckDbSource, openDuckDbSource } from './duckdb-source.ts';

/**
 * Opens a Parquet file as a bar source read by DuckDB (`read_parquet`), streamed in
 * `ORDER BY ts, symbol` chunk by chunk with bounded memory. Long layout: the columns are found
 * by the same names as in CSV (`ts|time|timestamp|date|datetime`, `symbol|ticker|instrument`,
 * `close|price|last`, `open`, `high`, `low`, `volume|vol`) or `data.columns`. The timestamp
 * column may be a DATE, a TIMESTAMP (any unit; with time zone too), a number (epoch s/ms or
 * YYYYMMDD) or text (as in CSV). Rows need not be sorted. Bad rows are named by their 1-based row
 * number in the file (`bars.parquet: row 17: close is \`-1\`, …`).
 *
 * @throws {InputError} missing or unreadable file, missing column, unusable timestamp type,
 * unknown symbol, bad row (policy fail).
 * @example
 * const src = await openParquet('data/eu-stock-markets.parquet', { symbols: ['DAX'] });
 */
export async function openParquet(
  file: string,
  options: ColumnarOptions = {},
): Promise<DuckDbSource> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new InputError(`data file not found: ${file}`);
  const db = await openPrivateDuckDb(options.memoryLimit, { timezone: options.timezone });
  try {
    const scan = `read_parquet(${quoteLiteral(file)}, file_row_number = true)`;
    let described: [string, string][];
    try {
      described = (
        await db.connection.runAndReadAll(`DESCRIBE SELECT * FROM ${scan}`)
      ).getRows() as [string, string][];
    } catch (error) {
      throw new InputError(`${file}: not a readable Parquet file (${shown(firstLine(error))})`);
    }
    const fields = described.filter(([name]) => name !== 'file_row_number');
    const rel = normalise(file, fields, scan, 'file_row_number + 1', options);
    return await openDuckDbSource(file, db.instance, db.connection, rel, options, db.removeTemp);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Builds the normalised relation over a scan whose columns are `fields` (name, DuckDB type). */
export function normalise(
  file: string,
  fields: readonly (readonly [string, string])[],
  scan: string,
  rowNo: string,
  options: ColumnarOptions,
): ColumnarRelation {
  const header = fields.map(([name]) => name);
  const cols = mapColumns(header, options.columns ?? {}, file);
  const col = (i: number): string => quoteIdent(header[i] as string);
  const type = (i: number): string => (fields[i] as readonly [string, string])[1];
  const zoned = options.timezone !== undefined && options.timezone !== 'UTC';
  const ts = timestampSql(col(cols.ts), type(cols.ts), zoned);
  if (ts === null)
    throw new InputError(
      `${file}: column \`${shown(header[cols.ts] as string)}\` has type ${type(cols.ts)}; expected a date, a timestamp, epoch numbers or text`,
    );
  const fallback = options.symbol ?? basename(file, extname(file)).toUpperCase();
  const symbol = cols.symbol >= 0 ? `CAST(${col(cols.symbol)} AS VARCHAR)` : quoteLiteral(fallback);
  const num = (i: number): string => (i < 0 ? 'CAST(NULL AS DOUBLE)' : doubleSql(col(i), type(i)));
  const sql = `(SELECT ${rowNo} AS row_no, ${ts} AS ts, ${symbol} AS symbol, ${num(cols.open)} AS open, ${num(cols.high)} AS high, ${num(cols.low)} AS low, ${num(cols.close)} AS close, ${num(cols.volume)} AS volume, CAST(${col(cols.ts)} AS VARCHAR) AS ts_raw, CAST(${col(cols.close)} AS VARCHAR) AS close_raw FROM ${scan})`;
  return {
    sql,
    names: {
      ts: header[cols.ts] as string,
      symbol: cols.symbol >= 0 ? (header[cols.symbol] as string) : null,
      close: header[cols.close] as string,
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;
}
