/**
 * Where a bank's typed arrays live: plain JavaScript memory ({@link JS_ARRAYS}), or the linear
 * memory of a fused kernel (`WasmArena`), which its WebAssembly code reads in place. Arrays come
 * zero-filled; `free` hands one back (a no-op for JavaScript arrays, which the GC collects). An
 * allocator never moves or invalidates an array it handed out, so views taken before a later
 * allocation stay valid.
 *
 * @example
 * const a = JS_ARRAYS.f32(4); // Float32Array [0, 0, 0, 0]
 * JS_ARRAYS.free(a);
 */
export interface ArrayAllocator {
  f32(length: number): Float32Array;
  f64(length: number): Float64Array;
  free(array: Float32Array | Float64Array): void;
}

/** Plain JavaScript typed arrays. */
export const JS_ARRAYS: ArrayAllocator = {
  f32: (length) => new Float32Array(length),
  f64: (length) => new Float64Array(length),
  free: () => {},
};
