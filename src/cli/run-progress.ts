import type { RunProgressSink } from '../runner/index.ts';
import type { Progress } from './progress.ts';

export type { RunProgressSink };

/**
 * A sink drawing a run's phases on a progress line: `loading FILE`, then `replay VARIANTS` with a
 * bar, ticks (bars) per second and an ETA when the number of bars is known, or a spinner with
 * the counts when it is not.
 *
 * @param suffix added to the replay label (`· 4 shards`).
 * @example
 * await runScenario({ scenario: 'scenarios/quickstart.yaml' }, { progress: runProgressOn(createProgress({ stream: process.stderr, enabled: true })) });
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
