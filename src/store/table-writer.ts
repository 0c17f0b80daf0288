import { endianness } from 'node:os';
import {
  BIGINT,
  DOUBLE,
  type DuckDBAppender,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBVector,
  ENUM,
  INTEGER,
  TIMESTAMP,
  VARCHAR,
} from '@duckdb/node-api';
import { StoreError } from '../core/index.ts';
import {
  type Cell,
  type ColumnType,
  type Dictionaries,
  isDictionary,
  type TableSpec,
} from './schema.ts';

const CHUNK_ROWS = 2048;
const TWO_32 = 4294967296;

export type { Cell };

type Setter = (row: number, value: Cell) => void;

/** The validity mask of a @duckdb/node-api vector (pinned version): null data means all valid. */
interface RawValidity {
  readonly data: BigUint64Array | null;
  readonly offset: number;
  setItemValid(i: number, valid: boolean): void;
}

/** The internals of a fixed-width @duckdb/node-api vector that the fast paths write (pinned version). */
interface RawVector {
  readonly items:
    | BigInt64Array
    | Float64Array
    | Int32Array
    | Uint8Array
    | Uint16Array
    | Uint32Array;
  readonly validity: RawValidity;
  /** ENUM vectors only. */
  readonly enumType?: { readonly values: readonly string[] };
}

const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * Sets one row's validity bit through a 32-bit view of the mask: the library's `setItemValid`
 * makes two BigInts per call once a vector has a mask (any NULL in it), which cost more than the
 * value itself. On a little-endian machine bit r of 64-bit word r >> 6 is bit r & 31 of 32-bit
 * word r >> 5. Without a mask (all valid so far) a valid row costs nothing and the first NULL
 * goes through the library, which creates the mask.
 */
function validitySetter(v: RawValidity): (r: number, valid: boolean) => void {
  if (!LITTLE_ENDIAN || v.offset !== 0) return (r, valid) => v.setItemValid(r, valid);
  let data: BigUint64Array | null = null;
  let words: Uint32Array | null = null;
  return (r, valid) => {
    if (v.data !== data) {
      data = v.data;
      words = data === null ? null : new Uint32Array(data.buffer, data.byteOffset, data.length * 2);
    }
    if (words === null) {
      if (!valid) v.setItemValid(r, false);
    } else if (valid) words[r >>> 5] = (words[r >>> 5] as number) | (1 << (r & 31));
    else words[r >>> 5] = (words[r >>> 5] as number) & ~(1 << (r & 31));
  };
}

interface ItemVector {
  setItem(i: number, value: unknown): void;
}

/**
 * Batched writer of one table: rows go straight into a DuckDB data chunk of 2,048 rows, which is
 * appended whole when full (never a statement per row). NaN doubles are written as NULL.
 * Timestamps are written into the vector's int64 microseconds without BigInt allocation (exact
 * for |ms| < 2^53 / 1000, i.e. years −283,000 to 287,000); dictionary columns are ENUMs when the
 * dictionary is known, written as their index. Fixed-width columns (TIMESTAMP, DOUBLE, INTEGER,
 * ENUM) go straight into the vector's typed array and validity mask.
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
  /** Each column's accessor on an outcome event (NULL for a table written row by row). */
  private readonly getters: readonly ((e: unknown) => Cell)[];
  private rows = 0;
  private total = 0;

  constructor(spec: TableSpec, appender: DuckDBAppender, dictionaries: Dictionaries = {}) {
    this.spec = spec;
    this.appender = appender;
    this.types = spec.columns.map(([, t]) => t);
    this.getters = spec.columns.map(([, , get]) => (get ?? (() => null)) as (e: unknown) => Cell);
    this.enumValues = this.types.map((t) =>
      isDictionary(t) && dictionaries[t] !== undefined ? new Set(dictionaries[t]) : null,
    );
    const duckTypes: DuckDBType[] = this.types.map((t) => {
      if (isDictionary(t))
        return dictionaries[t] !== undefined ? ENUM([...new Set(dictionaries[t])].sort()) : VARCHAR;
      return {
        varchar: VARCHAR,
        json: VARCHAR,
        ts: TIMESTAMP,
        double: DOUBLE,
        integer: INTEGER,
        bigint: BIGINT,
      }[t];
    });
    this.chunk = DuckDBDataChunk.create(duckTypes, CHUNK_ROWS);
    this.reusable = duckTypes.every((t) => t !== VARCHAR);
    this.bindVectors();
  }

  /** Rows written so far (including those still buffered). */
  get count(): number {
    return this.total;
  }

  /** Appends the row of one outcome event, reading each cell with its column's accessor. */
  rowOf(event: unknown): void {
    const r = this.rows;
    const setters = this.setters;
    const getters = this.getters;
    for (let c = 0; c < setters.length; c++)
      (setters[c] as Setter)(r, (getters[c] as (e: unknown) => Cell)(event) ?? null);
    this.total++;
    if (++this.rows === CHUNK_ROWS) this.appendChunk();
  }

  /** Appends one row; `cells` follow the spec's column order. */
  row(cells: readonly Cell[]): void {
    const r = this.rows;
    const setters = this.setters;
    for (let c = 0; c < setters.length; c++) (setters[c] as Setter)(r, cells[c] ?? null);
    this.total++;
    if (++this.rows === CHUNK_ROWS) this.appendChunk();
  }

  /**
   * Appends `rows` rows read column by column (a batch encoded on the tick thread:
   * column-batch.ts): the same setters, chunks and NULLs as {@link rowOf} on the events.
   */
  rowsFrom(read: readonly ((i: number) => Cell)[], rows: number): void {
    // column by column within each chunk: one setter and one reader per inner loop
    for (let i0 = 0; i0 < rows; ) {
      const n = Math.min(rows - i0, CHUNK_ROWS - this.rows);
      const r0 = this.rows;
      const setters = this.setters;
      for (let c = 0; c < setters.length; c++) {
        const set = setters[c] as Setter;
        const get = read[c] as (i: number) => Cell;
        for (let k = 0; k < n; k++) set(r0 + k, get(i0 + k));
      }
      this.total += n;
      this.rows += n;
      i0 += n;
      if (this.rows === CHUNK_ROWS) this.appendChunk();
    }
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
    const raw = vector as unknown as RawVector;
    if (type === 'ts') {
      const items = raw.items as BigInt64Array;
      const words = new Uint32Array(items.buffer, items.byteOffset, items.length * 2);
      const valid = validitySetter(raw.validity);
      return (r, v) => {
        if (v === null || (typeof v === 'number' && Number.isNaN(v))) return valid(r, false);
        const micros = Math.round(v as number) * 1000;
        const hi = Math.floor(micros / TWO_32);
        words[2 * r] = micros - hi * TWO_32;
        words[2 * r + 1] = hi >>> 0;
        valid(r, true);
      };
    }
    const allowed = this.enumValues[column] ?? null;
    if (allowed !== null) {
      const items = raw.items as Uint8Array | Uint16Array | Uint32Array;
      const index = new Map((raw.enumType?.values ?? []).map((value, i) => [value, i]));
      const valid = validitySetter(raw.validity);
      return (r, v) => {
        if (v === null) return valid(r, false);
        const i = index.get(v as string);
        if (i === undefined)
          throw new StoreError(
            `writing ${this.spec.name}: \`${String(v)}\` is not a known ${type} (${[...allowed].join(', ')})`,
          );
        items[r] = i;
        valid(r, true);
      };
    }
    if (type === 'double' || type === 'integer') {
      const items = raw.items as Float64Array | Int32Array;
      const valid = validitySetter(raw.validity);
      return (r, v) => {
        if (v === null || Number.isNaN(v)) return valid(r, false);
        items[r] = v as number;
        valid(r, true);
      };
    }
    const vec = vector as unknown as ItemVector;
    if (type === 'bigint')
      return (r, v) =>
        vec.setItem(r, v === null || Number.isNaN(v) ? null : BigInt(Math.round(v as number)));
    return (r, v) => vec.setItem(r, v);
  }
}
