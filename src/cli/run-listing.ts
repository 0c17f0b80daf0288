import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSummary, type RunSummary } from '../report/index.ts';
import { openRunStore, parseSymbolsText, readRun } from '../store/index.ts';
import { headlineOf } from './run-headline.ts';
import {
  describeOpenFailure,
  lockedText,
  readCurrentSummary,
  type RunLocation,
} from './run-files.ts';

/** One run found by `livemodel list`. Fields are null where the file could not tell. */
export interface ListedRun {
  readonly dir: string;
  readonly file: string;
  readonly scenario: string | null;
  /** `complete`, `incomplete`, `failed`, `running`, or `unreadable`. */
  readonly status: string;
  readonly symbols: number | null;
  readonly bars: number | null;
  /** Epoch ms the run started; null when the file could not be read. */
  readonly startedMs: number | null;
  /** Where the run sorts: its start, or the file's last change when the file could not be read. */
  readonly sortMs: number;
  readonly durationS: number | null;
  /** The first model variant's name and portfolio numbers. */
  readonly variant: string | null;
  readonly totalReturn: number | null;
  readonly sharpe: number | null;
  /** Why something is missing or odd (in use, corrupt, stopped without finishing). */
  readonly note: string | null;
}

const SKIP = new Set(['node_modules', '.git', 'shards']);

/**
 * Run files (`run.duckdb`) in `root` and its subfolders, symbolic links not followed, hidden
 * folders, node_modules and sharded runs' temporary `shards` folders skipped.
 *
 * @example
 * findRunFiles('reports'); // ['/…/reports/quickstart/run.duckdb', …]
 */
export function findRunFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a folder we may not read is not a run
    }
    for (const e of entries) {
      if (e.isFile() && e.name === 'run.duckdb') out.push(join(dir, e.name));
      else if (e.isDirectory() && !e.name.startsWith('.') && !SKIP.has(e.name))
        walk(join(dir, e.name));
    }
  };
  walk(root);
  return out.sort();
}

/**
 * Reads one run for the listing, read-only, never throwing: the `runs` row from the file, the
 * headline from summary.json when current or else computed from the file. A file held by a
 * writer is listed as `running` (DuckDB lets no reader in); a corrupt one as `unreadable`.
 */
export async function readListedRun(file: string): Promise<ListedRun> {
  const dir = dirname(file);
  const loc: RunLocation = {
    dir,
    file,
    summaryFile: join(dir, 'summary.json'),
    reportFile: join(dir, 'report.html'),
  };
  const base = {
    dir,
    file,
    scenario: null,
    symbols: null,
    bars: null,
    startedMs: null,
    durationS: null,
    variant: null,
    totalReturn: null,
    sharpe: null,
  };
  const changed = existsSync(file) ? statSync(file).mtimeMs : 0;
  let store: Awaited<ReturnType<typeof openRunStore>>;
  try {
    store = await openRunStore(file);
  } catch (error) {
    const f = describeOpenFailure(error);
    return f.kind === 'locked'
      ? { ...base, status: 'running', sortMs: changed, note: lockedText(f.pid) }
      : { ...base, status: 'unreadable', sortMs: changed, note: f.reason };
  }
  try {
    const run = await readRun(store);
    let summary: RunSummary | undefined = readCurrentSummary(loc);
    let note: string | null =
      run.status === 'running' ? 'no process has it open: the run stopped without finishing' : null;
    if (summary === undefined) {
      try {
        summary = await buildSummary(store);
      } catch {
        note ??= 'nothing to summarise';
      }
    }
    const [variant, h] = Object.entries(
      summary === undefined ? {} : headlineOf(summary).variants,
    )[0] ?? [null, null];
    return {
      ...base,
      scenario: run.scenario,
      status: run.status,
      symbols: parseSymbolsText(run.symbols).length,
      bars: run.bars,
      startedMs: run.started_at,
      sortMs: run.started_at,
      durationS: run.finished_at === null ? null : (run.finished_at - run.started_at) / 1000,
      variant,
      totalReturn: h?.total_return ?? null,
      sharpe: h?.sharpe ?? null,
      note,
    };
  } catch (error) {
    const f = describeOpenFailure(error);
    return {
      ...base,
      status: 'unreadable',
      sortMs: changed,
      note: f.kind === 'unreadable' ? f.reason : lockedText(f.pid),
    };
  } finally {
    store.close();
  }
}
