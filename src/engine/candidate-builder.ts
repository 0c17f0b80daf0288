import { type EpochMs, RingBuffer } from '../core/index.ts';
import type { OnlineModel } from '../models/index.ts';
import type { CandidateBuilder, LifecycleConfig } from './config.ts';

/** A resolved example: the model input at prediction time and its label. */
export interface Example {
  readonly x: Float64Array;
  readonly y: number;
  readonly ts: EpochMs;
}

/** Fewest examples a candidate is built from; fewer means the build fails. */
export const MIN_BUILD_EXAMPLES = 10;

/**
 * The last `capacity` resolved examples of one symbol (bounded ring), oldest first. Inputs are
 * copied into one flat buffer, so the window holds no per-example objects.
 */
export class ExampleWindow {
  /** Three rings pushed together: inputs (rows of `width`), labels and times. */
  private readonly xs: RingBuffer;
  private readonly ys: RingBuffer;
  private readonly tss: RingBuffer;

  constructor(capacity: number, width: number) {
    this.xs = new RingBuffer(capacity, width);
    this.ys = new RingBuffer(capacity);
    this.tss = new RingBuffer(capacity);
  }

  push(x: Float64Array, y: number, ts: EpochMs): void {
    this.xs.pushRow(x);
    this.ys.push(y);
    this.tss.push(ts);
  }

  get size(): number {
    return this.ys.length;
  }

  /** A window of another capacity holding this one's newest examples (oldest dropped first). */
  resized(capacity: number): ExampleWindow {
    const next = new ExampleWindow(capacity, this.xs.width);
    const all = this.toArray();
    for (const e of all.slice(Math.max(0, all.length - capacity))) next.push(e.x, e.y, e.ts);
    return next;
  }

  /** Examples oldest first (inputs are views valid until the next push), optionally only those at or after `sinceTs`. */
  toArray(sinceTs = Number.NEGATIVE_INFINITY): Example[] {
    const out: Example[] = [];
    for (let age = this.ys.length - 1; age >= 0; age--) {
      const ts = this.tss.get(age);
      if (ts < sinceTs) continue;
      out.push({ x: this.xs.row(age), y: this.ys.get(age), ts: ts as EpochMs });
    }
    return out;
  }
}

/**
 * Builds a challenger:
 * - `refit`: a fresh model trained on the recent window (`epochs` passes, oldest first);
 * - `reset`: a fresh model trained only on examples since `sinceTs` (the detected change);
 * - `clone_adapt`: a copy of the champion given extra passes over the recent window.
 * Returns null when fewer than {@link MIN_BUILD_EXAMPLES} examples are available.
 */
export function buildCandidate(
  builder: CandidateBuilder,
  champion: OnlineModel,
  fresh: () => OnlineModel,
  recent: ExampleWindow,
  epochs: number,
  sinceTs?: number,
): OnlineModel | null {
  const examples = recent.toArray(builder === 'reset' ? sinceTs : undefined);
  if (examples.length < MIN_BUILD_EXAMPLES) return null;
  const model = builder === 'clone_adapt' ? champion.clone() : fresh();
  for (let e = 0; e < epochs; e++) for (const ex of examples) model.learn(ex.x, ex.y);
  return model;
}

/**
 * What one symbol's challengers are built from: its recent resolved examples (bounded), and
 * where the change behind an update began (a `reset` build learns only from the examples since).
 */
export class CandidateSource {
  private recent: ExampleWindow;
  private readonly builder: CandidateBuilder;
  private readonly epochs: number;
  private sinceTs: number | undefined;
  /** Where the current change began (set by the monitors before a drift signal). */
  changePoint: EpochMs | null = null;

  /** @param width the model input's length (input window × features) */
  constructor(config: Pick<LifecycleConfig, 'recentWindow' | 'builder' | 'epochs'>, width: number) {
    this.recent = new ExampleWindow(config.recentWindow, width);
    this.builder = config.builder;
    this.epochs = config.epochs;
  }

  push(x: Float64Array, y: number, ts: EpochMs): void {
    this.recent.push(x, y, ts);
  }

  /** Changes how many resolved examples are kept (newest kept). */
  resize(capacity: number): void {
    this.recent = this.recent.resized(capacity);
  }

  get size(): number {
    return this.recent.size;
  }

  /** An update starts at `now`: after a drift its change began at the change point. */
  start(reason: string, now: EpochMs): void {
    this.sinceTs = reason === 'drift' ? (this.changePoint ?? now) : now;
  }

  /** The challenger of the update started last (see {@link buildCandidate}). */
  build(champion: OnlineModel, fresh: () => OnlineModel): OnlineModel | null {
    return buildCandidate(this.builder, champion, fresh, this.recent, this.epochs, this.sinceTs);
  }
}
