import type { EpochMs } from '../core/index.ts';
import type { OnlineModel } from '../models/index.ts';
import type { CandidateBuilder } from './config.ts';

/** A resolved example: the model input at prediction time and its label. */
export interface Example {
  readonly x: Float64Array;
  readonly y: number;
  readonly ts: EpochMs;
}

/** Fewest examples a candidate is built from; fewer means the build fails. */
export const MIN_BUILD_EXAMPLES = 10;

/**
 * The last `capacity` resolved examples of one symbol (bounded ring), oldest first.
 */
export class ExampleWindow {
  private readonly items: (Example | undefined)[];
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    this.items = new Array<Example | undefined>(capacity);
  }

  push(e: Example): void {
    this.items[this.head] = e;
    this.head = (this.head + 1) % this.items.length;
    if (this.count < this.items.length) this.count++;
  }

  get size(): number {
    return this.count;
  }

  /** Examples oldest first, optionally only those at or after `sinceTs`. */
  toArray(sinceTs = Number.NEGATIVE_INFINITY): Example[] {
    const out: Example[] = [];
    const n = this.items.length;
    for (let i = 0; i < this.count; i++) {
      const e = this.items[(this.head - this.count + i + n) % n] as Example;
      if (e.ts >= sinceTs) out.push(e);
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
export function buildCandidate(builder: CandidateBuilder, champion: OnlineModel, fresh: () => OnlineModel, recent: ExampleWindow, epochs: number, sinceTs?: number): OnlineModel | null {
  const examples = recent.toArray(builder === 'reset' ? sinceTs : undefined);
  if (examples.length < MIN_BUILD_EXAMPLES) return null;
  const model = builder === 'clone_adapt' ? champion.clone() : fresh();
  for (let e = 0; e < epochs; e++) for (const ex of examples) model.learn(ex.x, ex.y);
  return model;
}
