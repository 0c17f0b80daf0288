import { BIGINT, DOUBLE, type DuckDBAppender, DuckDBDataChunk, INTEGER, TIMESTAMP, DuckDBTimestampValue, type DuckDBType, type DuckDBVector, VARCHAR } from '@duckdb/node-api';
import type { ColumnType, TableSpec } from './schema.ts';

const CHUNK_ROWS = 2048;

const DUCK_TYPE: Record<ColumnType, DuckDBType> = {
  varchar: VARCHAR,
  json: VARCHAR,
  ts: TIMESTAMP,
  double: DOUBLE,
  integer: INTEGER,
  bigint: BIGINT,
};

/** A cell as the engine has it: times are epoch milliseconds; null is SQL NULL. */
export type Cell = string | number | null;

/**
 * Batched writer of one table: rows go straight into a DuckDB data chunk of 2,048 rows, which is
 * appended whole when full (never a statement per row). NaN doubles are written as NULL.
 */
export class TableWriter {
  readonly spec: TableSpec;
  private readonly appender: DuckDBAppender;
  private readonly types: readonly ColumnType[];
  private readonly chunk: DuckDBDataChunk;
  private vectors: DuckDBVector[];
  private rows = 0;
  private total = 0;

  constructor(spec: TableSpec, appender: DuckDBAppender) {
    this.spec = spec;
    this.appender = appender;
    this.types = spec.columns.map(([, t]) => t);
    this.chunk = DuckDBDataChunk.create(this.types.map((t) => DUCK_TYPE[t]), CHUNK_ROWS);
    this.vectors = this.types.map((_, i) => this.chunk.getColumnVector(i));
  }

  /** Rows written so far (including those still buffered). */
  get count(): number {
    return this.total;
  }

  /** Appends one row; `cells` follow the spec's column order. */
  row(cells: readonly Cell[]): void {
    const r = this.rows;
    for (let c = 0; c < this.types.length; c++) {
      const v = cells[c];
      const vec = this.vectors[c] as unknown as { setItem(i: number, value: unknown): void };
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
        vec.setItem(r, null);
        continue;
      }
      switch (this.types[c]) {
        case 'ts':
          vec.setItem(r, new DuckDBTimestampValue(BigInt(Math.round(v as number)) * 1000n));
          break;
        case 'bigint':
          vec.setItem(r, BigInt(Math.round(v as number)));
          break;
        default:
          vec.setItem(r, v);
      }
    }
    this.total++;
    if (++this.rows === CHUNK_ROWS) this.appendChunk();
  }

  /** Appends the buffered rows and flushes the appender to the database. */
  flush(): void {
    if (this.rows > 0) this.appendChunk();
    this.appender.flushSync();
  }

  close(): void {
    this.flush();
    this.appender.closeSync();
  }

  private appendChunk(): void {
    for (const v of this.vectors) v.flush();
    this.chunk.rowCount = this.rows;
    this.appender.appendDataChunk(this.chunk);
    this.chunk.reset();
    this.chunk.rowCount = CHUNK_ROWS;
    this.vectors = this.types.map((_, i) => this.chunk.getColumnVector(i));
    this.rows = 0;
  }
}
