import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  BIGINT,
  DOUBLE,
  type DuckDBAppender,
  DuckDBDataChunk,
  type DuckDBVector,
  VARCHAR,
} from '@duckdb/node-api';
import type { DataType, Field, RecordBatchReader, Vector } from 'apache-arrow';
import { InputError } from '../../core/index.ts';
import { mapColumns } from '../column-map.ts';
import { shown } from '../input-text.ts';
import {
  isDateNumber,
  parseTimestamp,
  timestampFromNumber,
  zonedTimestamp,
} from '../parse-timestamp.ts';
import { openPrivateDuckDb } from './duckdb-open.ts';
import { type ColumnarOptions, type DuckDbSource, openDuckDbSource } from './duckdb-source.ts';

const CHUNK = 2048;
const TABLE = 'arrow_rows';

/**
 * Opens an Arrow IPC file (file or stream format: `.arrow`, `.feather`, `.arrows`, `.ipc`) as a
 * bar source. Record batches are read one at a time with apache-arrow's `RecordBatchReader` and
 * appended to a private DuckDB (which spills to disk past its memory limit), then streamed in
 * `ORDER BY ts, symbol` chunk by chunk like {@link openParquet}: same column names, timestamp
 * rules, bad-row policy and row numbers (1-based, across batches).
 *
 * @throws {InputError} missing or unreadable file, missing column, unknown symbol, bad row (fail).
 * @example
 * const src = await openArrow('bars.arrow');
 */
export async function openArrow(
  file: string,
  options: ColumnarOptions = {},
): Promise<DuckDbSource> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new InputError(`data file not found: ${file}`);
  // apache-arrow loads here, not with the module: only Arrow files need it (it costs a second of
  // start-up to every command that imports feeds)
  const arrow = await import('apache-arrow');
  let reader: RecordBatchReader;
  try {
    reader = await arrow.RecordBatchReader.from(createReadStream(file));
    await reader.open();
  } catch (error) {
    throw new InputError(
      `${file}: not a readable Arrow IPC file (${shown((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '')})`,
    );
  }
  const fields = reader.schema.fields;
  const cols = mapColumns(
    fields.map((f) => f.name),
    options.columns ?? {},
    file,
  );
  const db = await openPrivateDuckDb(options.memoryLimit, { timezone: options.timezone });
  try {
    await db.connection.run(
      `CREATE TABLE ${TABLE} (row_no BIGINT, ts DOUBLE, symbol VARCHAR, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE, ts_raw VARCHAR, close_raw VARCHAR)`,
    );
    const appender = await db.connection.createAppender(TABLE);
    const fallback = options.symbol ?? basename(file, extname(file)).toUpperCase();
    await appendRows(reader, fields, cols, fallback, appender, options.timezone, arrow.DataType);
    appender.closeSync();
    const names = {
      ts: fields[cols.ts]?.name as string,
      symbol: cols.symbol >= 0 ? (fields[cols.symbol]?.name as string) : null,
      close: fields[cols.close]?.name as string,
    };
    return await openDuckDbSource(
      file,
      db.instance,
      db.connection,
      { sql: TABLE, names },
      options,
      db.removeTemp,
    );
  } catch (error) {
    db.close();
    throw error;
  }
}

async function appendRows(
  reader: RecordBatchReader,
  fields: readonly Field[],
  cols: Record<'ts' | 'symbol' | 'open' | 'high' | 'low' | 'close' | 'volume', number>,
  fallback: string,
  appender: DuckDBAppender,
  timezone: string | undefined,
  types: typeof DataType,
): Promise<void> {
  const chunk = DuckDBDataChunk.create(
    [BIGINT, DOUBLE, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, VARCHAR, VARCHAR],
    CHUNK,
  );
  let out = vectorsOf(chunk);
  let n = 0;
  let rowNo = 0;
  const flush = (): void => {
    for (const v of out) v.flush();
    chunk.rowCount = n;
    appender.appendDataChunk(chunk);
    chunk.reset();
    chunk.rowCount = CHUNK;
    out = vectorsOf(chunk);
    n = 0;
  };
  const tsOf = toEpochMs(fields[cols.ts]?.type, timezone, types);
  for await (const batch of reader) {
    const col = (i: number): Vector | null => (i < 0 ? null : batch.getChildAt(i));
    const [ts, sym, open, high, low, close, volume] = [
      cols.ts,
      cols.symbol,
      cols.open,
      cols.high,
      cols.low,
      cols.close,
      cols.volume,
    ].map(col);
    for (let i = 0; i < batch.numRows; i++) {
      const t = tsOf(ts?.get(i));
      const c = toNumber(close?.get(i));
      const cells: unknown[] = [
        BigInt(++rowNo),
        nullIfNaN(t),
        sym ? toText(sym.get(i)) : fallback,
        nullIfNaN(toNumber(open?.get(i))),
        nullIfNaN(toNumber(high?.get(i))),
        nullIfNaN(toNumber(low?.get(i))),
        nullIfNaN(c),
        nullIfNaN(toNumber(volume?.get(i))),
      ];
      cells.push(
        Number.isNaN(t) ? toText(ts?.get(i)) : null,
        Number.isFinite(c) && c > 0 ? null : toText(close?.get(i)),
      );
      for (let k = 0; k < cells.length; k++)
        (out[k] as unknown as { setItem(i: number, v: unknown): void }).setItem(n, cells[k]);
      if (++n === CHUNK) flush();
    }
  }
  if (n > 0) flush();
}

function vectorsOf(chunk: DuckDBDataChunk): DuckDBVector[] {
  return Array.from({ length: chunk.columnCount }, (_, i) => chunk.getColumnVector(i));
}

/**
 * How a timestamp column's values become epoch ms: Arrow dates and timestamps come as ms (wall
 * clock of `timezone` when the type has no zone of its own); numbers and text as in CSV.
 */
function toEpochMs(
  type: DataType | undefined,
  timezone: string | undefined,
  types: typeof DataType,
): (value: unknown) => number {
  if (type !== undefined && (types.isTimestamp(type) || types.isDate(type))) {
    const own = types.isTimestamp(type) && (type as { timezone?: string | null }).timezone;
    const zone = own ? undefined : timezone;
    return (v) => (v === null || v === undefined ? Number.NaN : zonedTimestamp(Number(v), zone));
  }
  return (v) => {
    if (v === null || v === undefined) return Number.NaN;
    if (typeof v === 'number' || typeof v === 'bigint') {
      const n = Number(v);
      return isDateNumber(n)
        ? zonedTimestamp(timestampFromNumber(n), timezone)
        : timestampFromNumber(n);
    }
    return parseTimestamp(String(v), timezone);
  };
}

function toNumber(v: unknown): number {
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const s = String(v).trim();
  return s === '' ? Number.NaN : Number(s);
}

function toText(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}
