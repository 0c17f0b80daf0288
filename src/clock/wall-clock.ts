import type { Clock, EpochMs, TimerId } from '../core/index.ts';

/**
 * The wall clock, for what really waits in wall time: reconnect backoff, stale-connection
 * watchdogs, pacing, lag measurement. Live adapters receive it as a {@link Clock}, so tests can
 * substitute a virtual one. Market time never comes from here (see {@link LiveClock}).
 *
 * @example
 * const wall = new WallClock();
 * wall.setTimeout(() => reconnect(), 500);
 */
export class WallClock implements Clock {
  private readonly handles = new Map<TimerId, NodeJS.Timeout>();
  private nextId = 1;

  now(): EpochMs {
    return Date.now() as EpochMs;
  }

  setTimeout(fn: () => void, delayMs: number): TimerId {
    const id = this.nextId++;
    const handle = setTimeout(
      () => {
        this.handles.delete(id);
        fn();
      },
      Math.max(0, delayMs),
    );
    this.handles.set(id, handle);
    return id;
  }

  clearTimeout(id: TimerId): void {
    const handle = this.handles.get(id);
    if (handle !== undefined) clearTimeout(handle);
    this.handles.delete(id);
  }
}
