import type { DuckDBConnection, DuckDBInstance, DuckDBVector } from '@duckdb/node-api';
import { type Bar, type EpochMs, formatTs, InputError } from '../../core/index.ts';
import { type BadRowReporter, createBadRowReporter } from '../bad-rows.ts';
import type { BadRowPolicy, BarSource, RejectHandler } from '../bar-source.ts';
import { controlCharacterReason, hasControlCharacter, shown } from '../input-text.ts';
import { type ColumnarRelation, quoteLiteral } from './columnar-relation.ts';

/** Options shared by the Parquet and Arrow sources. */
export interface ColumnarOptions {
  readonly columns?: import('../column-map.ts').ColumnOverrides;
  /** Keep only these symbols; an unknown one is an error. */
  readonly symbols?: readonly string[];
  /** Symbol for files without a symbol column; default: the file name's stem, upper-cased. */
  readonly symbol?: string;
  readonly onBadRow?: BadRowPolicy;
  readonly onReject?: RejectHandler;
  /** DuckDB's memory limit while sorting (it spills to a temp folder beyond it). Default `512MB`. */
  readonly memoryLimit?: string;
  /** IANA zone of timestamps without one (text, dates, naive timestamps); default UTC. */
  readonly timezone?: string;
}

// A symbol with a control character (NUL, ESC, a line break, …) is a bad row, as in CSV.
const PRINTABLE = "NOT regexp_matches(symbol, '[\\x00-\\x1f\\x7f-\\x9f]')";
const GOOD = `ts IS NOT NULL AND isfinite(ts) AND symbol IS NOT NULL AND symbol <> '' AND ${PRINTABLE} AND close IS NOT NULL AND isfinite(close) AND close > 0`;

/**
 * Bars of a columnar file, read through DuckDB: `ORDER BY ts, symbol` streamed chunk by chunk
 * (2,048 rows each; a batch is one chunk), so memory stays bounded whatever the file's size —
 * DuckDB sorts within its memory limit and spills the rest to disk. Bad rows were reported when
 * the source was opened (see {@link openDuckDbSource}); duplicate bars (same symbol and time)
 * are found while streaming and reported then. Iterate one `batches()` at a time; `close()`
 * releases DuckDB.
 *
 * @example
 * const src = await openParquet('bars.parquet');
 * for await (const batch of src.batches()) handle(batch);
 * src.close();
 */
export class DuckDbSource implements BarSource {
  readonly name: string;
  readonly symbols: readonly string[];
  /** Rows that will be streamed (good rows of the kept symbols, duplicates included). */
  readonly rows: number;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  private readonly sql: string;
  private readonly bad: BadRowReporter;
  private readonly cleanup: () => void;
  private readonly symbolNames: readonly string[] | undefined;
  private closed = false;

  constructor(init: {
    name: string;
    symbols: readonly string[];
    rows: number;
    instance: DuckDBInstance;
    connection: DuckDBConnection;
    sql: string;
    bad: BadRowReporter;
    cleanup?: () => void;
    /** When given, the query's symbol column is an index into these names. */
    symbolNames?: readonly string[];
  }) {
    this.name = init.name;
    this.symbols = init.symbols;
    this.rows = init.rows;
    this.instance = init.instance;
    this.connection = init.connection;
    this.sql = init.sql;
    this.bad = init.bad;
    this.cleanup = init.cleanup ?? (() => {});
    this.symbolNames = init.symbolNames;
  }

  async *batches(): AsyncGenerator<readonly Bar[]> {
    const result = await this.connection.stream(this.sql);
    let prevSymbol = '';
    let prevTs = Number.NaN;
    let prevRow = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) return;
      const v = Array.from({ length: 8 }, (_, i) => chunk.getColumnVector(i)) as DuckDBVector[];
      const num = (c: number, i: number): number =>
        (v[c]?.getItem(i) as number | null) ?? Number.NaN;
      const batch: Bar[] = [];
      for (let i = 0; i < chunk.rowCount; i++) {
        const ts = num(0, i);
        const sym = v[1]?.getItem(i) as string | number;
        const symbol = typeof sym === 'number' ? (this.symbolNames?.[sym] as string) : sym;
        const rowNo = Number(v[7]?.getItem(i) as bigint);
        if (ts === prevTs && symbol === prevSymbol) {
          this.bad(
            rowNo,
            `duplicate bar for ${shown(symbol)} at ${formatTs(ts)} (row ${prevRow}); timestamps must increase within a symbol`,
            'data',
          );
          continue;
        }
        prevTs = ts;
        prevSymbol = symbol;
        prevRow = rowNo;
        batch.push({
          symbol,
          ts: ts as EpochMs,
          open: num(2, i),
          high: num(3, i),
          low: num(4, i),
          close: num(5, i),
          volume: num(6, i),
        });
      }
      if (batch.length > 0) yield batch;
    }
  }

  /** Releases DuckDB (and any temp file). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
    this.cleanup();
  }
}

/**
 * Validates a file's normalised rows and opens a {@link DuckDbSource} on them: reports every
 * bad row in row order (policy `skip`) or throws at the first (`fail`), checks the requested
 * symbols exist, and prepares the sorted streaming query.
 *
 * @throws {InputError} a bad row (fail), an unknown symbol, no usable row.
 * @throws {DataError} a non-positive price (fail).
 */
export async function openDuckDbSource(
  file: string,
  instance: DuckDBInstance,
  connection: DuckDBConnection,
  rel: ColumnarRelation,
  options: ColumnarOptions,
  cleanup?: () => void,
): Promise<DuckDbSource> {
  const bad = createBadRowReporter(file, options.onBadRow ?? 'fail', options.onReject, 'row');
  const limit = (options.onBadRow ?? 'fail') === 'fail' ? ' LIMIT 1' : '';
  const rejects = await connection.stream(
    `SELECT row_no, ts, symbol, close, ts_raw, close_raw FROM ${rel.sql} WHERE NOT coalesce(${GOOD}, false) ORDER BY row_no${limit}`,
  );
  for (
    let chunk = await rejects.fetchChunk();
    chunk !== null && chunk.rowCount > 0;
    chunk = await rejects.fetchChunk()
  ) {
    for (const [rowNo, ts, symbol, close, tsRaw, closeRaw] of chunk.getRows() as [
      bigint,
      number | null,
      string | null,
      number | null,
      string | null,
      string | null,
    ][]) {
      const row = Number(rowNo);
      if (ts === null || !Number.isFinite(ts))
        bad(
          row,
          `${shown(rel.names.ts)} is \`${shown(tsRaw ?? 'NULL')}\`, not a timestamp (expected a date, a timestamp, ISO-8601 text or epoch seconds/milliseconds)`,
          'input',
        );
      else if (symbol === null || symbol === '')
        bad(
          row,
          `${shown(rel.names.symbol ?? '')} is ${symbol === null ? 'NULL' : 'empty'}`,
          'input',
        );
      else if (hasControlCharacter(symbol))
        bad(row, controlCharacterReason(shown(rel.names.symbol ?? 'symbol'), symbol), 'input');
      else
        bad(
          row,
          `${shown(rel.names.close)} is \`${shown(closeRaw ?? 'NULL')}\`, expected a finite positive number`,
          close === null || Number.isNaN(close) ? 'input' : 'data',
        );
    }
  }
  const counts = (
    await connection.runAndReadAll(
      `SELECT symbol, count(*) AS n FROM ${rel.sql} WHERE ${GOOD} GROUP BY symbol`,
    )
  ).getRows() as [string, bigint][];
  const have = new Map(counts.map(([s, n]) => [s, Number(n)]));
  if (have.size === 0) throw new InputError(`${file} has no usable rows`);
  let symbols = [...have.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let filter = '';
  if (options.symbols !== undefined && options.symbols.length > 0) {
    const missing = options.symbols.filter((s) => !have.has(s));
    if (missing.length > 0)
      throw new InputError(
        `${file}: symbol ${missing.map(shown).join(', ')} not found; the file has ${symbols.map(shown).join(', ')}`,
      );
    symbols = symbols.filter((s) => options.symbols?.includes(s));
    filter = ` AND symbol IN (${symbols.map(quoteLiteral).join(', ')})`;
  }
  const rows = symbols.reduce((n, s) => n + (have.get(s) ?? 0), 0);
  const sql = `SELECT ts, symbol, open, high, low, close, volume, row_no FROM ${rel.sql} WHERE ${GOOD}${filter} ORDER BY ts, symbol, row_no`;
  return new DuckDbSource({
    name: file,
    symbols,
    rows,
    instance,
    connection,
    sql,
    bad,
    ...(cleanup ? { cleanup } : {}),
  });
}
