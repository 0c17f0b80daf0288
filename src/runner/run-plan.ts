import { dirname, join, resolve } from 'node:path';
import { type EngineConfig, needsTensorflow } from '../engine/index.ts';
import { initTfBackend } from '../models/index.ts';
import { loadScenario, type Override, type Scenario } from '../scenario/index.ts';
import type { Dictionaries, RunInfo } from '../store/index.ts';
import { toEngineConfig } from './engine-config.ts';
import { defaultLiveScenario } from './live-defaults.ts';
import { planNotices } from './plan-notices.ts';
import { VERSION } from '../core/index.ts';

/** What selects a run: the scenario file and the command line's changes to it. */
export interface RunRequest {
  /** The scenario file; a live run without one uses {@link defaultLiveScenario}. */
  readonly scenario?: string | undefined;
  readonly seed?: number | undefined;
  readonly data?: string | undefined;
  readonly symbols?: readonly string[] | undefined;
  readonly set?: readonly Override[] | undefined;
}

/** A run resolved from its request: everything but the symbols' bars. */
export interface RunPlan {
  readonly request: RunRequest;
  readonly scenario: Scenario;
  readonly config: EngineConfig;
  /** The TensorFlow.js backend chosen (and recorded in `runs`), or `js` when no model needs one. */
  readonly backend: string;
  readonly data: Scenario['data'];
  /** The symbols the request asks for, or undefined for all the source has. */
  readonly symbols: readonly string[] | undefined;
  /** Folder relative paths of the scenario resolve against. */
  readonly baseDir: string;
}

/**
 * Loads and validates the scenario (or the live default), applies the request and picks the
 * TensorFlow.js backend when a model needs one (with `backend: auto`, `notice` is told which one
 * was chosen). Every mode plans its run here, so every run file records the backend it really used.
 *
 * @throws {InputError} for a bad scenario, override or model.
 * @example
 * const plan = await planRun({ scenario: 'scenarios/quickstart.yaml', seed: 7 });
 * plan.backend; // 'js' (the logistic model needs no TensorFlow.js)
 */
export async function planRun(
  request: RunRequest,
  notice?: (line: string) => void,
): Promise<RunPlan> {
  const overrides: Override[] = [...(request.set ?? [])];
  if (request.seed !== undefined) overrides.push(['seed', String(request.seed)]);
  const scenario =
    request.scenario !== undefined
      ? loadScenario(request.scenario, overrides)
      : { ...defaultLiveScenario(), ...(request.seed !== undefined ? { seed: request.seed } : {}) };
  return planOfScenario(scenario, request, notice);
}

/**
 * The plan of an already-validated scenario (a live run's recorded one, for `livemodel replay`):
 * engine configuration and TensorFlow.js backend, as {@link planRun} makes them.
 */
export async function planOfScenario(
  scenario: Scenario,
  request: RunRequest = {},
  notice?: (line: string) => void,
): Promise<RunPlan> {
  const config = toEngineConfig(scenario, request.scenario);
  for (const line of planNotices(config)) notice?.(`note: ${line}`);
  const backend = config.variants.some((v) => needsTensorflow(v.model))
    ? await initTfBackend(scenario.backend, notice)
    : 'js';
  const data =
    request.data !== undefined
      ? { ...scenario.data, file: resolve(request.data), synthetic: undefined }
      : scenario.data;
  return {
    request,
    scenario,
    config,
    backend,
    data,
    symbols: request.symbols ?? scenario.data.symbols,
    baseDir: request.scenario !== undefined ? dirname(request.scenario) : process.cwd(),
  };
}

/** The dictionary (ENUM) values of a plan's run file. Data-quality alerts use the variant `data`. */
export function dictionariesOf(plan: RunPlan, symbols: readonly string[]): Dictionaries {
  const variants = plan.config.variants.map((v) => v.name);
  return {
    symbol: symbols,
    variant: [...variants, 'data'],
    role: ['champion', 'challenger', 'previous', 'frozen', 'naive'],
    strategy: [...variants, ...plan.config.baselines],
  };
}

/**
 * The `runs` row of a plan. `dictionaries: false` (a live feed, whose symbols and alert
 * variants are not all known at the start) records the dictionary columns as VARCHAR.
 */
export function runInfoOf(
  plan: RunPlan,
  runId: string,
  symbols: readonly string[],
  data: string,
  dictionaries = true,
): RunInfo {
  return {
    runId,
    scenario: plan.scenario.name,
    seed: plan.scenario.seed,
    startedAtMs: Date.now(),
    backend: plan.backend,
    config: plan.scenario,
    data,
    symbols,
    version: VERSION,
    ...(dictionaries ? { dictionaries: dictionariesOf(plan, symbols) } : {}),
  };
}

/** The run folder of a plan: `--out`, or reports/<scenario name>. */
export function outDirOf(plan: RunPlan, out: string | undefined): string {
  return resolve(out ?? join('reports', plan.scenario.name));
}
