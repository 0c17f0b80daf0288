import { type Scenario, scenarioSchema } from '../scenario/index.ts';

/**
 * The scenario a live run uses without `--scenario`: the quickstart model (online logistic
 * regression, adagrad, learning test-then-train) with a short warmup of 30 bars, so predictions
 * start about half a minute into a 1 s feed. Its `data` section is unused in live mode.
 *
 * @example
 * defaultLiveScenario().lifecycle.warmupBars; // 30
 */
export function defaultLiveScenario(): Scenario {
  return scenarioSchema.parse({
    name: 'live',
    description: 'Live feed with the quickstart model and a short warmup.',
    data: { file: '(live feed)' },
    features: { returnLags: [1, 2, 5, 10], volatilityWindow: 20, emaFast: 5, emaSlow: 20 },
    model: { kind: 'logistic', optimizer: 'adagrad', learningRate: 0.05, l2: 0.0001 },
    lifecycle: { warmupBars: 30, policy: 'continuous' },
    backtest: { sizing: 'sign', deadBand: 0.02, costBps: 1 },
  });
}
