import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../runner/index.ts';
import type { JobResult, SweepJob } from './sweep-job.ts';

/**
 * Runs one sweep job with {@link runScenario} (the kernel every mode uses) into `job.outDir` (its own run.duckdb, summary.json and
 * report.html), after writing the job's scenario (`scenario.yaml`) and description (`job.json`,
 * with the equivalent `livemodel run` command) there. The module is the entry of the sweep's
 * worker threads, local and on queue workers alike. Never throws: a failure is a result.
 *
 * @example
 * const result = await runSweepJob(plan.jobs[0], new AbortController().signal, 'thread-1');
 * result.status; // 'complete'
 */
export async function runSweepJob(
  job: SweepJob,
  signal: AbortSignal,
  worker: string,
): Promise<JobResult> {
  const started = Date.now();
  const base = { id: job.id, worker };
  try {
    mkdirSync(job.outDir, { recursive: true });
    const scenario = join(job.outDir, 'scenario.yaml');
    writeFileSync(scenario, job.scenarioText);
    writeFileSync(
      join(job.outDir, 'job.json'),
      `${JSON.stringify(describeJob(job, scenario), null, 2)}\n`,
    );
    const r = await runScenario(
      {
        scenario,
        seed: job.seed,
        data: job.dataFile ?? undefined,
        symbols: job.symbols ?? undefined,
        set: job.overrides,
      },
      { out: job.outDir, signal },
    );
    return {
      ...base,
      status: r.status,
      error: null,
      durationMs: Date.now() - started,
      bars: r.bars,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      status: 'failed',
      error: message.split('\n')[0] as string,
      durationMs: Date.now() - started,
      bars: null,
    };
  }
}

function describeJob(job: SweepJob, scenario: string): Record<string, unknown> {
  const { scenarioText: _text, ...rest } = job;
  const args = ['livemodel', 'run', scenario, '--out', job.outDir, '--seed', String(job.seed)];
  if (job.dataFile !== null) args.push('--data', job.dataFile);
  if (job.symbols !== null) args.push('--symbols', job.symbols.join(','));
  for (const [path, value] of job.overrides) args.push('--set', `${path}=${value}`);
  return {
    ...rest,
    command: args
      .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
      .join(' '),
  };
}
