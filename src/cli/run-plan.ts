import { dirname, join, resolve } from 'node:path';
import type { AlertOutcome, OutcomeEvent, OutcomeSink } from '../core/index.ts';
import {
  createReplayClock,
  Engine,
  type EngineConfig,
  needsTensorflow,
  runReplay,
} from '../engine/index.ts';
import { type Gap, openSource } from '../feeds/index.ts';
import { initTfBackend } from '../models/index.ts';
import { loadScenario, type Override, type Scenario } from '../scenario/index.ts';
import { type Dictionaries, Recorder, type RunInfo } from '../store/index.ts';
import { toEngineConfig } from './engine-config.ts';
import type { RunProgressSink } from './run-progress.ts';
import { VERSION } from './version.ts';

/** What selects a run: the scenario file and the command line's changes to it. */
export interface RunRequest {
  readonly scenario: string;
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
  readonly backend: string;
  readonly data: Scenario['data'];
  /** The symbols the request asks for, or undefined for all the source has. */
  readonly symbols: readonly string[] | undefined;
}

/** Loads and validates the scenario, applies the request, picks the TensorFlow.js backend when a model needs it. */
export async function planRun(request: RunRequest): Promise<RunPlan> {
  const overrides: Override[] = [...(request.set ?? [])];
  if (request.seed !== undefined) overrides.push(['seed', String(request.seed)]);
  const scenario = loadScenario(request.scenario, overrides);
  const config = toEngineConfig(scenario, request.scenario);
  const backend = config.variants.some((v) => needsTensorflow(v.model))
    ? await initTfBackend(scenario.backend)
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

/** The `runs` row of a plan. */
export function runInfoOf(
  plan: RunPlan,
  runId: string,
  symbols: readonly string[],
  sourceName: string,
): RunInfo {
  return {
    runId,
    scenario: plan.scenario.name,
    seed: plan.scenario.seed,
    startedAtMs: Date.now(),
    backend: plan.backend,
    config: plan.scenario,
    data: plan.request.data ?? plan.scenario.data.file ?? sourceName,
    symbols,
    version: VERSION,
    dictionaries: dictionariesOf(plan, symbols),
  };
}

/** Opens the plan's source for some symbols (all when undefined); rejects and gaps go to `sink()`. */
export async function openPlanSource(
  plan: RunPlan,
  symbols: readonly string[] | undefined,
  sink: () => OutcomeSink,
  counts: { rejects: number; gaps: number },
) {
  return openSource(
    { ...plan.data, symbols },
    {
      baseDir: dirname(plan.request.scenario),
      seed: plan.scenario.seed,
      origin: plan.request.scenario,
      onReject: (r) => {
        counts.rejects++;
        sink().write(r);
      },
      onGap: (g) => {
        counts.gaps++;
        sink().write(gapAlert(g));
      },
    },
  );
}

export interface ExecuteOptions {
  /** The run file to write. */
  readonly file: string;
  readonly runId: string;
  /** Symbols of this execution (a shard), or all the plan asks for. */
  readonly symbols?: readonly string[] | undefined;
  /** Every symbol of the run, for the dictionaries (shards share them so their files merge). */
  readonly allSymbols?: readonly string[] | undefined;
  /** Record rejected input rows (shards other than the first skip them: every shard sees the same file). */
  readonly recordRejects?: boolean;
  readonly speed?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Told what is being done, with counts (never read by the replay: it only observes). */
  readonly progress?: RunProgressSink | undefined;
}

export interface ExecuteResult {
  readonly status: 'complete' | 'incomplete';
  readonly bars: number;
  readonly rejects: number;
  readonly gaps: number;
  readonly symbols: readonly string[];
}

/**
 * Replays a plan's data (or one shard of its symbols) through a fresh engine into a run file.
 * On an error the partial file is finished as `failed` and the error rethrown.
 */
export async function executeRun(plan: RunPlan, opts: ExecuteOptions): Promise<ExecuteResult> {
  const early: OutcomeEvent[] = [];
  let sink: OutcomeSink = { write: (e) => early.push(e) };
  const counts = { rejects: 0, gaps: 0 };
  const recordRejects = opts.recordRejects ?? true;
  opts.progress?.loading(plan.data.file ?? 'synthetic market');
  const source = await openPlanSource(
    plan,
    opts.symbols ?? plan.symbols,
    () => (recordRejects ? sink : { write: (e) => e.type !== 'reject' && sink.write(e) }),
    counts,
  );
  const recorder = await Recorder.open(
    opts.file,
    runInfoOf(plan, opts.runId, opts.allSymbols ?? source.symbols, source.name),
  );
  for (const e of early) recorder.write(e);
  sink = recorder;
  const clock = createReplayClock();
  const engine = new Engine(plan.config, clock, recorder);
  const rejects = () => (recordRejects ? counts.rejects : 0);
  let status: 'complete' | 'incomplete' = 'complete';
  try {
    const progress = opts.progress;
    progress?.replaying(
      source.expectedBars,
      plan.config.variants.map((v) => v.name),
    );
    const result = await runReplay(source, engine, clock, opts.signal, {
      speed: opts.speed,
      onProgress:
        progress === undefined ? undefined : (bars, slices) => progress.advanced(bars, slices),
    });
    status = result.aborted ? 'incomplete' : 'complete';
    opts.progress?.closing();
  } catch (error) {
    await recorder.finish('failed', {
      bars: engine.bars,
      rejects: rejects(),
      error: (error as Error).message,
      finishedAtMs: Date.now(),
    });
    throw error;
  } finally {
    source.close();
  }
  await recorder.finish(status, {
    bars: engine.bars,
    rejects: rejects(),
    finishedAtMs: Date.now(),
  });
  return {
    status,
    bars: engine.bars,
    rejects: rejects(),
    gaps: counts.gaps,
    symbols: source.symbols,
  };
}

/** The run folder of a plan: `--out`, or reports/<scenario name>. */
export function outDirOf(plan: RunPlan, out: string | undefined): string {
  return resolve(out ?? join('reports', plan.scenario.name));
}

/** A gap in the data as an alert row (variant `data`, kind `data_gap`, at the first bar after it). */
function gapAlert(g: Gap): AlertOutcome {
  return {
    type: 'alert',
    variant: 'data',
    symbol: g.symbol,
    ts: g.toTs,
    kind: 'data_gap',
    severity: 'warning',
    message: g.message,
  };
}
