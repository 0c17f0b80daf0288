import { assert, InvariantError } from './errors.ts';

/** Rows up to this many numbers are copied by a loop rather than TypedArray.set (faster for few). */
const SMALL_ROW = 16;

/**
 * Fixed-capacity ring of numbers in one Float64Array: the last `capacity` values pushed (or, with
 * `width` > 1, the last `capacity` rows of `width` numbers each). O(1) push and indexed read;
 * memory never grows past `capacity × width`. The one ring of the code base: features, drift
 * windows, regime sums, windowed metrics, the engine's histories and the synthetic market's
 * shocks all keep their recent values here.
 *
 * @example
 * const rb = new RingBuffer(3);
 * rb.push(1); rb.push(2); rb.push(3); rb.push(4); // 4 evicts 1 (push returns 1)
 * rb.get(0); // 4 (newest)
 * rb.get(2); // 2 (oldest kept)
 */
export class RingBuffer {
  readonly capacity: number;
  /** Numbers per entry (1: a ring of scalars). */
  readonly width: number;
  private readonly data: Float64Array;
  /** Slot the next push writes. */
  private head = 0;
  private count = 0;

  constructor(capacity: number, width = 1) {
    assert(
      Number.isInteger(capacity) && capacity > 0,
      `ring capacity must be a positive integer, got ${capacity}`,
    );
    assert(
      Number.isInteger(width) && width > 0,
      `ring width must be a positive integer, got ${width}`,
    );
    this.capacity = capacity;
    this.width = width;
    this.data = new Float64Array(capacity * width);
  }

  /** Entries held (≤ capacity). */
  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Appends a value (width 1); returns the value it evicted, or NaN if none was evicted. */
  push(value: number): number {
    const evicted = this.count === this.capacity ? (this.data[this.head] as number) : Number.NaN;
    this.data[this.head] = value;
    this.advance();
    return evicted;
  }

  /** Appends a row: copies `values` (`width` numbers) into the oldest slot. */
  pushRow(values: ArrayLike<number>): void {
    const w = this.width;
    if (w <= SMALL_ROW && values.length === w) {
      // a loop beats the TypedArray.set builtin for a few numbers (every symbol, every bar)
      const data = this.data;
      const at = this.head * w;
      for (let i = 0; i < w; i++) data[at + i] = values[i] as number;
    } else this.data.set(values, this.head * w);
    this.advance();
  }

  /** The value (width 1) `age` pushes ago: 0 is the newest. Requires `age < length`. */
  get(age: number): number {
    if (!(age >= 0 && age < this.count)) this.outOfRange(age);
    return this.data[(this.head - 1 - age + this.capacity * 2) % this.capacity] as number;
  }

  /** A view of the row `age` pushes ago (0: newest), valid until that slot is overwritten. */
  row(age: number): Float64Array {
    if (!(age >= 0 && age < this.count)) this.outOfRange(age);
    const slot = (this.head - 1 - age + this.capacity * 2) % this.capacity;
    return this.data.subarray(slot * this.width, (slot + 1) * this.width);
  }

  /**
   * Copies all `capacity` rows into `out` (length capacity × width), oldest first; slots not
   * written yet (fewer than `capacity` pushes) come first as zeros. One or two block copies.
   */
  copyInto(out: Float64Array): Float64Array {
    if (this.head === 0) {
      // always so for capacity 1 (a window of one vector)
      const data = this.data;
      if (data.length <= SMALL_ROW && out.length >= data.length)
        for (let i = 0; i < data.length; i++) out[i] = data[i] as number;
      else out.set(data);
      return out;
    }
    const split = this.head * this.width;
    out.set(this.data.subarray(split));
    out.set(this.data.subarray(0, split), this.data.length - split);
    return out;
  }

  /**
   * The values held, in storage order rather than age order (they coincide while the ring has not
   * wrapped, and again after every multiple of `capacity` pushes): a view for periodic exact
   * re-sums, which need a fixed order but not a particular one.
   */
  stored(): Float64Array {
    return this.data.subarray(0, this.count * this.width);
  }

  /** Copies the state, for exact snapshots. */
  toJSON(): { capacity: number; head: number; count: number; data: number[] } {
    return {
      capacity: this.capacity,
      head: this.head,
      count: this.count,
      data: Array.from(this.data),
    };
  }

  /** Empties the ring (and zeroes its storage, so {@link copyInto} pads with zeros again). */
  clear(): void {
    this.head = 0;
    this.count = 0;
    this.data.fill(0);
  }

  private advance(): void {
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.count < this.capacity) this.count++;
  }

  private outOfRange(age: number): never {
    throw new InvariantError(`ring age ${age} out of range [0, ${this.count})`);
  }
}
