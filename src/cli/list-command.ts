import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../core/index.ts';
import { displayPath, formatSeconds, formatWhen } from './format-run.ts';
import { findRunFiles, type ListedRun, readListedRun } from './run-listing.ts';
import { textTable } from './summary-table.ts';
import { LIST_USAGE } from './usage.ts';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * The listing as a table, one line per run: folder, scenario, status, symbols, bars, start time,
 * duration, the first variant's portfolio return and Sharpe, and a note when a file is in use,
 * unreadable or was left unfinished.
 *
 * @example
 * console.log(formatRunList(await Promise.all(findRunFiles('reports').map(readListedRun))));
 */
export function formatRunList(runs: readonly ListedRun[]): string {
  const rows = runs.map((r) => [
    displayPath(r.dir),
    r.scenario ?? '?',
    r.status,
    r.symbols === null ? '—' : String(r.symbols),
    r.bars === null ? '—' : r.bars.toLocaleString('en-US'),
    r.startedMs === null ? '—' : formatWhen(r.startedMs, true).replace(' UTC', ''),
    r.durationS === null ? '—' : formatSeconds(r.durationS),
    r.variant ?? '—',
    pct(r.totalReturn),
    r.sharpe === null ? '—' : r.sharpe.toFixed(2),
    r.note ?? '',
  ]);
  const header = [
    'folder',
    'scenario',
    'status',
    'symbols',
    'bars',
    'started (UTC)',
    'duration',
    'variant',
    'return',
    'Sharpe',
    'note',
  ];
  const notes = runs.some((r) => r.note !== null);
  return textTable(
    notes ? header : header.slice(0, -1),
    notes ? rows : rows.map((r) => r.slice(0, -1)),
    'lllrrlrlrrl',
  );
}

/**
 * `livemodel list [DIR] [--json]`: finds the run folders under DIR (default `reports`), reads each
 * run file read-only — one in use by a running process or a corrupt one gets a line saying so —
 * and prints them oldest first (`--json`: an array of objects).
 *
 * @throws {InputError} when DIR is not a folder.
 */
export async function listCli(
  args: string[],
  log: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    log(LIST_USAGE);
    return 0;
  }
  if (positionals.length > 1)
    throw new InputError(`list expects at most one folder\n${LIST_USAGE}`);
  const root = resolve(positionals[0] ?? 'reports');
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new InputError(
      `list: no folder at ${positionals[0] ?? 'reports'} (give the folder that holds the run folders)`,
    );
  const runs: ListedRun[] = [];
  // one file at a time: each is a DuckDB instance, and the listing is not the hot path
  for (const file of findRunFiles(root)) runs.push(await readListedRun(file));
  runs.sort((a, b) => a.sortMs - b.sortMs || (a.dir < b.dir ? -1 : 1));
  if (values.json) log(JSON.stringify(runs.map(toJson), null, 2));
  else if (runs.length === 0) log(`no runs under ${displayPath(root)}`);
  else log(formatRunList(runs));
  return 0;
}

/** A listed run in `--json`, with the snake_case names of summary.json. */
function toJson(r: ListedRun): Record<string, unknown> {
  return {
    dir: r.dir,
    file: r.file,
    scenario: r.scenario,
    status: r.status,
    symbols: r.symbols,
    bars: r.bars,
    started_at: r.startedMs === null ? null : new Date(r.startedMs).toISOString(),
    duration_s: r.durationS,
    variant: r.variant,
    total_return: r.totalReturn,
    sharpe: r.sharpe,
    note: r.note,
  };
}
