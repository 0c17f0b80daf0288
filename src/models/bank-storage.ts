import { assert, type Random } from '../core/index.ts';
import { ADAPTIVE_STATE_SIZE } from './adaptive-lr.ts';
import { type ArrayAllocator, JS_ARRAYS } from './array-allocator.ts';
import type { ParamSpec } from './neural-architecture.ts';
import { StreamCache, type StreamLayout } from './stream-cache.ts';

/** Per-slot counters: [optimiser steps, scaler observations, adaptive-lr state (4)]. */
export const SLOT_STATE_SIZE = 2 + ADAPTIVE_STATE_SIZE;
/** Offset of the adaptive-lr state inside a slot's counters. */
export const ADAPTIVE_OFFSET = 2;

/**
 * The numbers of every model of a bank, slot-major: slot s owns `params[s·P .. (s+1)·P)` and the
 * same ranges of the Adam moments, plus its scaler statistics and counters. Float32 parameters
 * and moments (what the tensors compute in), Float64 statistics and counters. Capacity doubles
 * when full; freed slots are reused lowest first, so slot numbers are deterministic. A bank of
 * stateful (streaming) models also holds each slot's stream ({@link StreamCache}). The arrays
 * come from `arrays` (plain JavaScript, or a fused kernel's memory, which reads them in place);
 * growing replaces them, so read them from the storage at each use.
 */
export class BankStorage {
  readonly specs: readonly ParamSpec[];
  /** Start of each parameter inside a slot's parameter vector. */
  readonly offsets: readonly number[];
  /** P: parameters per model. */
  readonly paramSize: number;
  readonly features: number;
  capacity = 0;
  params: Float32Array = new Float32Array(0);
  m: Float32Array = new Float32Array(0);
  v: Float32Array = new Float32Array(0);
  mean: Float64Array = new Float64Array(0);
  m2: Float64Array = new Float64Array(0);
  state: Float64Array = new Float64Array(0);
  /** Each slot's streaming state (stateful models), else null. */
  readonly stream: StreamCache | null;
  /** Where the arrays live. */
  readonly arrays: ArrayAllocator;
  private readonly freeSlots: number[] = [];
  private used = 0;

  constructor(
    specs: readonly ParamSpec[],
    features: number,
    stream?: StreamLayout,
    arrays: ArrayAllocator = JS_ARRAYS,
  ) {
    this.specs = specs;
    this.arrays = arrays;
    this.stream = stream === undefined ? null : new StreamCache(stream, arrays);
    const offsets: number[] = [];
    let p = 0;
    for (const s of specs) {
      offsets.push(p);
      p += s.rows * s.cols;
    }
    this.offsets = offsets;
    this.paramSize = p;
    this.features = features;
  }

  /** Slots in use. */
  get live(): number {
    return this.used - this.freeSlots.length;
  }

  /** Takes a slot (zeroed). */
  allocate(): number {
    if (this.freeSlots.length > 0) {
      this.freeSlots.sort((a, b) => b - a);
      const slot = this.freeSlots.pop() as number;
      this.zero(slot);
      return slot;
    }
    if (this.used === this.capacity) this.grow(Math.max(4, this.capacity * 2));
    return this.used++;
  }

  release(slot: number): void {
    assert(
      slot >= 0 && slot < this.used && !this.freeSlots.includes(slot),
      () => `bank slot ${slot} is not in use`,
    );
    this.freeSlots.push(slot);
  }

  /** Fills a slot's parameters from `rng` (Glorot-uniform matrices, zero or preset vectors). */
  initialize(slot: number, rng: Random): void {
    this.zero(slot);
    const base = slot * this.paramSize;
    this.specs.forEach((s, k) => {
      const off = base + (this.offsets[k] as number);
      const n = s.rows * s.cols;
      if (s.init === 'glorot') {
        const limit = Math.sqrt(6 / (s.rows + s.cols));
        for (let i = 0; i < n; i++) this.params[off + i] = (2 * rng.next() - 1) * limit;
      } else if (s.init === 'ones') {
        this.params.fill(1, off, off + n);
      }
    });
  }

  /** Copies every number of slot `from` into slot `to`. */
  copy(from: number, to: number): void {
    const p = this.paramSize;
    const f = this.features;
    const k = SLOT_STATE_SIZE;
    this.params.copyWithin(to * p, from * p, (from + 1) * p);
    this.m.copyWithin(to * p, from * p, (from + 1) * p);
    this.v.copyWithin(to * p, from * p, (from + 1) * p);
    this.mean.copyWithin(to * f, from * f, (from + 1) * f);
    this.m2.copyWithin(to * f, from * f, (from + 1) * f);
    this.state.copyWithin(to * k, from * k, (from + 1) * k);
    this.stream?.copy(from, to);
  }

  /** The slot's state as snapshot arrays: [params, m, v, mean, m2, counters(, stream meta, stream data)]. */
  read(slot: number): Float64Array[] {
    return this.views(slot).map((a) => Float64Array.from(a));
  }

  /** Overwrites the slot's state from snapshot arrays (lengths already checked). */
  write(slot: number, arrays: readonly Float64Array[]): void {
    this.views(slot).forEach((view, i) => {
      view.set(arrays[i] as Float64Array);
    });
  }

  /** Lengths of the snapshot arrays of one slot. */
  arrayLengths(): number[] {
    const p = this.paramSize;
    const f = this.features;
    const lengths = [p, p, p, f, f, SLOT_STATE_SIZE];
    if (this.stream !== null) lengths.push(this.stream.metaSize, this.stream.dataSize);
    return lengths;
  }

  private views(slot: number): (Float32Array | Float64Array)[] {
    const p = this.paramSize;
    const f = this.features;
    const k = SLOT_STATE_SIZE;
    const views: (Float32Array | Float64Array)[] = [
      this.params.subarray(slot * p, (slot + 1) * p),
      this.m.subarray(slot * p, (slot + 1) * p),
      this.v.subarray(slot * p, (slot + 1) * p),
      this.mean.subarray(slot * f, (slot + 1) * f),
      this.m2.subarray(slot * f, (slot + 1) * f),
      this.state.subarray(slot * k, (slot + 1) * k),
    ];
    if (this.stream !== null) views.push(...this.stream.views(slot));
    return views;
  }

  private zero(slot: number): void {
    for (const view of this.views(slot)) view.fill(0);
  }

  private grow(capacity: number): void {
    const p = this.paramSize;
    const f = this.features;
    const { arrays } = this;
    const widen32 = (a: Float32Array, n: number) => {
      const b = arrays.f32(capacity * n);
      b.set(a);
      arrays.free(a);
      return b;
    };
    const widen64 = (a: Float64Array, n: number) => {
      const b = arrays.f64(capacity * n);
      b.set(a);
      arrays.free(a);
      return b;
    };
    this.params = widen32(this.params, p);
    this.m = widen32(this.m, p);
    this.v = widen32(this.v, p);
    this.mean = widen64(this.mean, f);
    this.m2 = widen64(this.m2, f);
    this.state = widen64(this.state, SLOT_STATE_SIZE);
    this.stream?.grow(capacity);
    this.capacity = capacity;
  }
}
