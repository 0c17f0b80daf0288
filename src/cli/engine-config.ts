import type { EngineConfig, LifecycleConfig, VariantConfig } from '../engine/index.ts';
import type { Scenario } from '../scenario/index.ts';

type LifecycleInput = Scenario['lifecycle'];

function lifecycleOf(l: LifecycleInput): LifecycleConfig {
  const { onlineLearning, ...rest } = l;
  return { ...rest, onlineLearning: onlineLearning ?? l.policy === 'continuous' };
}

/**
 * Maps a validated scenario to the engine's configuration. Without `variants`, one variant
 * named `model` runs the scenario's model and lifecycle; each declared variant overrides them.
 *
 * @example
 * toEngineConfig(loadScenario('scenarios/quickstart.yaml')).variants[0].name; // 'model'
 */
export function toEngineConfig(s: Scenario): EngineConfig {
  const variants: VariantConfig[] =
    s.variants === undefined
      ? [{ name: 'model', model: s.model, lifecycle: lifecycleOf(s.lifecycle) }]
      : s.variants.map((v) => {
          const merged = { ...s.lifecycle, ...v.lifecycle } as LifecycleInput;
          if (v.lifecycle?.policy !== undefined && v.lifecycle.onlineLearning === undefined) delete (merged as { onlineLearning?: boolean }).onlineLearning;
          return { name: v.name, model: v.model ?? s.model, lifecycle: lifecycleOf(merged) };
        });
  const { sizing, deadBand, maxPosition, allowShort, costBps, slippageBps, fill } = s.backtest;
  return {
    seed: s.seed,
    features: s.features,
    horizon: s.horizon,
    variants,
    position: { sizing, deadBand, maxPosition, allowShort },
    book: { costBps, slippageBps, fill },
    baselines: s.baselines,
  };
}
