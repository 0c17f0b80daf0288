import { BIGINT, DOUBLE, type DuckDBAppender, DuckDBDataChunk, type DuckDBType, type DuckDBVector, ENUM, INTEGER, TIMESTAMP, VARCHAR } from '@duckdb/node-api';
import { StoreError } from '../core/index.ts';
import { type ColumnType, type Dictionaries, isDictionary, type TableSpec } from './schema.ts';

const CHUNK_ROWS = 2048;
const TWO_32 = 4294967296;

/** A cell as the engine has it: times are epoch milliseconds; null is SQL NULL. */
export type Cell = string | number | null;

type Setter = (row: number, value: Cell) => void;

/** The internals of a @duckdb/node-api TIMESTAMP vector that the fast path writes (pinned version). */
interface RawTimestampVector {
  readonly items: BigInt64Array;
  readonly validity: { setItemValid(i: number, valid: boolean): void };
}

interface ItemVector {
  setItem(i: number, value: unknown): void;
}

/**
 * Batched writer of one table: rows go straight into a DuckDB data chunk of 2,048 rows, which is
 * appended whole when full (never a statement per row). NaN doubles are written as NULL.
 * Timestamps are written into the vector's int64 microseconds without BigInt allocation (exact
 * for |ms| < 2^53 / 1000, i.e. years −283,000 to 287,000); dictionary columns are ENUMs when the
 * dictionary is known.
 */
export class TableWriter {
  readonly spec: TableSpec;
  private readonly appender: DuckDBAppender;
  private readonly chunk: DuckDBDataChunk;
  private readonly types: readonly ColumnType[];
  private readonly enumValues: (ReadonlySet<string> | null)[];
  private setters: Setter[] = [];
  /** No VARCHAR/JSON column: full chunks can be reused without a reset. */
  private readonly reusable: boolean;
  private vectors: DuckDBVector[] = [];
  private rows = 0;
  private total = 0;

  constructor(spec: TableSpec, appender: DuckDBAppender, dictionaries: Dictionaries = {}) {
    this.spec = spec;
    this.appender = appender;
    this.types = spec.columns.map(([, t]) => t);
    this.enumValues = this.types.map((t) => (isDictionary(t) && dictionaries[t] !== undefined ? new Set(dictionaries[t]) : null));
    const duckTypes: DuckDBType[] = this.types.map((t) => {
      if (isDictionary(t)) return dictionaries[t] !== undefined ? ENUM([...new Set(dictionaries[t])].sort()) : VARCHAR;
      return { varchar: VARCHAR, json: VARCHAR, ts: TIMESTAMP, double: DOUBLE, integer: INTEGER, bigint: BIGINT }[t];
    });
    this.chunk = DuckDBDataChunk.create(duckTypes, CHUNK_ROWS);
    this.reusable = duckTypes.every((t) => t !== VARCHAR);
    this.bindVectors();
  }

  /** Rows written so far (including those still buffered). */
  get count(): number {
    return this.total;
  }

  /** Appends one row; `cells` follow the spec's column order. */
  row(cells: readonly Cell[]): void {
    const r = this.rows;
    const setters = this.setters;
    for (let c = 0; c < setters.length; c++) (setters[c] as Setter)(r, cells[c] ?? null);
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
    const full = this.rows === CHUNK_ROWS;
    // A full chunk of a table without text columns is appended as it is and then overwritten in
    // place: every cell and its validity is rewritten for every row, and no string heap grows, so
    // neither a reset nor new vector wrappers (ENUM types with all their values) are needed.
    if (full && this.reusable) {
      this.appender.appendDataChunk(this.chunk);
      this.rows = 0;
      return;
    }
    if (!full) this.chunk.rowCount = this.rows;
    this.appender.appendDataChunk(this.chunk);
    this.chunk.reset();
    this.chunk.rowCount = CHUNK_ROWS;
    this.rows = 0;
    this.bindVectors();
  }

  private bindVectors(): void {
    this.vectors = this.types.map((_, c) => this.chunk.getColumnVector(c));
    this.setters = this.types.map((t, c) => this.setterFor(t, c, this.vectors[c] as DuckDBVector));
  }

  private setterFor(type: ColumnType, column: number, vector: DuckDBVector): Setter {
    if (type === 'ts') {
      const raw = vector as unknown as RawTimestampVector;
      const words = new Uint32Array(raw.items.buffer, raw.items.byteOffset, raw.items.length * 2);
      return (r, v) => {
        if (v === null || (typeof v === 'number' && Number.isNaN(v))) return raw.validity.setItemValid(r, false);
        const micros = Math.round(v as number) * 1000;
        const hi = Math.floor(micros / TWO_32);
        words[2 * r] = micros - hi * TWO_32;
        words[2 * r + 1] = hi >>> 0;
        raw.validity.setItemValid(r, true);
      };
    }
    const vec = vector as unknown as ItemVector;
    const allowed = this.enumValues[column] ?? null;
    if (allowed !== null) {
      return (r, v) => {
        if (v !== null && !allowed.has(v as string)) throw new StoreError(`writing ${this.spec.name}: \`${String(v)}\` is not a known ${type} (${[...allowed].join(', ')})`);
        vec.setItem(r, v);
      };
    }
    if (type === 'bigint') return (r, v) => vec.setItem(r, v === null || Number.isNaN(v) ? null : BigInt(Math.round(v as number)));
    if (type === 'double' || type === 'integer') return (r, v) => vec.setItem(r, v === null || Number.isNaN(v) ? null : v);
    return (r, v) => vec.setItem(r, v);
  }
}
