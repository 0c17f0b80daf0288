import { assert } from '../core/index.ts';

/**
 * Fixed-capacity ring buffer of numbers (Float64Array storage). O(1) push and indexed read;
 * memory never grows past `capacity`.
 *
 * @example
 * const rb = new RingBuffer(3);
 * rb.push(1); rb.push(2); rb.push(3); rb.push(4);
 * rb.get(0); // 4 (newest)
 * rb.get(2); // 2 (oldest kept)
 */
export class RingBuffer {
  readonly capacity: number;
  private readonly data: Float64Array;
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    assert(
      Number.isInteger(capacity) && capacity > 0,
      `ring capacity must be a positive integer, got ${capacity}`,
    );
    this.capacity = capacity;
    this.data = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Appends a value; returns the value it evicted, or NaN if none was evicted. */
  push(value: number): number {
    const evicted = this.count === this.capacity ? (this.data[this.head] as number) : Number.NaN;
    this.data[this.head] = value;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    return evicted;
  }

  /** The value `age` pushes ago: 0 is the newest. Requires `age < length`. */
  get(age: number): number {
    assert(age >= 0 && age < this.count, () => `ring age ${age} out of range [0, ${this.count})`);
    return this.data[(this.head - 1 - age + this.capacity * 2) % this.capacity] as number;
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

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
