import { InputError } from '../core/index.ts';
import { type RunSummary, writeReport } from '../report/index.ts';
import type { RecorderMode } from '../store/index.ts';
import { type KernelResult, openRun } from './run-kernel.ts';
import { prepareRunFolder, type RunFolder } from './run-outputs.ts';
import { outDirOf, planRun, type RunPlan, type RunRequest } from './run-plan.ts';
import type { RunProgressSink } from './run-progress-sink.ts';
import { executeSharded } from './sharded-run.ts';

export interface RunScenarioOptions {
  /** The run folder (default reports/<scenario name>). */
  readonly out?: string | undefined;
  /** Worker threads, each replaying a share of the symbols (default 1: in this thread). */
  readonly shards?: number | undefined;
  /** Paced replay: market ms per real ms; default as fast as possible. */
  readonly speed?: number | undefined;
  /** Aborting stops the replay cleanly; the run is recorded as incomplete. */
  readonly signal?: AbortSignal | undefined;
  readonly progress?: RunProgressSink | undefined;
  /** Told when the report is being written (after the replay). */
  readonly onReport?: (() => void) | undefined;
  /** Told which TensorFlow.js backend `backend: auto` chose (neural models only). */
  readonly notice?: ((line: string) => void) | undefined;
  /** Where the DuckDB appends run: a recording thread or inline (default: see openRecorder). */
  readonly recorder?: RecorderMode | undefined;
}

export interface RunResult {
  readonly plan: RunPlan;
  readonly outDir: string;
  readonly status: 'complete' | 'incomplete';
  readonly bars: number;
  readonly rejects: number;
  readonly gaps: number;
  /** The summary written to summary.json. */
  readonly summary: RunSummary;
  /** Paths of the files written. */
  readonly files: { readonly report: string; readonly summary: string; readonly data: string };
}

/**
 * Runs a scenario end to end, as `livemodel run` does: plans it, replays its data through the
 * engine (in this thread or sharded by symbol over worker threads) into `DIR/run.duckdb`, and
 * writes `DIR/summary.json` and `DIR/report.html`. On an error mid-run the partial file is
 * finished as `failed` and the error rethrown.
 *
 * @throws {InputError} for a bad scenario, option or data file; {@link DataError} for bad data.
 * @example
 * const r = await runScenario({ scenario: 'scenarios/quickstart.yaml', seed: 7 }, { out: 'reports/q' });
 * r.summary.models.model.overall.accuracy; // ≈ 0.52
 */
export async function runScenario(
  request: RunRequest,
  opts: RunScenarioOptions = {},
): Promise<RunResult> {
  const shards = opts.shards ?? 1;
  if (!Number.isInteger(shards) || shards < 1)
    throw new InputError(`--shards expects an integer >= 1, got \`${shards}\``);
  if (shards > 1 && opts.speed !== undefined)
    throw new InputError('--speed paces one clock: it cannot be combined with --shards');
  if (request.scenario === undefined) throw new InputError('a run needs a scenario file');
  const plan = await planRun(request, opts.notice);
  const folder = prepareRunFolder(outDirOf(plan, opts.out));
  try {
    return await runInFolder(plan, folder, shards, opts);
  } finally {
    folder.release();
  }
}

async function runInFolder(
  plan: RunPlan,
  folder: RunFolder,
  shards: number,
  opts: RunScenarioOptions,
): Promise<RunResult> {
  let result: KernelResult;
  if (shards > 1) {
    result = await executeSharded(plan, {
      ...folder,
      shards,
      signal: opts.signal,
      progress: opts.progress,
      recorder: opts.recorder,
    });
  } else {
    const opened = await openRun({
      plan,
      file: folder.file,
      runId: folder.runId,
      input: { kind: 'replay', speed: opts.speed },
      progress: opts.progress,
      recorder: opts.recorder,
    });
    result = await opened.run(opts.signal);
  }
  opts.onReport?.();
  const report = await writeReport(folder.outDir);
  return {
    plan,
    outDir: folder.outDir,
    status: result.status,
    bars: result.bars,
    rejects: result.rejects,
    gaps: result.gaps,
    summary: report.summary,
    files: { report: report.html, summary: report.json, data: folder.file },
  };
}
