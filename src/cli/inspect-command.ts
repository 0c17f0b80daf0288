import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError, StoreError } from '../core/index.ts';
import type { RunSummary } from '../report/index.ts';
import { displayPath, formatSeconds, formatWhen, runPeriodText } from './format-run.ts';
import { describeOpenFailure, loadRunSummary, locateRun, lockedText } from './run-files.ts';
import { formatSummaryTable } from './summary-table.ts';
import { INSPECT_USAGE } from './usage.ts';

/**
 * The header `livemodel inspect` prints above the summary table: run folder, scenario and seed,
 * status (and error), period, bars and symbols, start time and duration, backend, data.
 *
 * @example
 * formatRunHeader(summary, 'reports/quickstart').split('\n')[2]; // 'status    complete'
 */
export function formatRunHeader(s: RunSummary, dir: string): string {
  const r = s.run;
  const rows: [string, string][] = [
    ['run', dir],
    ['scenario', `${r.scenario} (seed ${r.seed})`],
    ['status', r.status],
  ];
  if (r.error !== null) rows.push(['error', r.error]);
  const period = runPeriodText(s);
  rows.push(['period', period ?? '— (nothing recorded)']);
  const bars = r.bars === null ? '—' : r.bars.toLocaleString('en-US');
  rows.push([
    'bars',
    `${bars} · ${r.symbols.length} symbol${r.symbols.length === 1 ? '' : 's'}${r.rejects ? ` · ${r.rejects} rejected row(s)` : ''}`,
  ]);
  rows.push([
    'started',
    `${formatWhen(Date.parse(r.started_at))} · ${r.finished_at === null ? 'not finished' : `took ${formatSeconds(r.duration_s)}`}`,
  ]);
  rows.push(['backend', `${r.backend} · livemodel ${r.version}`]);
  rows.push(['data', r.data]);
  return rows.map(([k, v]) => `${k.padEnd(9)} ${v}`).join('\n');
}

/**
 * `livemodel inspect <DIR | run.duckdb> [--json]`: prints an existing run's summary — the header
 * of {@link formatRunHeader} and the end-of-run table — from its summary.json when that is
 * current, else computed from the run file opened read-only. `--json` prints the summary (the
 * shape of summary.json) instead.
 *
 * @throws {InputError} no run there; {@link StoreError} the run file is in use or unreadable.
 */
export async function inspectCli(
  args: string[],
  log: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    log(INSPECT_USAGE);
    return 0;
  }
  if (positionals.length !== 1)
    throw new InputError(`inspect expects one run folder or run.duckdb file\n${INSPECT_USAGE}`);
  const loc = locateRun(positionals[0] as string);
  let loaded: Awaited<ReturnType<typeof loadRunSummary>>;
  try {
    loaded = await loadRunSummary(loc);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    const f = describeOpenFailure(error);
    throw new StoreError(
      `${loc.file}: ${f.kind === 'locked' ? lockedText(f.pid) : `cannot read it: ${f.reason}`}`,
      { cause: error },
    );
  }
  const { summary, from } = loaded;
  if (values.json) {
    log(JSON.stringify(summary, null, 2));
    return 0;
  }
  log(formatRunHeader(summary, displayPath(loc.dir)));
  log('');
  log(formatSummaryTable(summary));
  log('');
  log(
    `report: ${existsSync(loc.reportFile) ? loc.reportFile : `not written (livemodel report ${displayPath(loc.dir)})`}`,
  );
  log(
    `(summary read from ${from === 'summary.json' ? 'summary.json' : `${displayPath(loc.file)}: summary.json missing or older than the run file`})`,
  );
  return 0;
}
