import { type ArrayAllocator, JS_ARRAYS } from './array-allocator.ts';

/** Default `labelLag` of the stateful formulations (LSTM, transformer). */
export const DEFAULT_LABEL_LAG = 8;

/** Shape of the streaming state of one model (see {@link StreamCache}). */
export interface StreamLayout {
  /** Numbers of the input window (W × F): the last input identifies the stream's newest bar. */
  readonly inputSize: number;
  /** Float32 numbers carried from step to step besides the records (the LSTM's h and c). */
  readonly carrySize: number;
  /** Float32 numbers cached per step (activations, keys/values). */
  readonly recordSize: number;
  /** Steps kept (ring capacity). */
  readonly capacity: number;
}

/** Header of a stream: [steps taken, records held, ring index of the newest record]. */
const HEADER = 3;
/** Per record, Float64: [key a, key b, output z, position]. */
export const RECORD_META = 4;

/**
 * The streaming state of many models (one stream per bank slot, or scratch streams): the input
 * window of the newest step, a carried state, and a ring of the last `capacity` steps' cached
 * numbers. A record is found by its key (a 64-bit hash of the input window the step was taken
 * on), so a label is matched to the step that predicted it. Float64 header, inputs, keys and
 * outputs; Float32 carry and records (what the tensors compute in). O(1) per push; lookups scan
 * the ring.
 *
 * Snapshot arrays of one stream: [meta (Float64), data (Float32 widened)].
 *
 * @example
 * const cache = new StreamCache({ inputSize: 6, carrySize: 4, recordSize: 10, capacity: 8 });
 * cache.grow(2);
 * cache.push(0); // record index of the new step
 */
export class StreamCache {
  readonly layout: StreamLayout;
  readonly metaSize: number;
  readonly dataSize: number;
  meta: Float64Array = new Float64Array(0);
  data: Float32Array = new Float32Array(0);
  private readonly arrays: ArrayAllocator;

  /** `arrays`: where meta and data live (plain JavaScript, or a fused kernel's memory). */
  constructor(layout: StreamLayout, arrays: ArrayAllocator = JS_ARRAYS) {
    this.layout = layout;
    this.arrays = arrays;
    this.metaSize = HEADER + layout.inputSize + layout.capacity * RECORD_META;
    this.dataSize = layout.carrySize + layout.capacity * layout.recordSize;
  }

  /** Room for `streams` streams (existing ones kept). */
  grow(streams: number): void {
    const meta = this.arrays.f64(streams * this.metaSize);
    meta.set(this.meta.subarray(0, Math.min(this.meta.length, meta.length)));
    const data = this.arrays.f32(streams * this.dataSize);
    data.set(this.data.subarray(0, Math.min(this.data.length, data.length)));
    this.arrays.free(this.meta);
    this.arrays.free(this.data);
    this.meta = meta;
    this.data = data;
  }

  /** Steps taken since the stream (re)started; the position of the next step. */
  steps(s: number): number {
    return this.meta[s * this.metaSize] as number;
  }

  /** Records held (0: a cold stream). */
  count(s: number): number {
    return this.meta[s * this.metaSize + 1] as number;
  }

  /** Cold start: no steps, zero carry. */
  reset(s: number): void {
    this.meta.fill(0, s * this.metaSize, s * this.metaSize + HEADER);
    const c = s * this.dataSize;
    this.data.fill(0, c, c + this.layout.carrySize);
  }

  /** Zeroes everything of stream `s`. */
  clear(s: number): void {
    this.meta.fill(0, s * this.metaSize, (s + 1) * this.metaSize);
    this.data.fill(0, s * this.dataSize, (s + 1) * this.dataSize);
  }

  copy(from: number, to: number): void {
    this.meta.copyWithin(to * this.metaSize, from * this.metaSize, (from + 1) * this.metaSize);
    this.data.copyWithin(to * this.dataSize, from * this.dataSize, (from + 1) * this.dataSize);
  }

  /** Views of stream `s` for snapshots: [meta, data]. */
  views(s: number): [Float64Array, Float32Array] {
    return [
      this.meta.subarray(s * this.metaSize, (s + 1) * this.metaSize),
      this.data.subarray(s * this.dataSize, (s + 1) * this.dataSize),
    ];
  }

  /** Starts a new step: a record (unkeyed) at the step's position. Returns its ring index. */
  push(s: number): number {
    const m = s * this.metaSize;
    const cap = this.layout.capacity;
    const steps = this.meta[m] as number;
    const count = this.meta[m + 1] as number;
    const head = count === 0 ? 0 : ((this.meta[m + 2] as number) + 1) % cap;
    this.meta[m] = steps + 1;
    this.meta[m + 1] = Math.min(count + 1, cap);
    this.meta[m + 2] = head;
    const r = this.recordMetaAt(s, head);
    this.meta[r] = Number.NaN;
    this.meta[r + 1] = Number.NaN;
    this.meta[r + 2] = Number.NaN;
    this.meta[r + 3] = steps;
    return head;
  }

  /** Ring index of the record `age` steps before the newest (0: newest), or -1 when not held. */
  recordAt(s: number, age: number): number {
    const cap = this.layout.capacity;
    if (age < 0 || age >= this.count(s)) return -1;
    return ((this.meta[s * this.metaSize + 2] as number) - age + cap) % cap;
  }

  /** Age of the newest record with key (a, b), or -1. */
  find(s: number, a: number, b: number): number {
    const n = this.count(s);
    for (let age = 0; age < n; age++) {
      const r = this.recordMetaAt(s, this.recordAt(s, age));
      if (this.meta[r] === a && this.meta[r + 1] === b) return age;
    }
    return -1;
  }

  /** Keys a record with its input's hash and stores the output it gave. */
  setOutput(s: number, record: number, a: number, b: number, z: number): void {
    const r = this.recordMetaAt(s, record);
    this.meta[r] = a;
    this.meta[r + 1] = b;
    this.meta[r + 2] = z;
  }

  /** Output z of a record. */
  output(s: number, record: number): number {
    return this.meta[this.recordMetaAt(s, record) + 2] as number;
  }

  /** Stream position of a record (0 for the first step after a cold start). */
  position(s: number, record: number): number {
    return this.meta[this.recordMetaAt(s, record) + 3] as number;
  }

  /** Offset in `data` of a record's numbers. */
  recordOffset(s: number, record: number): number {
    return s * this.dataSize + this.layout.carrySize + record * this.layout.recordSize;
  }

  /** Offset in `data` of the carried state. */
  carryOffset(s: number): number {
    return s * this.dataSize;
  }

  /** The input of the newest step (a view). */
  lastInput(s: number): Float64Array {
    const at = s * this.metaSize + HEADER;
    return this.meta.subarray(at, at + this.layout.inputSize);
  }

  /** Whether `x` is the input of the newest step. */
  isLast(s: number, x: Float64Array): boolean {
    if (this.count(s) === 0) return false;
    const last = this.lastInput(s);
    for (let i = 0; i < x.length; i++) if (!Object.is(last[i], x[i])) return false;
    return true;
  }

  /** Whether `x` is the newest input moved on by one bar of `f` numbers (the next bar). */
  continues(s: number, x: Float64Array, f: number): boolean {
    if (this.count(s) === 0) return false;
    const last = this.lastInput(s);
    for (let i = 0; i + f < x.length; i++) if (!Object.is(last[i + f], x[i])) return false;
    return true;
  }

  private recordMetaAt(s: number, record: number): number {
    return s * this.metaSize + HEADER + this.layout.inputSize + record * RECORD_META;
  }
}

/**
 * A 64-bit hash of a window's exact bits (two 32-bit FNV-1a variants over its IEEE-754 words),
 * as two non-negative integers. Equal windows give equal keys; distinct windows collide with
 * probability ≈ 2⁻⁶⁴.
 *
 * @example
 * inputKey(new Float64Array([1, 2])); // [a, b], integers in [0, 2³²)
 */
export function inputKey(x: Float64Array): [number, number] {
  const words = new Uint32Array(x.buffer, x.byteOffset, x.length * 2);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ x.length;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as number;
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ (w >>> 16) ^ (w << 16), 0x5bd1e995) ^ (b >>> 13);
  }
  return [a >>> 0, b >>> 0];
}
