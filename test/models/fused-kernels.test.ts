import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/index.ts';
import { applyUpdate } from '../../src/models/bank-batch.ts';
import { BankStorage } from '../../src/models/bank-storage.ts';
import {
  createFusedKernels,
  createLstmArchitecture,
  DEFAULT_LSTM,
  FusedUpdate,
  fusedKernelsAvailable,
  JS_ARRAYS,
  type NeuralTraining,
  ScratchBuffers,
} from '../../src/models/index.ts';

describe('ArrayAllocator', () => {
  it('doc example: plain JavaScript arrays, zero-filled', () => {
    const a = JS_ARRAYS.f32(4);
    expect(Array.from(a)).toEqual([0, 0, 0, 0]);
    JS_ARRAYS.free(a);
    expect(JS_ARRAYS.f64(2)).toBeInstanceOf(Float64Array);
  });
});

describe('WasmArena', () => {
  it('doc example: arrays are views of the kernels memory, at their address', () => {
    const { arena } = createFusedKernels();
    const w = arena.f32(8);
    expect(w.byteOffset % 16).toBe(0);
    expect(w.buffer.byteLength).toBeGreaterThanOrEqual(w.byteOffset + 32);
    arena.free(w);
  });

  it('growing the memory leaves earlier arrays valid; freed blocks are reused zeroed and merged', () => {
    const { arena } = createFusedKernels();
    const a = arena.f32(100);
    const b = arena.f32(100);
    a.fill(7);
    b.fill(3);
    const big = arena.f64(3_000_000); // grows the memory by many pages
    expect(a[99]).toBe(7);
    a[0] = 8; // still the same memory, seen through a view taken before the growth
    expect(new Float32Array(arena.memory.buffer, a.byteOffset, 1)[0]).toBe(8);
    arena.free(a);
    arena.free(b);
    const c = arena.f32(200); // the two freed neighbours, merged
    expect(c.byteOffset).toBe(a.byteOffset);
    expect(Array.from(c).every((v) => v === 0)).toBe(true);
    arena.free(big);
    arena.free(c);
    expect(arena.size).toBe(65536); // all free: the high-water mark is back at the start
    expect(() => arena.free(new Float32Array(4))).toThrow(/did not hand out/);
  });

  it('scratch buffers are reused while large enough and grow by doubling', () => {
    const { arena } = createFusedKernels();
    const buffers = new ScratchBuffers(arena);
    const a = buffers.f32('z', 10);
    expect(buffers.f32('z', 8).byteOffset).toBe(a.byteOffset);
    expect(buffers.f32('z', 40)).toHaveLength(40);
    expect(buffers.u32('t', 3)).toBeInstanceOf(Uint32Array);
    expect(buffers.f64('h', 3)).toBeInstanceOf(Float64Array);
  });
});

describe('FusedUpdate (the optimiser step in the kernels)', () => {
  const F = 2;
  const H = 5;
  const N = 3;
  const arch = createLstmArchitecture({ ...DEFAULT_LSTM, features: F, hidden: H, window: 2 });

  /** A bank storage in `arrays` with N seeded slots and nonzero Adam moments. */
  function storageIn(arrays?: ConstructorParameters<typeof BankStorage>[3]): BankStorage {
    const s = new BankStorage(arch.params, F, undefined, arrays);
    const rng = createRandom(5);
    for (let i = 0; i < N; i++) s.initialize(s.allocate(), rng);
    for (let j = 0; j < N * s.paramSize; j++) {
      s.m[j] = 1e-3 * Math.sin(j);
      s.v[j] = 1e-6 * (1 + Math.cos(j));
    }
    return s;
  }

  function run(training: NeuralTraining, scale: number): [BankStorage, BankStorage] {
    const kernels = createFusedKernels();
    const js = storageIn();
    const fused = storageIn(kernels.arena);
    const slots = [2, 0, 1];
    const grads = kernels.arena.f32(N * js.paramSize); // parameter layout, slot by slot
    const rng = createRandom(9);
    for (let j = 0; j < grads.length; j++) grads[j] = scale * rng.normal();
    // the same numbers as [rows, N, cols] per parameter, for applyUpdate
    const batched = arch.params.map((spec, k) => {
      const out = new Float32Array(spec.rows * N * spec.cols);
      for (let r = 0; r < spec.rows; r++)
        for (let i = 0; i < N; i++)
          for (let c = 0; c < spec.cols; c++)
            out[(r * N + i) * spec.cols + c] = grads[
              i * js.paramSize + (js.offsets[k] as number) + r * spec.cols + c
            ] as number;
      return out;
    });
    applyUpdate(
      js,
      slots,
      batched,
      Float64Array.from(slots, () => training.learningRate),
      training,
    );
    const update = new FusedUpdate(fused, training, kernels, new ScratchBuffers(kernels.arena));
    update.step(slots, [0.1, 0.2, 0.3], [1, 0, 1], grads.byteOffset);
    return [js, fused];
  }

  const training = {
    ...DEFAULT_LSTM,
    features: F,
    adaptiveLr: { ...DEFAULT_LSTM.adaptiveLr, enabled: false },
  };

  it('SGD equals applyUpdate bit for bit (global-norm clip engaged, L2 on matrices only)', () => {
    for (const scale of [0.01, 10]) {
      const [js, fused] = run(
        { ...training, optimizer: 'sgd', learningRate: 0.1, l2: 0.01 },
        scale,
      );
      expect(Array.from(fused.params)).toEqual(Array.from(js.params));
      expect(Array.from(fused.state)).toEqual(Array.from(js.state));
    }
  });

  it('Adam equals applyUpdate up to float32 rounding of the update', () => {
    for (const scale of [0.01, 10]) {
      const [js, fused] = run({ ...training, learningRate: 0.01, l2: 0.01 }, scale);
      for (const [a, b] of [
        [fused.params, js.params],
        [fused.m, js.m],
        [fused.v, js.v],
      ] as const) {
        const top = Math.max(...Array.from(b, Math.abs));
        b.forEach((y: number, j: number) => {
          expect(Math.abs((a[j] as number) - y)).toBeLessThanOrEqual(1e-6 * (Math.abs(y) + top));
        });
      }
      expect(Array.from(fused.state)).toEqual(Array.from(js.state));
    }
  });

  it('the kernels load here', () => {
    expect(fusedKernelsAvailable()).toBe(true);
  });
});
