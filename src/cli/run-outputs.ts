import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeReport } from '../report/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { Recorder, type RunStatus } from '../store/index.ts';
import { formatSummaryTable } from './summary-table.ts';
import { VERSION } from './version.ts';

/**
 * Prepares `DIR` for a run (removes a previous run's files) and opens `DIR/run.duckdb` with the
 * `runs` row, as `livemodel run` does.
 */
export async function openRunOutputs(
  outDir: string,
  scenario: Scenario,
  data: string,
  symbols: readonly string[],
): Promise<{ outDir: string; recorder: Recorder }> {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  for (const f of ['run.duckdb', 'run.duckdb.wal', 'report.html', 'summary.json'])
    rmSync(join(dir, f), { force: true });
  const recorder = await Recorder.open(join(dir, 'run.duckdb'), {
    runId: randomUUID(),
    scenario: scenario.name,
    seed: scenario.seed,
    startedAtMs: Date.now(),
    backend: 'js',
    config: scenario,
    data,
    symbols,
    version: VERSION,
  });
  return { outDir: dir, recorder };
}

/**
 * Finishes the run file with `status`, writes report.html and summary.json, prints the summary.
 * When the report cannot be built (a run too short to summarise) the run file stays complete and
 * the reason is printed on stderr.
 */
export async function closeRunOutputs(
  outDir: string,
  recorder: Recorder,
  status: RunStatus,
  bars: number,
  log: ((line: string) => void) | null,
  error?: string,
): Promise<void> {
  await recorder.finish(status, {
    bars,
    rejects: recorder.count('data_rejects'),
    finishedAtMs: Date.now(),
    ...(error !== undefined ? { error } : {}),
  });
  if (status === 'failed') return;
  let report: Awaited<ReturnType<typeof writeReport>>;
  try {
    report = await writeReport(outDir);
  } catch (error) {
    // the run file is complete and readable; a very short run (one bar after warmup) cannot be summarised yet
    console.error(
      `livemodel: the run is recorded in ${join(outDir, 'run.duckdb')}, but the report could not be built: ${(error as Error).message}`,
    );
    return;
  }
  if (log !== null) {
    log(formatSummaryTable(report.summary));
    log(`\nreport: ${report.html}\ndata:   ${join(outDir, 'run.duckdb')}`);
  }
}
