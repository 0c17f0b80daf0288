import { assert, type Clock, type EpochMs, type TimerId } from '../core/index.ts';
import { MinHeap } from './min-heap.ts';

interface Timer {
  readonly id: TimerId;
  readonly due: number;
  readonly fn: () => void;
}

/**
 * Virtual market-time clock for replays: `now()` is the timestamp of the data being replayed,
 * never the wall clock. Timers (XState delays, scheduled retrains) fire in (due time, creation
 * order) as the replay advances past them, so they behave the same in replay and live. While a
 * timer runs, `now()` is its due time. Time never goes backwards.
 *
 * @example
 * const clock = new ReplayClock(0 as EpochMs);
 * clock.setTimeout(() => console.log('fired at', clock.now()), 500);
 * clock.advanceTo(1000 as EpochMs); // logs "fired at 500"; clock.now() is then 1000
 */
export class ReplayClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new MinHeap<Timer>((a, b) => a.due - b.due || a.id - b.id);
  /** Ids of timers scheduled and neither fired nor cleared. */
  private readonly live = new Set<TimerId>();

  constructor(start: EpochMs) {
    this.current = start;
  }

  now(): EpochMs {
    return this.current as EpochMs;
  }

  setTimeout(fn: () => void, delayMs: number): TimerId {
    const id = this.nextId++;
    this.timers.push({ id, due: this.current + Math.max(0, delayMs), fn });
    this.live.add(id);
    return id;
  }

  /** Cancels a timer; clearing one that already fired (or an unknown id) does nothing. */
  clearTimeout(id: TimerId): void {
    this.live.delete(id);
  }

  /** Moves time forward to `ts`, firing every timer due at or before it. */
  advanceTo(ts: EpochMs): void {
    assert(
      ts >= this.current,
      () => `clock must not go backwards: got ${ts} after ${this.current}`,
    );
    for (let t = this.peekLive(); t !== undefined && t.due <= ts; t = this.peekLive()) {
      this.timers.pop();
      this.live.delete(t.id);
      this.current = t.due;
      t.fn();
    }
    this.current = ts;
  }

  /** Due time of the next live timer, or undefined when none waits. */
  nextDue(): EpochMs | undefined {
    return this.peekLive()?.due as EpochMs | undefined;
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.live.size;
  }

  private peekLive(): Timer | undefined {
    let t = this.timers.peek();
    while (t !== undefined && !this.live.has(t.id)) {
      this.timers.pop();
      t = this.timers.peek();
    }
    return t;
  }
}
