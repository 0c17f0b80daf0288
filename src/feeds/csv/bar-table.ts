import {
  DOUBLE,
  type DuckDBAppender,
  DuckDBDataChunk,
  type DuckDBVector,
  INTEGER,
} from '@duckdb/node-api';
import type { BadRowReporter } from '../bad-rows.ts';
import { openPrivateDuckDb, type PrivateDuckDb } from '../columnar/duckdb-open.ts';
import { DuckDbSource } from '../columnar/duckdb-source.ts';

const CHUNK = 2048;
const TABLE = 'csv_rows';

interface ItemVector {
  setItem(i: number, value: number): void;
}

/**
 * The checked bars of a text file, staged in a private DuckDB (memory limit, spilling to a temp
 * folder) so that a file of any size is held by DuckDB rather than by JavaScript: rows are
 * appended a data chunk (2,048 rows) at a time, the symbol as a small integer id, absent fields
 * as NaN. {@link BarTable.toSource} then streams them back `ORDER BY ts, symbol, line` as a
 * {@link DuckDbSource}. With `ohlcv: false` only `close` is stored.
 *
 * @example
 * const table = await BarTable.open('512MB', false);
 * table.append(2, Date.UTC(2024, 0, 2), 0, 100, NaN, NaN, NaN, NaN);
 * const source = await table.toSource('a.csv', ['AAPL'], [0], bad);
 */
export class BarTable {
  private readonly db: PrivateDuckDb;
  private readonly appender: DuckDBAppender;
  private readonly chunk: DuckDBDataChunk;
  private readonly ohlcv: boolean;
  private vectors: ItemVector[] = [];
  private n = 0;
  private total = 0;

  private constructor(db: PrivateDuckDb, appender: DuckDBAppender, ohlcv: boolean) {
    this.db = db;
    this.appender = appender;
    this.ohlcv = ohlcv;
    const types = [
      DOUBLE,
      DOUBLE,
      INTEGER,
      DOUBLE,
      ...(ohlcv ? [DOUBLE, DOUBLE, DOUBLE, DOUBLE] : []),
    ];
    this.chunk = DuckDBDataChunk.create(types, CHUNK);
    this.bind();
  }

  /** Opens the private DuckDB and its table. */
  static async open(memoryLimit: string | undefined, ohlcv: boolean): Promise<BarTable> {
    const db = await openPrivateDuckDb(memoryLimit);
    try {
      const extra = ohlcv ? ', open DOUBLE, high DOUBLE, low DOUBLE, volume DOUBLE' : '';
      await db.connection.run(
        `CREATE TABLE ${TABLE} (line DOUBLE, ts DOUBLE, sym INTEGER, close DOUBLE${extra})`,
      );
      return new BarTable(db, await db.connection.createAppender(TABLE), ohlcv);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Rows appended. */
  get rows(): number {
    return this.total;
  }

  /** Appends one checked bar (`sym` is the symbol's id; NaN for absent fields). */
  append(
    line: number,
    ts: number,
    sym: number,
    close: number,
    open: number,
    high: number,
    low: number,
    volume: number,
  ): void {
    const v = this.vectors;
    const r = this.n;
    (v[0] as ItemVector).setItem(r, line);
    (v[1] as ItemVector).setItem(r, ts);
    (v[2] as ItemVector).setItem(r, sym);
    (v[3] as ItemVector).setItem(r, close);
    if (this.ohlcv) {
      (v[4] as ItemVector).setItem(r, open);
      (v[5] as ItemVector).setItem(r, high);
      (v[6] as ItemVector).setItem(r, low);
      (v[7] as ItemVector).setItem(r, volume);
    }
    this.total++;
    if (++this.n === CHUNK) this.flush();
  }

  /**
   * Streams the staged bars in time order, ties by symbol name in code-unit order, as a source
   * named `file`: `names[id]` is each id's symbol, `keep` the ids whose bars were staged. When
   * the rows were appended in that order already (`inOrder`: a file sorted by time and symbol)
   * they are streamed as they are, without a sort. The table then belongs to the source (its
   * `close()` releases DuckDB).
   */
  async toSource(
    file: string,
    names: readonly string[],
    keep: readonly number[],
    bad: BadRowReporter,
    inOrder: boolean,
  ): Promise<DuckDbSource> {
    if (this.n > 0) this.flush();
    this.appender.closeSync();
    const order = [...keep].sort((a, b) => compare(names[a] as string, names[b] as string));
    const { connection } = this.db;
    const ohlv = this.ohlcv ? ['r.open', 'r.high', 'r.low'] : ['NULL', 'NULL', 'NULL'];
    const volume = this.ohlcv ? 'r.volume' : 'NULL';
    const columns = `r.ts, r.sym, ${ohlv.join(', ')}, r.close, ${volume}, r.line`;
    // Without ORDER BY, DuckDB returns a table's rows in insertion order (preserve_insertion_order).
    let sql = `SELECT ${columns} FROM ${TABLE} r`;
    if (!inOrder) {
      await connection.run('CREATE TABLE csv_symbols (id INTEGER, rank INTEGER)');
      const symbols = await connection.createAppender('csv_symbols');
      order.forEach((id, rank) => {
        symbols.appendInteger(id);
        symbols.appendInteger(rank);
        symbols.endRow();
      });
      symbols.closeSync();
      sql = `SELECT ${columns} FROM ${TABLE} r JOIN csv_symbols s ON r.sym = s.id ORDER BY r.ts, s.rank, r.line`;
    }
    return new DuckDbSource({
      name: file,
      symbols: order.map((id) => names[id] as string),
      symbolNames: names,
      rows: this.total,
      instance: this.db.instance,
      connection,
      sql,
      bad,
      cleanup: this.db.removeTemp,
    });
  }

  /** Releases DuckDB (when no source took it over). Idempotent. */
  close(): void {
    this.db.close();
  }

  private flush(): void {
    for (const v of this.vectors) (v as unknown as DuckDBVector).flush();
    this.chunk.rowCount = this.n;
    this.appender.appendDataChunk(this.chunk);
    this.chunk.reset();
    this.chunk.rowCount = CHUNK;
    this.n = 0;
    this.bind();
  }

  private bind(): void {
    this.vectors = Array.from(
      { length: this.chunk.columnCount },
      (_, i) => this.chunk.getColumnVector(i) as unknown as ItemVector,
    );
  }
}

/** Code-unit order, as JavaScript compares strings (DuckDB compares UTF-8 bytes). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
