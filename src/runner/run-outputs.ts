import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeReport } from '../report/index.ts';
import { lockRunFolder } from './run-lock.ts';

/** The files of a run folder, locked for this run. */
export interface RunFolder {
  readonly outDir: string;
  /** DIR/run.duckdb */
  readonly file: string;
  readonly runId: string;
  /** Releases the folder's lock (DIR/run.lock); idempotent. Call it once the outputs are written. */
  readonly release: () => void;
}

/** Files a previous run left in a folder, removed before a new run writes there. */
const RUN_FILES = ['run.duckdb', 'run.duckdb.wal', 'report.html', 'summary.json'];

/**
 * Prepares `DIR` for a run: creates it, takes its lock (one run owns a folder: a second
 * concurrent run into it is refused, a stale lock of a dead process taken over), removes a
 * previous run's files, and names the run file and a fresh run id.
 *
 * @throws {InputError} when another live run holds the folder.
 * @example
 * const { file, runId } = prepareRunFolder('reports/quickstart'); // file: <abs>/reports/quickstart/run.duckdb
 */
export function prepareRunFolder(outDir: string): RunFolder {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const release = lockRunFolder(dir);
  for (const f of RUN_FILES) rmSync(join(dir, f), { force: true });
  return { outDir: dir, file: join(dir, 'run.duckdb'), runId: randomUUID(), release };
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
