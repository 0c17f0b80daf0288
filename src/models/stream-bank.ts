import * as tf from '@tensorflow/tfjs';
import type { ArrayAllocator } from './array-allocator.ts';
import { buildInput, gatherParams, observeNewest } from './bank-batch.ts';
import type { OnlineModel } from './model.ts';
import type { NeuralArchitecture, StreamArchitecture } from './neural-architecture.ts';
import { type BankHandle, NeuralBank } from './neural-bank.ts';
import { inputKey, StreamCache } from './stream-cache.ts';

/** Cached steps of some models of a call: their index in the call, stream and age in `cache`. */
interface Located {
  readonly cache: StreamCache;
  readonly index: number[];
  readonly streams: number[];
  readonly ages: number[];
}

const NO_INPUT = new Float32Array(0);
const NO_WEIGHTS: Float32Array[] = [];

/**
 * The bank of a stateful (streaming) family: each slot also holds its stream — the input window
 * of its newest step, a carried state and a ring of cached steps ({@link StreamCache}).
 *
 * `predictMany`, for each model, by its input window x:
 * - x is the newest step's input: the same bar again, the cached output (no side effect);
 * - x is that input moved on by one bar: ONE step of the stream (batched over the models);
 * - otherwise (a cold stream, a gap, a restored or newly built model): the stream restarts from
 *   the zero state and runs over the W bars of x, the window formulation from a cold start.
 *
 * `learnMany` finds the step that predicted on x by x's key (a hash of the window) and learns
 * from its cached records (`StreamArchitecture.gradients`); a label whose step is not cached
 * (learned before the model predicted on it: warmup, candidate fits, another model's
 * prediction, a delay beyond `labelLag`) is learned from a scratch stream run over the W bars of
 * x. `predOut` receives the output the located step gave. Repeated models go to later rounds,
 * as in {@link NeuralBank}, so batched calls equal sequential ones.
 *
 * @example
 * const m = createModel({ kind: 'lstm', window: 4, stateful: true }, 2, 1);
 * m.kernel instanceof StreamBank; // true
 * m.predict(x0); // cold: 4 steps over x0's bars; m.predict(x1) with x1 = x0 moved on a bar: 1 step
 */
export class StreamBank extends NeuralBank {
  private readonly stream: StreamArchitecture;
  protected readonly cache: StreamCache;

  constructor(
    arch: NeuralArchitecture & { readonly stream: StreamArchitecture },
    arrays?: ArrayAllocator,
  ) {
    super(arch, arrays);
    this.stream = arch.stream;
    this.cache = this.storage.stream as StreamCache;
  }

  override predictMany(
    models: readonly OnlineModel[],
    xs: readonly Float64Array[],
    out: Float64Array,
  ): void {
    if (models.length === 0) return;
    this.checkInputs(xs);
    const slots = this.slotsOf(models);
    for (const round of roundsOf(slots)) this.predictRound(slots, xs, round, out);
  }

  override learnMany(
    models: readonly OnlineModel[],
    xs: readonly Float64Array[],
    ys: ArrayLike<number>,
    predOut?: Float64Array,
  ): void {
    if (models.length === 0) return;
    this.checkInputs(xs);
    const slots = this.slotsOf(models);
    const live: number[] = [];
    const frozen: number[] = [];
    models.forEach((m, i) => {
      ((m as unknown as BankHandle).frozen ? frozen : live).push(i);
    });
    if (predOut !== undefined && frozen.length > 0) {
      const z = this.locate(slots, xs, frozen).z;
      for (const i of frozen) predOut[i] = this.head(z.get(i) as number);
    }
    for (const round of roundsOf(live.map((i) => slots[i] as number))) {
      const index = round.map((r) => live[r] as number);
      const z = this.learnRound(slots, xs, ys, index);
      if (predOut !== undefined) for (const i of index) predOut[i] = this.head(z.get(i) as number);
    }
  }

  /** Predictions of the models at `index` (distinct slots). */
  private predictRound(
    slots: readonly number[],
    xs: readonly Float64Array[],
    index: readonly number[],
    out: Float64Array,
  ): void {
    const { cache } = this;
    const { features, window } = this.arch.training;
    const cold: number[] = [];
    const next: number[] = [];
    for (const i of index) {
      const s = slots[i] as number;
      const x = xs[i] as Float64Array;
      if (cache.isLast(s, x)) out[i] = this.head(cache.output(s, cache.recordAt(s, 0)));
      else (cache.continues(s, x, features) ? next : cold).push(i);
    }
    for (const group of [cold, next]) {
      if (group.length === 0) continue;
      const gs = group.map((i) => slots[i] as number);
      if (group === cold) for (const s of gs) cache.reset(s);
      const gx = group.map((i) => xs[i] as Float64Array);
      const z = this.run(cache, gs, gs, gx, group === cold ? 0 : window - 1);
      group.forEach((i, k) => {
        const s = gs[k] as number;
        const [a, b] = inputKey(gx[k] as Float64Array);
        cache.setOutput(s, cache.recordAt(s, 0), a, b, z[k] as number);
        cache.lastInput(s).set(gx[k] as Float64Array);
        out[i] = this.head(z[k] as number);
      });
    }
  }

  /**
   * Runs `streams` of `cache` over bars from..W-1 of `xs`, one batched step per bar, with the
   * weights and scaler statistics of `slots`. Returns the outputs of the last step.
   */
  protected run(
    cache: StreamCache,
    streams: readonly number[],
    slots: readonly number[],
    xs: readonly Float64Array[],
    from: number,
  ): Float32Array {
    const { window, standardize } = this.arch.training;
    const n = slots.length;
    const input = buildInput(this.storage, slots, xs, window, standardize, from);
    const params = gatherParams(this.storage, slots);
    const size = this.storage.features * n;
    let z: Float32Array = new Float32Array(n);
    tf.tidy(() => {
      const p = this.tensors(params, n);
      for (let t = 0; t < window - from; t++) {
        for (const s of streams) cache.push(s);
        const bar = input.subarray(t * size, (t + 1) * size);
        const batch = { n, cache, streams, input: bar, params, weights: NO_WEIGHTS };
        z = tf.tidy(() => this.stream.step(p, batch));
      }
    });
    return z;
  }

  /**
   * Where the steps that predicted on the inputs at `index` are: the slots' own streams when
   * cached, else scratch streams run over the inputs (keyed like a prediction). Returns both
   * groups and each model's output at its step.
   */
  private locate(
    slots: readonly number[],
    xs: readonly Float64Array[],
    index: readonly number[],
  ): { groups: Located[]; z: Map<number, number> } {
    const { cache } = this;
    const z = new Map<number, number>();
    const hits: Located = { cache, index: [], streams: [], ages: [] };
    const misses: number[] = [];
    for (const i of index) {
      const s = slots[i] as number;
      const [a, b] = inputKey(xs[i] as Float64Array);
      const age = cache.find(s, a, b);
      if (age < 0) {
        misses.push(i);
        continue;
      }
      hits.index.push(i);
      hits.streams.push(s);
      hits.ages.push(age);
      z.set(i, cache.output(s, cache.recordAt(s, age)));
    }
    const groups = hits.index.length > 0 ? [hits] : [];
    if (misses.length > 0) {
      const scratch = this.scratchCache(misses.length);
      const streams = misses.map((_, k) => k);
      const mz = this.run(
        scratch,
        streams,
        misses.map((i) => slots[i] as number),
        misses.map((i) => xs[i] as Float64Array),
        0,
      );
      misses.forEach((i, k) => {
        const [a, b] = inputKey(xs[i] as Float64Array);
        scratch.setOutput(k, scratch.recordAt(k, 0), a, b, mz[k] as number);
        z.set(i, mz[k] as number);
      });
      groups.push({ cache: scratch, index: misses, streams, ages: misses.map(() => 0) });
    }
    return { groups, z };
  }

  /** One optimiser step for each model at `index` (distinct slots) on its label. */
  private learnRound(
    slots: readonly number[],
    xs: readonly Float64Array[],
    ys: ArrayLike<number>,
    index: readonly number[],
  ): Map<number, number> {
    const { groups, z } = this.locate(slots, xs, index);
    // the scratch streams used the statistics the prediction used; the newest bar is observed after
    if (this.arch.training.standardize)
      for (const i of index) observeNewest(this.storage, slots[i] as number, xs[i] as Float64Array);
    for (const g of groups) {
      this.learnCached(
        g.cache,
        g.streams,
        g.ages,
        g.index.map((i) => slots[i] as number),
        g.index.map((i) => ys[i] as number),
        g.index.map((i) => z.get(i) as number),
      );
    }
    return z;
  }

  /** Cold streams for `count` models whose labelled step is not cached, numbered 0..count-1. */
  protected scratchCache(count: number): StreamCache {
    const scratch = new StreamCache(this.cache.layout);
    scratch.grow(count);
    return scratch;
  }

  /**
   * One optimiser step of distinct `slots` on labels `ys` of their cached steps (`streams` of
   * `cache`, `ages` steps back), which output `zs`.
   */
  protected learnCached(
    cache: StreamCache,
    streams: readonly number[],
    ages: readonly number[],
    slots: readonly number[],
    ys: readonly number[],
    zs: readonly number[],
  ): void {
    const n = slots.length;
    const { params: all, paramSize } = this.storage;
    const weights = slots.map((s) => all.subarray(s * paramSize, (s + 1) * paramSize));
    let grads: Float32Array[] = [];
    tf.tidy(() => {
      const batch = { n, cache, streams, input: NO_INPUT, params: [], weights };
      const t = this.stream.gradients(batch, ages, Float32Array.from(ys), () =>
        this.tensors(gatherParams(this.storage, slots), n),
      );
      grads = t.map((x) => x.dataSync() as Float32Array);
    });
    this.update(slots, grads, zs, ys);
  }
}

/** Indices of `slots` in rounds that hold each slot at most once, in call order. */
function roundsOf(slots: readonly number[]): number[][] {
  const rounds: number[][] = [];
  const seen = new Map<number, number>();
  slots.forEach((slot, i) => {
    const r = seen.get(slot) ?? 0;
    seen.set(slot, r + 1);
    const round = rounds[r] ?? [];
    round.push(i);
    rounds[r] = round;
  });
  return rounds;
}
