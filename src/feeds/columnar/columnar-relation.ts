import {
  DOUBLE,
  type DuckDBConnection,
  DuckDBScalarFunction,
  type DuckDBVector,
  VARCHAR,
} from '@duckdb/node-api';
import {
  isDateNumber,
  parseTimestamp,
  timestampFromNumber,
  zonedTimestamp,
} from '../parse-timestamp.ts';

/**
 * A file's rows as SQL, normalised to the columns every columnar source reads:
 * `row_no` (1-based data row), `ts` (epoch ms as DOUBLE; NULL when unreadable), `symbol`,
 * `open`, `high`, `low`, `close`, `volume` (DOUBLE; NULL when absent) and, for messages,
 * `ts_raw` and `close_raw` (the cells as text).
 */
export interface ColumnarRelation {
  /** A parenthesised subquery or a table name. */
  readonly sql: string;
  /** Column names as the file has them, for messages. */
  readonly names: { readonly ts: string; readonly symbol: string | null; readonly close: string };
}

/**
 * SQL functions the relations call: `lm_parse_ts(VARCHAR)`, `lm_num_ts(DOUBLE)` and
 * `lm_zone_ts(DOUBLE)` (a zone's wall-clock ms) → epoch ms; times without a zone are read in
 * `timeZone` (default UTC).
 */
export function registerTimestampFunctions(connection: DuckDBConnection, timeZone?: string): void {
  const make = (
    name: string,
    type: typeof VARCHAR | typeof DOUBLE,
    parse: (v: unknown) => number,
  ): DuckDBScalarFunction =>
    DuckDBScalarFunction.create({
      name,
      returnType: DOUBLE,
      parameterTypes: [type],
      mainFunction: (_info, input, output) => {
        const v = input.getColumnVector(0) as DuckDBVector;
        const out = output as unknown as {
          setItem(i: number, value: number | null): void;
          flush(): void;
        };
        for (let i = 0; i < input.rowCount; i++) {
          const raw = v.getItem(i);
          const ms = raw === null ? Number.NaN : parse(raw);
          out.setItem(i, Number.isNaN(ms) ? null : ms);
        }
        out.flush();
      },
    });
  connection.registerScalarFunction(
    make('lm_parse_ts', VARCHAR, (v) => parseTimestamp(String(v), timeZone)),
  );
  connection.registerScalarFunction(
    make('lm_num_ts', DOUBLE, (v) => {
      const t = timestampFromNumber(Number(v));
      return isDateNumber(Number(v)) ? zonedTimestamp(t, timeZone) : t;
    }),
  );
  connection.registerScalarFunction(
    make('lm_zone_ts', DOUBLE, (v) => zonedTimestamp(Number(v), timeZone)),
  );
}

/** Double-quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Single-quotes an SQL string literal. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const TEMPORAL = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ)$/;
const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

/**
 * SQL turning a timestamp column of DuckDB type `type` into epoch ms (DOUBLE), or null when the
 * type cannot hold a timestamp. Dates and timestamps convert in SQL (UTC; with `zoned`, dates and
 * timestamps without a zone are wall-clock times of the connection's `data.timezone`); numbers
 * and text go through the same rules as CSV cells (`timestampFromNumber`, `parseTimestamp`).
 *
 * @example
 * timestampSql('"date"', 'DATE'); // 'epoch_ms(CAST("date" AS TIMESTAMP))::DOUBLE'
 */
export function timestampSql(column: string, type: string, zoned = false): string | null {
  if (/^TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ$/.test(type)) return `epoch_ms(${column})::DOUBLE`;
  if (TEMPORAL.test(type)) {
    const civil = `epoch_ms(CAST(${column} AS TIMESTAMP))::DOUBLE`;
    return zoned ? `lm_zone_ts(${civil})` : civil;
  }
  if (NUMERIC.test(type)) return `lm_num_ts(CAST(${column} AS DOUBLE))`;
  if (type === 'VARCHAR') return `lm_parse_ts(${column})`;
  return null;
}

/** SQL for a numeric column read as DOUBLE (NULL for text that is no number). */
export function doubleSql(column: string, type: string): string {
  return NUMERIC.test(type) ? `CAST(${column} AS DOUBLE)` : `TRY_CAST(${column} AS DOUBLE)`;
}
