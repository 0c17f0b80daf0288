import { expect } from 'vitest';
import { createRandom } from '../../src/core/index.ts';
import {
  BankRegistry,
  createModel,
  type ModelSpec,
  type OnlineModel,
} from '../../src/models/index.ts';

// The fused WebAssembly kernels against tfjs, the reference, on random weights and inputs.
// Tolerance (one for every comparison): |fused − tfjs| ≤ 1e-5 · (|tfjs| + max |tfjs of the same
// array|) — relative to the number, or for numbers near zero to the largest of its array (a
// saturated gate's derivative 1 − σ(a) is a few float32 ulps in both implementations, so its
// gradient has no relative precision). Scaler statistics and counters are equal exactly.
const REL = 1e-5;
/** Features per bar in the comparisons. */
export const F = 3;

/** Every number of `a` (fused) within the tolerance of `b` (tfjs). */
export function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(a.length, what).toBe(b.length);
  let scale = 0;
  for (let j = 0; j < b.length; j++) scale = Math.max(scale, Math.abs(b[j] as number));
  for (let j = 0; j < b.length; j++) {
    const [x, y] = [a[j] as number, b[j] as number];
    if (Math.abs(x - y) > REL * (Math.abs(y) + scale))
      expect.fail(`${what}[${j}]: fused ${x} vs tfjs ${y} (scale ${scale})`);
  }
}

/** The same models (same seeds, so the same initial weights) under both kernels. */
export function pair(spec: ModelSpec, n: number, seed: number) {
  const make = (kernel: 'fused' | 'tfjs') => {
    const banks = new BankRegistry();
    return Array.from({ length: n }, (_, i) =>
      createModel({ ...spec, kernel } as ModelSpec, F, seed + i, { banks }),
    );
  };
  return { fused: make('fused'), tfjs: make('tfjs') };
}

/**
 * Every snapshot array of every model: weights, Adam moments and the adaptive rate's loss
 * averages close (they follow the outputs); scaler statistics and step counts equal. With
 * `adamStep`, weights are only compared to within that absolute bound: Adam divides by √v, so
 * a gradient that is float32 noise around zero (far below Adam's ε-scale, ~1e-8) takes a
 * normalised step in either implementation, of up to a fraction of the learning rate.
 */
export function expectSameState(
  fused: OnlineModel[],
  tfjs: OnlineModel[],
  what: string,
  adamStep?: number,
): void {
  fused.forEach((m, i) => {
    const a = m.snapshot().arrays;
    const b = (tfjs[i] as OnlineModel).snapshot().arrays;
    if (adamStep === undefined) expectClose(a[0]!, b[0]!, `${what}: model ${i} weights`);
    else
      a[0]!.forEach((x, j) => {
        if (Math.abs(x - b[0]![j]!) > adamStep)
          expect.fail(`${what}: model ${i} weight ${j}: fused ${x} vs tfjs ${b[0]![j]}`);
      });
    for (const k of [1, 2]) expectClose(a[k]!, b[k]!, `${what}: model ${i} array ${k}`);
    expect(a.slice(3, 5), `${what}: scaler`).toEqual(b.slice(3, 5));
    // counters: [steps, scaler n, rate, fast, slow, count]
    const [ca, cb] = [a[5]!, b[5]!];
    expect([ca[0], ca[1], ca[5]], `${what}: counts`).toEqual([cb[0], cb[1], cb[5]]);
    expectClose(ca.subarray(2, 5), cb.subarray(2, 5), `${what}: adaptive rate`);
  });
}

/** The windows of `w` bars over a random series, oldest first. */
export function series(seed: number, bars: number, w: number): Float64Array[] {
  const rng = createRandom(seed);
  const s = Float64Array.from({ length: bars * F }, () => rng.normal());
  return Array.from({ length: bars - w + 1 }, (_, t) => s.slice(t * F, (t + w) * F));
}
