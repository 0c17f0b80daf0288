import type { EpochMs } from '../core/index.ts';

/** A prediction waiting for its label: made at bar `barIndex`, resolved h bars later. */
export interface PendingPrediction {
  readonly barIndex: number;
  readonly ts: EpochMs;
  readonly close: number;
  /** Model input at prediction time (owned by this entry). */
  readonly x: Float64Array;
  readonly roles: string[];
  readonly scores: number[];
  readonly versions: (number | null)[];
}

/**
 * FIFO of predictions awaiting their horizon. Holds at most horizon + 1 entries per symbol, so
 * memory is bounded however long the run.
 */
export class PendingQueue {
  private items: PendingPrediction[] = [];
  private head = 0;

  push(p: PendingPrediction): void {
    this.items.push(p);
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
