import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/report/index.ts';
import { runCli, spawnCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

/** The synthetic market of scenarios/synthetic-regimes.yaml with 100 symbols: about 12 s alone on 2 cores, long enough to stop mid-replay. */
const LONG_RUN = [
  'scenarios/synthetic-regimes.yaml',
  '--quiet',
  '--set',
  'data.synthetic.symbols=100',
];

const size = (f: string): number => (existsSync(f) ? statSync(f).size : 0);

/**
 * Starts `livemodel run` on the long scenario and waits until rows are committed (its write-ahead
 * log past 1 MB) or 60 s, then sends `signal`. Fails if the run ended by itself first.
 */
async function runAndStop(
  signal: NodeJS.Signals,
): Promise<{ out: string; code: number; signal: string | null; stdout: string; stderr: string }> {
  const out = tempDir('livemodel-crash-');
  const file = join(out, 'run.duckdb');
  const run = spawnCli(['run', ...LONG_RUN, '--out', out]);
  let ended = false;
  void run.done.then(() => {
    ended = true;
  });
  const deadline = Date.now() + 60_000;
  // Committed rows show in the write-ahead log (the file itself also grows with row groups that
  // DuckDB writes optimistically before a commit, so its size says nothing about committed rows).
  while (!ended && Date.now() < deadline && size(`${file}.wal`) < 1_000_000) await sleep(50);
  await sleep(300); // not in the middle of the first flush (each table commits on its own)
  expect(ended, `the run ended before it was stopped:\n${run.stderr()}`).toBe(false);
  run.child.kill(signal);
  const done = await run.done;
  return { out, ...done };
}

/** Every table and view of a run file can be read to the end. */
async function readEverything(file: string): Promise<Record<string, number>> {
  const names = await queryFile(
    file,
    "SELECT table_name AS n FROM duckdb_tables() WHERE schema_name = 'main' UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY n",
  );
  const counts: Record<string, number> = {};
  for (const { n } of names)
    counts[n] = Number(
      (await queryFile(file, `SELECT count(*) AS c, max(length(t::VARCHAR)) AS w FROM ${n} t`))[0]
        .c,
    );
  return counts;
}

describe('crash safety of the run file', () => {
  it('kill -9 mid-replay leaves a readable file with the rows so far, the run still `running`; report calls it incomplete (killed)', async () => {
    const r = await runAndStop('SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    const file = join(r.out, 'run.duckdb');
    // Read-only open: DuckDB replays the write-ahead log in memory, the files stay as the kill left them.
    const [row] = await queryFile(file, 'SELECT status, finished_at, bars FROM runs');
    expect(row).toEqual({ status: 'running', finished_at: null, bars: null });
    const counts = await readEverything(file);
    expect(counts['predictions']).toBeGreaterThan(0);
    expect(counts['model_versions']).toBe(0); // written at the end of a run
    expect(counts['v_symbol_summary']).toBeGreaterThan(0);
    expect(counts['v_version_history']).toBeGreaterThan(0);
    expect(Object.keys(counts)).toEqual(
      expect.arrayContaining(['runs', 'transitions', 'version_events', 'v_policy_comparison']),
    );

    const report = runCli(['report', r.out]);
    expect(report.code, report.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(r.out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.run).toMatchObject({
      status: 'incomplete',
      status_label: 'incomplete (killed)',
      recorded_status: 'running',
      finished_at: null,
    });
    const [champion] = await queryFile(
      file,
      "SELECT count(*)::INTEGER AS n FROM predictions WHERE role = 'champion'",
    );
    expect(summary.models['model']?.overall.predictions).toBe(champion.n);
    const html = readFileSync(join(r.out, 'report.html'), 'utf8');
    expect(html).toContain('<span class="status status-incomplete">incomplete (killed)</span>');
    expect(html).toContain('<b>INCOMPLETE (KILLED).</b>');

    const exported = runCli(['export', r.out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(
      new RegExp(`^predictions +table +${counts['predictions']!.toLocaleString('en-US')} `, 'm'),
    );
  }, 120_000);

  it('Ctrl-C (SIGINT) mid-replay stops cleanly: exit 130, the run incomplete with finished_at, report incomplete (interrupted)', async () => {
    const r = await runAndStop('SIGINT');
    expect(r.code, r.stderr).toBe(130);
    const file = join(r.out, 'run.duckdb');
    expect(existsSync(`${file}.wal`)).toBe(false); // finished with a checkpoint
    const [row] = await queryFile(
      file,
      'SELECT status, finished_at IS NOT NULL AS finished, bars::INTEGER AS bars FROM runs',
    );
    expect(row).toMatchObject({ status: 'incomplete', finished: true });
    expect(row.bars).toBeGreaterThan(0);
    expect((await readEverything(file))['predictions']).toBeGreaterThan(0);
    const summary = JSON.parse(readFileSync(join(r.out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.run).toMatchObject({
      status: 'incomplete',
      status_label: 'incomplete (interrupted)',
      recorded_status: 'incomplete',
    });
    expect(readFileSync(join(r.out, 'report.html'), 'utf8')).toContain(
      '<b>INCOMPLETE (INTERRUPTED).</b> This run was stopped early',
    );
  }, 120_000);
});
