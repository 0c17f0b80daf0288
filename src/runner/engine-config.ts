import { InputError, parseDuration } from '../core/index.ts';
import {
  checkDetector,
  type EngineConfig,
  featureNamesOf,
  type LifecycleConfig,
  type MonitoringConfig,
  type VariantConfig,
} from '../engine/index.ts';
import { parseModelSpec } from '../models/index.ts';
import type { Scenario } from '../scenario/index.ts';

type LifecycleInput = Scenario['lifecycle'];

function lifecycleOf(l: LifecycleInput, where: string): LifecycleConfig {
  const { onlineLearning, every, updateLatencyTime, ...rest } = l;
  if (l.test.minSamples > l.test.maxSamples)
    throw new InputError(
      `Expected \`${where}.test.minSamples\` (${l.test.minSamples}) to be <= \`${where}.test.maxSamples\` (${l.test.maxSamples})`,
    );
  return {
    ...rest,
    onlineLearning: onlineLearning ?? l.policy === 'continuous',
    periodMs: every === undefined ? null : parseDuration(every, 'lifecycle.every'),
    updateLatencyMs:
      updateLatencyTime === undefined
        ? null
        : parseDuration(updateLatencyTime, 'lifecycle.updateLatencyTime'),
  };
}

/**
 * Maps a validated scenario to the engine's configuration. Without `variants`, one variant
 * named `model` runs the scenario's model and lifecycle; each declared variant overrides them.
 *
 * @example
 * toEngineConfig(loadScenario('scenarios/quickstart.yaml')).variants[0].name; // 'model'
 */
export function toEngineConfig(s: Scenario, file?: string): EngineConfig {
  try {
    return buildEngineConfig(s);
  } catch (error) {
    if (error instanceof InputError && file !== undefined)
      throw new InputError(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Names a variant cannot take: they name the baselines' strategies and the data alerts in the same columns. */
const RESERVED_VARIANT_NAMES = ['buy_and_hold', 'frozen', 'naive', 'data'];

function checkVariantNames(s: Scenario): void {
  const seen = new Set<string>();
  s.variants?.forEach((v, i) => {
    if (RESERVED_VARIANT_NAMES.includes(v.name)) {
      throw new InputError(
        `Expected \`variants[${i}].name\` to differ from ${RESERVED_VARIANT_NAMES.join(', ')} (baseline strategies and data alerts use these names), got \`${v.name}\``,
      );
    }
    if (seen.has(v.name))
      throw new InputError(
        `Expected \`variants[${i}].name\` to be unique, got \`${v.name}\` twice`,
      );
    seen.add(v.name);
  });
}

function buildEngineConfig(s: Scenario): EngineConfig {
  checkVariantNames(s);
  const variants: VariantConfig[] =
    s.variants === undefined
      ? [{ name: 'model', model: s.model, lifecycle: lifecycleOf(s.lifecycle, 'lifecycle') }]
      : s.variants.map((v, i) => {
          // A variant's lifecycle holds only the fields it sets (no defaults), nested `test` included.
          const { test, ...own } = withoutUndefined(v.lifecycle ?? {});
          const merged: LifecycleInput = {
            ...s.lifecycle,
            ...own,
            test: { ...s.lifecycle.test, ...withoutUndefined(test ?? {}) },
          };
          if (v.lifecycle?.policy !== undefined && v.lifecycle.onlineLearning === undefined)
            delete (merged as { onlineLearning?: boolean }).onlineLearning;
          return {
            name: v.name,
            model: v.model ?? s.model,
            lifecycle: lifecycleOf(merged, `variants[${i}].lifecycle`),
          };
        });
  const features = featureNamesOf(s.features).length;
  const checkModel = (spec: unknown, path: string): void =>
    void parseModelSpec(spec, features, path);
  checkModel(s.model, 'model');
  for (const [i, v] of (s.variants ?? []).entries()) {
    if (v.model !== undefined) checkModel(v.model, `variants[${i}].model`);
  }
  const { sizing, deadBand, maxPosition, allowShort, costBps, slippageBps, fill, returnScale } =
    s.backtest;
  return {
    seed: s.seed,
    features: s.features,
    horizon: s.horizon,
    label: s.label,
    variants,
    position: { sizing, deadBand, maxPosition, allowShort },
    book: { costBps, slippageBps, fill },
    baselines: s.baselines,
    monitoring: monitoringOf(s, variants),
    returnScale,
  };
}

/** Default degradation rule for the `degradation` policy when the scenario gives none. */
const DEFAULT_DEGRADATION = {
  metric: 'accuracy',
  window: 100,
  threshold: 0.48,
  minSamples: 50,
  cooldown: 100,
} as const;

function monitoringOf(s: Scenario, variants: readonly VariantConfig[]): MonitoringConfig {
  const m = s.monitoring;
  const names = featureNamesOf(s.features);
  m.drift.forEach((d, i) => {
    const where = `monitoring.drift[${i}]`;
    if (d.on === 'feature' && !names.includes(d.feature ?? '')) {
      throw new InputError(
        `Expected \`${where}.feature\` to be one of ${names.join(', ')}, got \`${d.feature ?? ''}\``,
      );
    }
    try {
      checkDetector(d.detector, d.params);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`${where}: ${error.message}`);
      throw error;
    }
  });
  const wantsDegradation = variants.some((v) => v.lifecycle.policy === 'degradation');
  return {
    drift: m.drift.map((d) => ({
      detector: d.detector,
      on: d.on,
      feature: d.feature,
      params: d.params,
    })),
    degradation:
      m.degradation === null
        ? wantsDegradation
          ? DEFAULT_DEGRADATION
          : null
        : withoutUndefined(m.degradation),
    quality: m.quality,
    regime: m.regime,
  };
}

function withoutUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
