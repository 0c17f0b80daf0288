import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../core/index.ts';
import { openSource } from '../feeds/index.ts';
import { loadSweepFile, SWEEP_METRICS, type Scenario } from '../scenario/index.ts';
import {
  buildJobEntries,
  buildSweepResults,
  formatMetric,
  type JobResult,
  type JobRow,
  mergeJobFiles,
  planSweep,
  renderSweepHtml,
  runQueueSweep,
  type SweepJson,
  type SweepPlan,
  SWEEP_JOB_ENTRY,
  ThreadPool,
} from '../sweep/index.ts';
import { toEngineConfig } from '../runner/index.ts';
import { SWEEP_USAGE } from './usage.ts';

export interface SweepOptions {
  readonly file: string;
  readonly out?: string | undefined;
  /** Worker threads for a local sweep (default: the CPU count). */
  readonly workers?: number | undefined;
  /** `redis://host:port`: submit to BullMQ instead of running locally. */
  readonly queue?: string | undefined;
  readonly queueName?: string | undefined;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
  readonly quiet?: boolean;
}

export interface SweepOutcome {
  readonly outDir: string;
  readonly json: SweepJson;
  readonly merged: Record<string, number>;
}

/** Every symbol of a scenario's data, for splitting into shards (each job opens its data again). */
async function listSymbols(scenario: Scenario, baseDir: string): Promise<readonly string[]> {
  const source = await openSource(
    { ...scenario.data, symbols: undefined, onBadRow: 'skip' },
    { baseDir, seed: scenario.seed },
  );
  try {
    return source.symbols;
  } finally {
    source.close();
  }
}

/**
 * Plans a sweep file (validating every combination), with the checks `livemodel run` makes.
 *
 * @throws {InputError} for a bad sweep block, path, value or metric.
 */
export async function planSweepFile(file: string, out?: string): Promise<SweepPlan> {
  const sweep = loadSweepFile(file);
  return planSweep(sweep, {
    outDir: out ?? join('reports', sweep.base.name),
    listSymbols,
    checkScenario: (s, label) => void toEngineConfig(s, label),
  });
}

/** `livemodel validate` on a sweep file: one line on what the sweep would run. */
export async function validateSweepLine(file: string): Promise<string> {
  const plan = await planSweepFile(file);
  const dims = Object.entries(plan.spec.parameters).map(([p, v]) => `${p}×${v.length}`);
  if (plan.spec.seeds !== undefined) dims.push(`seeds×${plan.spec.seeds.length}`);
  if (plan.spec.shards > 1) dims.push(`shards×${plan.spec.shards}`);
  return `ok  ${file}  (sweep ${plan.name}: ${plan.jobs.length} jobs = ${dims.join(' · ')}, metric ${plan.spec.metric})`;
}

/**
 * `livemodel sweep`: runs every job of the grid on worker threads (or through a BullMQ queue),
 * each into `DIR/jobs/<id>/`, then merges them into `DIR/sweep.duckdb` and writes
 * `DIR/sweep.json` and `DIR/sweep.html`. Failed jobs are recorded with their error; aborting
 * stops the running jobs and cancels the rest, and what finished is still merged.
 *
 * @throws {InputError} for a bad sweep file (before anything runs) or an unreachable queue.
 */
export async function sweepCommand(opts: SweepOptions): Promise<SweepOutcome> {
  const log = opts.quiet ? () => {} : (opts.log ?? ((line: string) => console.log(line)));
  const plan = await planSweepFile(opts.file, opts.out);
  const workers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), plan.jobs.length));
  mkdirSync(plan.outDir, { recursive: true });
  rmSync(join(plan.outDir, 'jobs'), { recursive: true, force: true });
  for (const f of ['sweep.duckdb', 'sweep.duckdb.wal', 'sweep.json', 'sweep.html'])
    rmSync(join(plan.outDir, f), { force: true });
  log(
    `sweep ${plan.name}: ${plan.jobs.length} jobs ${opts.queue === undefined ? `on ${workers} worker thread(s)` : `on queue ${opts.queue}`} → ${plan.outDir}`,
  );
  const startedMs = Date.now();
  let done = 0;
  const onResult = (r: JobResult): void => {
    done++;
    const job = plan.jobs.find((j) => j.id === r.id);
    const params = Object.entries(job?.parameters ?? {}).map(
      ([k, v]) => `${k}=${JSON.stringify(v)}`,
    );
    log(
      `[${done}/${plan.jobs.length}] ${r.id} ${r.status}${r.durationMs === null ? '' : ` ${(r.durationMs / 1000).toFixed(1)}s`}  ${[...params, `seed=${job?.seed}`].join(' ')}${r.error ? `  ✗ ${r.error}` : ''}`,
    );
  };
  const results =
    opts.queue === undefined
      ? await runLocal(plan, workers, opts.signal, onResult)
      : await runQueueSweep(plan.jobs, {
          url: opts.queue,
          queueName: opts.queueName,
          signal: opts.signal,
          onResult,
        });
  const finishedMs = Date.now();
  const entries = buildJobEntries(plan, results);
  const rows: JobRow[] = entries.map((j, i) => ({
    ...j,
    shards: plan.spec.shards,
    symbols: j.symbols === null ? null : j.symbols.join(','),
    run_file: j.status === 'complete' ? join(plan.jobs[i]?.outDir as string, 'run.duckdb') : null,
  }));
  const mergedFile = join(plan.outDir, 'sweep.duckdb');
  const { rows: merged } = await mergeJobFiles(
    mergedFile,
    rows,
    Object.keys(plan.spec.parameters),
    SWEEP_METRICS,
  );
  const json = await buildSweepResults(plan, entries, mergedFile, {
    mode: opts.queue === undefined ? 'local' : 'queue',
    workers: opts.queue === undefined ? workers : null,
    queue: opts.queue ?? null,
    startedMs,
    finishedMs,
  });
  writeFileSync(join(plan.outDir, 'sweep.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(plan.outDir, 'sweep.html'), renderSweepHtml(json));
  log(summaryLines(json, plan.outDir));
  return { outDir: plan.outDir, json, merged };
}

async function runLocal(
  plan: SweepPlan,
  workers: number,
  signal: AbortSignal | undefined,
  onResult: (r: JobResult) => void,
): Promise<JobResult[]> {
  const pool = new ThreadPool({ size: workers, entry: SWEEP_JOB_ENTRY });
  const abort = (): void => pool.abort();
  if (signal?.aborted) pool.abort();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    return await Promise.all(
      plan.jobs.map(async (job) => {
        const r = await pool.run(job);
        onResult(r);
        return r;
      }),
    );
  } finally {
    signal?.removeEventListener('abort', abort);
    await pool.close();
  }
}

function summaryLines(json: SweepJson, outDir: string): string {
  const { sweep, best } = json;
  const lines = [
    '',
    `${sweep.status}: ${sweep.counts.complete}/${sweep.counts.jobs} jobs complete, ${sweep.counts.failed} failed, ${sweep.counts.incomplete + sweep.counts.cancelled} not finished · ${sweep.duration_s.toFixed(1)} s`,
  ];
  if (best !== null)
    lines.push(
      `best ${sweep.metric}: ${formatMetric(sweep.metric, best.value)} at ${Object.entries(
        best.parameters,
      )
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ')} seed=${best.seed}`,
    );
  for (const j of json.jobs.filter((x) => x.status === 'failed'))
    lines.push(`failed ${j.job_id}: ${j.error}`);
  lines.push(`report: ${join(outDir, 'sweep.html')}`, `data:   ${join(outDir, 'sweep.duckdb')}`);
  return lines.join('\n');
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new InputError(`${name} expects an integer >= 1, got \`${text}\``);
  return n;
}

/** `livemodel sweep …` from argv; exit code 0 all complete, 1 a job failed, 130 interrupted. */
export async function sweepMain(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(SWEEP_USAGE);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      workers: { type: 'string' },
      queue: { type: 'string' },
      'queue-name': { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1)
    throw new InputError(`sweep expects one sweep file, got ${positionals.length}\n${SWEEP_USAGE}`);
  if (values.workers !== undefined && values.queue !== undefined)
    throw new InputError(
      '--workers applies to a local sweep; with --queue, start `livemodel worker --concurrency N` processes instead',
    );
  const controller = new AbortController();
  const onSigint = (): void => {
    if (!controller.signal.aborted)
      console.error(
        '\ninterrupted: stopping the running jobs, cancelling the rest (Ctrl-C again to quit at once)',
      );
    else process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const { json } = await sweepCommand({
      file: positionals[0] as string,
      out: values.out,
      workers: positiveInt('--workers', values.workers),
      queue: values.queue,
      queueName: values['queue-name'],
      signal: controller.signal,
      quiet: values.quiet ?? false,
    });
    return controller.signal.aborted ? 130 : json.sweep.status === 'complete' ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
