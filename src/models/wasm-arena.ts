import { assert } from '../core/index.ts';
import type { ArrayAllocator } from './array-allocator.ts';

/** The part of a WebAssembly.Memory the arena uses (es2023 typings carry no WebAssembly). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

const PAGE = 65536;
/** Bytes below this address are left to the module (it declares no static data today). */
const BASE = PAGE;
const ALIGN = 16;

/**
 * The linear memory of one fused-kernel instance, handed out as typed arrays: a first-fit
 * allocator over a shared WebAssembly.Memory (free blocks are merged with their neighbours; the
 * memory grows by whole pages). The memory is shared (a SharedArrayBuffer) so that growing it
 * never detaches the views already handed out: every array stays valid until freed, whatever is
 * allocated after it. Arrays are zero-filled, 16-byte aligned, and their `byteOffset` is the
 * address the kernels take.
 *
 * @example
 * const { arena } = createFusedKernels();
 * const w = arena.f32(8); // w.byteOffset is its address in the kernel's memory
 * arena.free(w);
 */
export class WasmArena implements ArrayAllocator {
  readonly memory: WasmMemory;
  /** Free blocks [address, bytes], by address, never adjacent. */
  private readonly holes: [number, number][] = [];
  private top = BASE;
  /** Memory above this address has never been handed out: still zero. */
  private untouched = BASE;
  private readonly zero: (at: number, bytes: number) => void;

  /** `zero(at, bytes)` zero-fills memory (the kernels' bulk-memory fill). */
  constructor(memory: WasmMemory, zero: (at: number, bytes: number) => void) {
    this.memory = memory;
    this.zero = zero;
  }

  f32(length: number): Float32Array {
    if (length === 0) return new Float32Array(0);
    const at = this.alloc(length * 4); // may grow the memory: read its buffer after
    return new Float32Array(this.memory.buffer, at, length);
  }

  f64(length: number): Float64Array {
    if (length === 0) return new Float64Array(0);
    const at = this.alloc(length * 8); // may grow the memory: read its buffer after
    return new Float64Array(this.memory.buffer, at, length);
  }

  /** A Uint32Array (addresses and indices the kernels read). */
  u32(length: number): Uint32Array {
    if (length === 0) return new Uint32Array(0);
    const at = this.alloc(length * 4); // may grow the memory: read its buffer after
    return new Uint32Array(this.memory.buffer, at, length);
  }

  free(array: Float32Array | Float64Array | Uint32Array): void {
    if (array.byteLength === 0) return;
    assert(
      array.byteOffset >= BASE && array.byteOffset + array.byteLength <= this.top,
      () => `freed an array at ${array.byteOffset} that this arena did not hand out`,
    );
    this.release(array.byteOffset, roundUp(array.byteLength));
  }

  /** Bytes of the memory in use or free inside it (its high-water mark). */
  get size(): number {
    return this.top;
  }

  private alloc(bytes: number): number {
    const size = roundUp(bytes);
    const i = this.holes.findIndex(([, n]) => n >= size);
    let at: number;
    if (i >= 0) {
      const hole = this.holes[i] as [number, number];
      at = hole[0];
      if (hole[1] === size) this.holes.splice(i, 1);
      else this.holes[i] = [at + size, hole[1] - size];
    } else {
      at = this.top;
      const end = at + size;
      const have = this.memory.buffer.byteLength;
      if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
      this.top = end;
    }
    // freed blocks, and memory below a lowered top, hold old numbers
    if (at < this.untouched) this.zero(at, Math.min(size, this.untouched - at));
    this.untouched = Math.max(this.untouched, at + size);
    return at;
  }

  private release(at: number, size: number): void {
    let i = 0;
    while (i < this.holes.length && (this.holes[i] as [number, number])[0] < at) i++;
    this.holes.splice(i, 0, [at, size]);
    // merge with the next block, then with the previous one
    const merge = (k: number) => {
      const a = this.holes[k];
      const b = this.holes[k + 1];
      if (a === undefined || b === undefined || a[0] + a[1] !== b[0]) return;
      a[1] += b[1];
      this.holes.splice(k + 1, 1);
    };
    merge(i);
    if (i > 0) merge(i - 1);
    const last = this.holes[this.holes.length - 1];
    if (last !== undefined && last[0] + last[1] === this.top) {
      this.top = last[0];
      this.holes.pop();
    }
  }
}

function roundUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

/**
 * Named working arrays of a fused bank in an arena, reused from call to call: `f32(name, n)` is
 * the first n numbers of the named array, which grows (doubling) when a call needs more. Contents
 * are not kept across calls that grow it.
 *
 * @example
 * const z = new ScratchBuffers(arena).f32('z', 100); // 100 floats, zeroed the first time
 */
export class ScratchBuffers {
  private readonly arena: WasmArena;
  private readonly arrays = new Map<string, Float32Array | Float64Array | Uint32Array>();

  constructor(arena: WasmArena) {
    this.arena = arena;
  }

  f32(name: string, length: number): Float32Array {
    return this.get(name, length, (n) => this.arena.f32(n)) as Float32Array;
  }

  f64(name: string, length: number): Float64Array {
    return this.get(name, length, (n) => this.arena.f64(n)) as Float64Array;
  }

  u32(name: string, length: number): Uint32Array {
    return this.get(name, length, (n) => this.arena.u32(n)) as Uint32Array;
  }

  private get<T extends Float32Array | Float64Array | Uint32Array>(
    name: string,
    length: number,
    make: (n: number) => T,
  ): T {
    let a = this.arrays.get(name) as T | undefined;
    if (a === undefined || a.length < length) {
      if (a !== undefined) this.arena.free(a);
      a = make(Math.max(length, 2 * (a?.length ?? 0), 4));
      this.arrays.set(name, a);
    }
    return (a.length === length ? a : a.subarray(0, length)) as T;
  }
}
