import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/index.ts';
import { buildSummary, type RunSummary } from '../report/index.ts';
import { openRunStore } from '../store/index.ts';

/** Where a run's files are. */
export interface RunLocation {
  /** The run folder. */
  readonly dir: string;
  /** Its DuckDB file (may not exist when only summary.json is left). */
  readonly file: string;
  readonly summaryFile: string;
  readonly reportFile: string;
}

/**
 * The files of a run named by its folder, its `.duckdb` file or its `summary.json`.
 *
 * @throws {InputError} when there is neither a run file nor a summary there.
 * @example
 * locateRun('reports/quickstart').file; // '/…/reports/quickstart/run.duckdb'
 */
export function locateRun(target: string): RunLocation {
  const path = resolve(target);
  const isDir = existsSync(path) && statSync(path).isDirectory();
  const dir = isDir ? path : dirname(path);
  const file = isDir || basename(path) === 'summary.json' ? join(dir, 'run.duckdb') : path;
  const loc = {
    dir,
    file,
    summaryFile: join(dir, 'summary.json'),
    reportFile: join(dir, 'report.html'),
  };
  if (!existsSync(file) && !(basename(file) === 'run.duckdb' && existsSync(loc.summaryFile))) {
    throw new InputError(
      `no run at ${target} (expected a run folder with run.duckdb, or the .duckdb file)`,
    );
  }
  return loc;
}

/**
 * The run's summary.json when it is current: present, parseable, written after the run file's
 * last change (no write-ahead log left) and belonging to that file (`run.duckdb` of the folder);
 * undefined otherwise.
 */
export function readCurrentSummary(loc: RunLocation): RunSummary | undefined {
  if (basename(loc.file) !== 'run.duckdb' || !existsSync(loc.summaryFile)) return undefined;
  if (existsSync(loc.file)) {
    if (existsSync(`${loc.file}.wal`)) return undefined;
    if (statSync(loc.summaryFile).mtimeMs < statSync(loc.file).mtimeMs) return undefined;
  }
  try {
    const s = JSON.parse(readFileSync(loc.summaryFile, 'utf8')) as RunSummary;
    const ok =
      typeof s?.run?.run_id === 'string' &&
      typeof s.strategies === 'object' &&
      s.strategies !== null &&
      typeof s.models === 'object' &&
      s.models !== null;
    return ok ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A run's summary: its summary.json when current ({@link readCurrentSummary}), else built from
 * the DuckDB file opened read-only (nothing is written).
 *
 * @throws {StoreError} when the file cannot be opened (another process writes it, or it is not a DuckDB file).
 */
export async function loadRunSummary(
  loc: RunLocation,
): Promise<{ summary: RunSummary; from: 'summary.json' | 'run file' }> {
  const current = readCurrentSummary(loc);
  if (current !== undefined) return { summary: current, from: 'summary.json' };
  const store = await openRunStore(loc.file);
  try {
    return { summary: await buildSummary(store), from: 'run file' };
  } finally {
    store.close();
  }
}

/** Why a run file could not be opened, in a few words. */
export type OpenFailure =
  | { readonly kind: 'locked'; readonly pid: number | null }
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * Classifies an error from opening a run file: held by another process (DuckDB's lock; a run
 * still writing it), or unreadable (not a DuckDB file, no `runs` row, …).
 *
 * @example
 * describeOpenFailure(new Error('IO Error: Could not set lock on file "x": Conflicting lock is held in node (PID 42)')); // { kind: 'locked', pid: 42 }
 */
export function describeOpenFailure(error: unknown): OpenFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (/could not set lock|conflicting lock/i.test(message)) {
    const pid = /PID (\d+)/.exec(message)?.[1];
    return { kind: 'locked', pid: pid === undefined ? null : Number(pid) };
  }
  if (/not a valid DuckDB database file/i.test(message))
    return { kind: 'unreadable', reason: 'not a DuckDB database file (corrupt or something else)' };
  const reason = (message.split('\n')[0] as string)
    .replace(/^(opening|querying) \S+: /, '')
    .replace(/^IO Error: /, '');
  return { kind: 'unreadable', reason };
}

/** A locked run file as one line of text. */
export function lockedText(pid: number | null): string {
  return `in use by another process${pid === null ? '' : ` (PID ${pid})`}: a run still writing it?`;
}
