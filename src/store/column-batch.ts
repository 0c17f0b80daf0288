import { StoreError } from '../core/index.ts';
import {
  type Cell,
  type Dictionaries,
  isDictionary,
  TABLE_OF_EVENT,
  TABLES,
  type TableName,
  type TableSpec,
} from './schema.ts';

/**
 * Text cells of a batch as UTF-8 bytes: row i is `bytes[ends[i-1]..ends[i])`, its tag says
 * NULL (0), text (1) or a number (2, in `nums`). Encoded at once, so the event's strings die
 * young on the tick thread (a batch lives long enough to be promoted otherwise) and every buffer
 * transfers without a copy.
 */
export interface TextColumn {
  readonly tags: Uint8Array;
  readonly ends: Uint32Array;
  readonly bytes: Uint8Array;
  readonly nums: Float64Array;
}

/**
 * One column of a batch: numbers (times, doubles, integers, bigints; NaN is NULL), indices into
 * a known dictionary (ENUM; -1 is NULL), or text (text, JSON, dictionaries not known at start).
 */
export type ColumnData = Float64Array | Int32Array | TextColumn;

/** Rows of one table, column-major, as sent to the recording thread (every buffer transferred). */
export interface ColumnBatch {
  readonly table: Exclude<TableName, 'runs'>;
  readonly rows: number;
  readonly columns: ColumnData[];
}

type Kind = 'number' | 'enum' | 'text';

/** Stores one cell at a row of the current buffers. */
type CellWriter = (cell: Cell | undefined, r: number) => void;

/** The sorted distinct values of each known dictionary: the order of its ENUM and of its indices. */
export function enumValuesOf(dictionaries: Dictionaries): Partial<Record<string, string[]>> {
  const out: Partial<Record<string, string[]>> = {};
  for (const [name, values] of Object.entries(dictionaries))
    if (values !== undefined) out[name] = [...new Set(values)].sort();
  return out;
}

function kindOf(type: string, dictionaries: Dictionaries): Kind {
  if (isDictionary(type as never))
    return dictionaries[type as keyof Dictionaries] !== undefined ? 'enum' : 'text';
  return type === 'varchar' || type === 'json' ? 'text' : 'number';
}

const encoder = new TextEncoder();

/** Every buffer of a batch's columns, to transfer. */
export function buffersOf(columns: readonly ColumnData[]): ArrayBuffer[] {
  return columns.flatMap((col) =>
    'tags' in col
      ? [col.tags.buffer, col.ends.buffer, col.bytes.buffer, col.nums.buffer]
      : [col.buffer],
  ) as ArrayBuffer[];
}

/**
 * Encodes one table's outcome events into column buffers on the tick thread: each cell is read
 * with its column's accessor (store/schema.ts) and stored as a number, an ENUM index or UTF-8
 * bytes — no DuckDB call. A value outside a known dictionary throws at once, as the inline
 * recorder does. O(columns + text length) per row; no allocation but the buffers, which are
 * reused once the recording thread returns them.
 */
export class ColumnBatcher {
  readonly table: Exclude<TableName, 'runs'>;
  readonly capacity: number;
  private readonly spec: TableSpec;
  private readonly kinds: Kind[];
  private readonly getters: ((e: unknown) => Cell)[];
  private readonly index: (Map<string, number> | null)[];
  private columns: ColumnData[];
  /** Bytes used in each text column (0 for the others). */
  private used: number[];
  private rowCount = 0;
  private added = 0;
  private writers: CellWriter[] = [];

  constructor(table: Exclude<TableName, 'runs'>, dictionaries: Dictionaries, capacity: number) {
    this.table = table;
    this.capacity = capacity;
    this.spec = TABLES[table];
    this.kinds = this.spec.columns.map(([, t]) => kindOf(t, dictionaries));
    this.getters = this.spec.columns.map(
      ([, , get]) => (get ?? (() => null)) as (e: unknown) => Cell,
    );
    const values = enumValuesOf(dictionaries);
    this.index = this.spec.columns.map(([, t], c) =>
      this.kinds[c] === 'enum' ? new Map((values[t] ?? []).map((v, i) => [v, i])) : null,
    );
    this.columns = this.fresh();
    this.used = this.kinds.map(() => 0);
    this.bind();
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Rows added since the batcher was created (those taken included). */
  get total(): number {
    return this.added;
  }

  /** Adds one event's row; returns true when the batch is full (take it). */
  add(event: unknown): boolean {
    const r = this.rowCount;
    const writers = this.writers;
    const getters = this.getters;
    for (let c = 0; c < writers.length; c++)
      (writers[c] as CellWriter)((getters[c] as (e: unknown) => Cell)(event), r);
    this.added++;
    return ++this.rowCount === this.capacity;
  }

  /** Adds one row given as cells in the table's column order (as {@link add} reads them). */
  addCells(cells: readonly Cell[]): boolean {
    const r = this.rowCount;
    const writers = this.writers;
    for (let c = 0; c < writers.length; c++) (writers[c] as CellWriter)(cells[c], r);
    this.added++;
    return ++this.rowCount === this.capacity;
  }

  /**
   * The rows so far as a batch, and the buffers to transfer. The batcher starts over with the
   * buffers of `recycled` (a batch the recording thread is done with) or new ones.
   */
  take(recycled?: readonly ColumnData[]): { batch: ColumnBatch; transfer: ArrayBuffer[] } {
    const batch: ColumnBatch = { table: this.table, rows: this.rowCount, columns: this.columns };
    const transfer = buffersOf(this.columns);
    this.columns = this.fresh(recycled);
    this.used.fill(0);
    this.rowCount = 0;
    this.bind();
    return { batch, transfer };
  }

  /** One writer per column, specialised to its kind and bound to the current buffers. */
  private bind(): void {
    this.writers = this.kinds.map((kind, c): CellWriter => {
      if (kind === 'number') {
        const a = this.columns[c] as Float64Array;
        return (v, r) => {
          a[r] = v == null ? Number.NaN : (v as number);
        };
      }
      if (kind === 'enum') {
        const a = this.columns[c] as Int32Array;
        const index = this.index[c] as Map<string, number>;
        return (v, r) => {
          a[r] = v == null ? -1 : (index.get(v as string) ?? this.unknown(c, v));
        };
      }
      return (v, r) => this.addText(c, r, v ?? null);
    });
  }

  private addText(c: number, r: number, v: Cell): void {
    let col = this.columns[c] as TextColumn;
    const start = this.used[c] as number;
    if (typeof v === 'string') {
      // UTF-8 takes at most 3 bytes per UTF-16 unit
      if (start + v.length * 3 > col.bytes.length) col = this.grow(c, start + v.length * 3);
      this.used[c] = start + encoder.encodeInto(v, col.bytes.subarray(start)).written;
      col.tags[r] = 1;
    } else if (v === null) {
      col.tags[r] = 0;
    } else {
      col.tags[r] = 2;
      col.nums[r] = v;
    }
    col.ends[r] = this.used[c] as number;
  }

  private grow(c: number, need: number): TextColumn {
    const old = this.columns[c] as TextColumn;
    const bytes = new Uint8Array(Math.max(need, old.bytes.length * 2));
    bytes.set(old.bytes.subarray(0, this.used[c]));
    const col = { ...old, bytes };
    this.columns[c] = col;
    return col;
  }

  private unknown(c: number, v: Cell): never {
    const index = this.index[c] as Map<string, number>;
    throw new StoreError(
      `writing ${this.spec.name}: \`${String(v)}\` is not a known ${this.spec.columns[c]?.[1]} (${[...index.keys()].join(', ')})`,
    );
  }

  private fresh(recycled?: readonly ColumnData[]): ColumnData[] {
    const n = this.capacity;
    return this.kinds.map((k, c) => {
      const old = recycled?.[c];
      if (k === 'text') {
        if (old !== undefined && 'tags' in old && old.tags.length === n) return old;
        return {
          tags: new Uint8Array(n),
          ends: new Uint32Array(n),
          bytes: new Uint8Array(n * 32),
          nums: new Float64Array(n),
        };
      }
      if (old !== undefined && !('tags' in old) && old.length === n) return old;
      return k === 'number' ? new Float64Array(n) : new Int32Array(n);
    });
  }
}

/** The table an outcome event type is recorded in. */
export const tableOfEvent = (type: keyof typeof TABLE_OF_EVENT): Exclude<TableName, 'runs'> =>
  TABLE_OF_EVENT[type] as Exclude<TableName, 'runs'>;

/**
 * Readers of a batch's columns on the recording thread: row i's cell as the inline recorder
 * would have read it from the event (NaN numbers, index -1 and tag 0 are NULL).
 */
export function columnReaders(
  batch: ColumnBatch,
  values: Partial<Record<string, string[]>>,
): ((i: number) => Cell)[] {
  const spec: TableSpec = TABLES[batch.table];
  const decoder = new TextDecoder();
  return batch.columns.map((col, c) => {
    if ('tags' in col)
      return (i) => {
        const tag = col.tags[i];
        if (tag === 0) return null;
        if (tag === 2) return col.nums[i] as number;
        const start = i === 0 ? 0 : (col.ends[i - 1] as number);
        return decoder.decode(col.bytes.subarray(start, col.ends[i]));
      };
    if (col instanceof Float64Array)
      return (i) => {
        const v = col[i] as number;
        return Number.isNaN(v) ? null : v;
      };
    const dictionary = values[spec.columns[c]?.[1] as string] ?? [];
    return (i) => {
      const k = col[i] as number;
      return k < 0 ? null : (dictionary[k] as string);
    };
  });
}
