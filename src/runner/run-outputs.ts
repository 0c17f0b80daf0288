import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeReport } from '../report/index.ts';

/** The files of a run folder. */
export interface RunFolder {
  readonly outDir: string;
  /** DIR/run.duckdb */
  readonly file: string;
  readonly runId: string;
}

/** Files a previous run left in a folder, removed before a new run writes there. */
const RUN_FILES = ['run.duckdb', 'run.duckdb.wal', 'report.html', 'summary.json'];

/**
 * Prepares `DIR` for a run: creates it, removes a previous run's files, and names the run file
 * and a fresh run id.
 *
 * @example
 * const { file, runId } = prepareRunFolder('reports/quickstart'); // file: <abs>/reports/quickstart/run.duckdb
 */
export function prepareRunFolder(outDir: string): RunFolder {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  for (const f of RUN_FILES) rmSync(join(dir, f), { force: true });
  return { outDir: dir, file: join(dir, 'run.duckdb'), runId: randomUUID() };
}

/** The report of a finished run, or why it could not be built. */
export type RunReport =
  | { readonly ok: true; readonly report: Awaited<ReturnType<typeof writeReport>> }
  | { readonly ok: false; readonly reason: string };

/**
 * Writes report.html and summary.json of a finished run. A run too short to summarise (one bar
 * after warmup) keeps its complete, readable run file: the reason is returned, not thrown.
 */
export async function writeRunReport(outDir: string): Promise<RunReport> {
  try {
    return { ok: true, report: await writeReport(outDir) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
