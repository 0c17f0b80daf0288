import type { ReplayClock, TimeSlice } from '../clock/index.ts';
import type { Bar } from '../core/index.ts';
import type { BarSource } from '../feeds/index.ts';

export interface PacedReplayOptions {
  /** Market time per wall time: 1 = real time, 86_400 = a day per second. */
  readonly speed: number;
  /** Longest wall wait between two slices, so gaps (weekends) do not stall. Default 2 s. */
  readonly maxWaitMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Replays a source at `speed`× market time on the wall clock, for trying the API without a
 * live feed: slice i is emitted at `start + (ts_i − ts_0) / speed` (each wait capped at
 * `maxWaitMs`). Same slices and clock advance as {@link replay}, only paced. Resolves with
 * whether it was stopped.
 *
 * @example
 * await pacedReplay(source, clock, (s) => engine.onSlice(s), { speed: 86_400 * 5 });
 */
export async function pacedReplay(source: BarSource, clock: ReplayClock, onSlice: (slice: TimeSlice) => void, opts: PacedReplayOptions): Promise<{ stopped: boolean }> {
  const maxWait = opts.maxWaitMs ?? 2000;
  let firstTs = Number.NaN;
  let wallStart = 0;
  let group: Bar[] = [];
  let groupTs = Number.NaN;
  const emit = async (): Promise<boolean> => {
    if (Number.isNaN(firstTs)) {
      firstTs = groupTs;
      wallStart = performance.now();
    }
    const due = wallStart + (groupTs - firstTs) / opts.speed;
    const wait = Math.min(maxWait, due - performance.now());
    // always yield, so API requests are served between slices
    await new Promise((r) => (wait > 0 ? setTimeout(r, wait) : setImmediate(r)));
    if (wait >= maxWait) wallStart = performance.now() - (groupTs - firstTs) / opts.speed;
    if (opts.signal?.aborted) return false;
    clock.advanceTo(groupTs as TimeSlice['ts']);
    onSlice({ ts: groupTs as TimeSlice['ts'], bars: group });
    group = [];
    return true;
  };
  for await (const batch of source.batches()) {
    for (const bar of batch) {
      if (bar.ts !== groupTs && group.length > 0 && !(await emit())) return { stopped: true };
      groupTs = bar.ts;
      group.push(bar);
    }
  }
  if (group.length > 0 && !(await emit())) return { stopped: true };
  return { stopped: false };
}
