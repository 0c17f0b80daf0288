import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/index.ts';
import { type RunSummary, writeReport } from '../report/index.ts';
import type { Override } from '../scenario/index.ts';
import { type ExecuteResult, executeRun, outDirOf, planRun, type RunPlan } from './run-plan.ts';
import { executeSharded } from './sharded-run.ts';
import { createProgress, NO_PROGRESS, type Progress } from './progress.ts';
import { runProgressOn } from './run-progress.ts';
import { formatSummaryTable } from './summary-table.ts';

export interface RunOptions {
  readonly scenario: string;
  readonly out?: string | undefined;
  readonly seed?: number | undefined;
  readonly data?: string | undefined;
  readonly symbols?: readonly string[] | undefined;
  readonly set?: readonly Override[];
  readonly quiet?: boolean;
  /** Paced replay: market ms per real ms (60 plays a market minute per second); default as fast as possible. */
  readonly speed?: number | undefined;
  /** Worker threads, each replaying a share of the symbols (default 1: in this thread). */
  readonly shards?: number | undefined;
  /** Aborting stops the replay cleanly; the run is recorded as incomplete. */
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
  /** Draw progress bars on stderr when it is a terminal (the CLI sets it unless `--quiet` or `--json`). */
  readonly progress?: boolean;
}

export interface RunResult {
  readonly outDir: string;
  readonly status: 'complete' | 'incomplete';
  readonly bars: number;
  /** The summary written to summary.json. */
  readonly summary: RunSummary;
  /** Paths of the files written. */
  readonly files: { readonly report: string; readonly summary: string; readonly data: string };
}

/**
 * `livemodel run`: loads the scenario and data, replays them through the engine (in this thread,
 * or sharded by symbol over worker threads), records to `DIR/run.duckdb`, writes
 * `DIR/summary.json` and `DIR/report.html`, prints the summary table. On an error mid-run the
 * partial file is finished with status `failed` and the error rethrown.
 */
export async function runCommand(opts: RunOptions): Promise<RunResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const shards = opts.shards ?? 1;
  if (!Number.isInteger(shards) || shards < 1)
    throw new InputError(`--shards expects an integer >= 1, got \`${shards}\``);
  if (shards > 1 && opts.speed !== undefined)
    throw new InputError('--speed paces one clock: it cannot be combined with --shards');
  const bar = createProgress({ stream: process.stderr, enabled: opts.progress === true });
  let done: Executed;
  try {
    done = await execute(opts, shards, bar);
  } finally {
    bar.stop();
  }
  const { plan, outDir, file, result, report } = done;
  if (!opts.quiet) {
    log(formatSummaryTable(report.summary));
    if (result.rejects > 0) log(`\n${result.rejects} rejected row(s) recorded in data_rejects`);
    if (result.gaps > 0)
      log(
        `${result.rejects > 0 ? '' : '\n'}${result.gaps} data gap(s) recorded in alerts (kind data_gap)`,
      );
    if (result.status === 'incomplete') log('\nstopped early: the run is recorded as incomplete');
    log(
      `\nbackend: ${plan.backend} · ${result.bars} bars${shards > 1 ? ` · ${shards} shards` : ''}\nreport: ${report.html}\ndata:   ${file}`,
    );
  }
  return {
    outDir,
    status: result.status,
    bars: result.bars,
    summary: report.summary,
    files: { report: report.html, summary: report.json, data: file },
  };
}

interface Executed {
  readonly plan: RunPlan;
  readonly outDir: string;
  readonly file: string;
  readonly result: ExecuteResult;
  readonly report: Awaited<ReturnType<typeof writeReport>>;
}

/** Plans, replays and writes the report, telling `bar` each phase. */
async function execute(opts: RunOptions, shards: number, bar: Progress): Promise<Executed> {
  bar.phase(`loading ${opts.scenario}`);
  const plan = await planRun({
    scenario: opts.scenario,
    seed: opts.seed,
    data: opts.data,
    symbols: opts.symbols,
    set: opts.set,
  });
  const outDir = outDirOf(plan, opts.out);
  mkdirSync(outDir, { recursive: true });
  for (const f of ['run.duckdb', 'run.duckdb.wal', 'report.html', 'summary.json'])
    rmSync(join(outDir, f), { force: true });
  const file = join(outDir, 'run.duckdb');
  const runId = randomUUID();
  // no terminal to draw on: no counts asked of the replay either
  const progress =
    bar === NO_PROGRESS ? undefined : runProgressOn(bar, shards > 1 ? ` · ${shards} shards` : '');
  const result =
    shards > 1
      ? await executeSharded(plan, { file, outDir, runId, shards, signal: opts.signal, progress })
      : await executeRun(plan, { file, runId, speed: opts.speed, signal: opts.signal, progress });
  bar.phase('writing report');
  const report = await writeReport(outDir);
  return { plan, outDir, file, result, report };
}
