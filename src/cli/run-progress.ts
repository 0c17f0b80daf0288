import type { Progress } from './progress.ts';

/**
 * What a run reports about its progress, as counts only (no time): the CLI renders it on the
 * terminal ({@link runProgressOn}), a shard worker forwards it to its parent as messages.
 */
export interface RunProgressSink {
  /** The data is being opened or loaded (the number of bars is not known yet). */
  loading(what: string): void;
  /** The replay starts: bars expected (undefined when unknown) and the variants replayed in this one pass. */
  replaying(expectedBars: number | undefined, variants: readonly string[]): void;
  /** Bars and slices (timestamps) replayed so far; slices are not counted across shards. */
  advanced(bars: number, slices?: number): void;
  /** The replay is over: the run file is being flushed and closed (or shards merged). */
  closing(): void;
}

/**
 * A sink drawing a run's phases on a progress line: `loading FILE`, then `replay VARIANTS` with a
 * bar, ticks (bars) per second and an ETA when the number of bars is known, or a spinner with
 * the counts when it is not.
 *
 * @param suffix added to the replay label (`· 4 shards`).
 * @example
 * executeRun(plan, { file, runId, progress: runProgressOn(createProgress({ stream: process.stderr, enabled: true })) });
 */
export function runProgressOn(progress: Progress, suffix = ''): RunProgressSink {
  return {
    loading: (what) => progress.phase(`loading ${what}`),
    replaying: (expectedBars, variants) =>
      progress.phase(`replay ${variants.join(', ')}${suffix}`, {
        total: expectedBars,
        unit: 'bars',
      }),
    advanced: (bars, slices) =>
      progress.update(
        bars,
        slices === undefined ? undefined : `${slices.toLocaleString('en-US')} slices`,
      ),
    closing: () => progress.phase('closing the run file'),
  };
}
