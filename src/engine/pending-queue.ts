import type { EpochMs } from '../core/index.ts';
import { MAX_ROLES, NO_ROLES } from './model-roles.ts';

/**
 * A prediction waiting for its label: made at bar `barIndex`, resolved h bars later. Entries are
 * recycled (their arrays and input buffer reused), so a long run allocates nothing per tick here.
 */
export interface PendingPrediction {
  barIndex: number;
  ts: EpochMs;
  close: number;
  /**
   * Price the label's move starts from: the fill price of the bar after the prediction
   * (`label: traded`, set when that bar arrives) or the prediction bar's close (`forecast`).
   */
  entry: number;
  /** Model input at prediction time (owned by this entry until it is released). */
  readonly x: Float64Array;
  /** Who predicted, in slot order (a shared `RoleLayout`'s arrays, never mutated). */
  roles: readonly string[];
  /** The version of each role's model (same layout). */
  versions: readonly (number | null)[];
  /** Each role's score, by slot; those past `roles.length` are stale. */
  readonly scores: Float64Array;
}

/**
 * FIFO of predictions awaiting their horizon, with a free list of released entries. Holds at most
 * horizon + 2 live entries per symbol, so memory is bounded however long the run.
 */
export class PendingQueue {
  private readonly width: number;
  private items: PendingPrediction[] = [];
  private head = 0;
  private readonly free: PendingPrediction[] = [];

  /** @param width length of each entry's input buffer. */
  constructor(width: number) {
    this.width = width;
  }

  /** An empty entry (recycled when possible) whose `x` the caller fills, then {@link push}es. */
  acquire(): PendingPrediction {
    const e = this.free.pop();
    if (e !== undefined) {
      e.roles = NO_ROLES.roles;
      e.versions = NO_ROLES.versions;
      return e;
    }
    return {
      barIndex: -1,
      ts: 0 as EpochMs,
      close: Number.NaN,
      entry: Number.NaN,
      x: new Float64Array(this.width),
      roles: NO_ROLES.roles,
      versions: NO_ROLES.versions,
      scores: new Float64Array(MAX_ROLES),
    };
  }

  /** Gives an entry back once nothing refers to it any more (its label was learned). */
  release(e: PendingPrediction): void {
    this.free.push(e);
  }

  push(p: PendingPrediction): void {
    this.items.push(p);
  }

  /** The newest entry still waiting, if any. */
  get newest(): PendingPrediction | undefined {
    return this.head < this.items.length ? this.items[this.items.length - 1] : undefined;
  }

  /** Removes and returns the oldest entry if it was made at or before `barIndex`. */
  shiftDue(barIndex: number): PendingPrediction | undefined {
    const p = this.items[this.head];
    if (p === undefined || p.barIndex > barIndex) return undefined;
    this.head++;
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return p;
  }

  /** Removes everything still waiting (end of run). */
  drain(): PendingPrediction[] {
    const rest = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return rest;
  }

  get size(): number {
    return this.items.length - this.head;
  }
}
