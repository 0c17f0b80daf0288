import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliInProcess, tempDir } from '../helpers/cli.ts';
import { tinyScenario } from '../helpers/tiny-scenario.ts';

const dir = tempDir('livemodel-clix-');

const md5 = (file: string): string => createHash('md5').update(readFileSync(file)).digest('hex');

describe('livemodel run --json / --quiet, inspect and list (end to end)', () => {
  const runs = join(dir, 'runs');
  const a = join(runs, 'a');
  const several = join(runs, 'several');
  let plain: ReturnType<typeof runCli>;
  let json: ReturnType<typeof runCli>;

  beforeAll(async () => {
    const tiny = tinyScenario(dir, 'tiny', 3, 200);
    const other = tinyScenario(dir, 'other', 15, 120);
    // a real process: what a terminal-less stderr gets; the other commands run in this process
    plain = runCli(['run', tiny, '--out', a]);
    json = await runCliInProcess(['run', tiny, other, '--out', several, '--json']);
  });

  it('prints no progress when stderr is not a terminal', () => {
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    expect(json.stderr).toBe('');
    expect(plain.stdout).toMatch(
      /^variant\s+return\s+Sharpe\s+max DD\s+accuracy\s+F1\s+updates\s+promotions\s+rollbacks$/m,
    );
    expect(plain.stdout).toContain(`report: ${join(a, 'report.html')}`);
  });

  it('--json prints one JSON object per scenario on stdout, and nothing else', async () => {
    expect(json.code).toBe(0);
    const lines = json.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first).toMatchObject({
      name: 'tiny',
      status: 'complete',
      bars: 600,
      out_dir: join(several, 'tiny'),
      report: join(several, 'tiny', 'report.html'),
    });
    expect(second).toMatchObject({
      name: 'other',
      status: 'complete',
      bars: 15 * 120,
      out_dir: join(several, 'other'),
    });
    // the headline numbers are those of summary.json
    const s = JSON.parse(readFileSync(join(several, 'tiny', 'summary.json'), 'utf8'));
    expect(first.variants.model).toEqual({
      total_return: s.strategies.model.portfolio.total_return,
      sharpe: s.strategies.model.portfolio.sharpe,
      max_drawdown: s.strategies.model.portfolio.max_drawdown,
      accuracy: s.models.model.overall.accuracy,
      f1: s.models.model.overall.f1,
      updates: 0,
      promotions: s.models.model.lifecycle.promotions,
      rollbacks: s.models.model.lifecycle.rollbacks,
    });
    expect(Object.keys(first.baselines).sort()).toEqual(['buy_and_hold', 'frozen', 'naive']);
    expect(first.baselines.buy_and_hold.total_return).toBe(
      s.strategies.buy_and_hold.portfolio.total_return,
    );
  });

  it('--quiet prints nothing', async () => {
    const r = await runCliInProcess([
      'run',
      tinyScenario(dir, 'quiet', 2, 80),
      '--out',
      join(dir, 'quiet'),
      '--quiet',
    ]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('inspect prints the run header and the end-of-run table; --json prints summary.json', async () => {
    const r = await runCliInProcess(['inspect', a]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^scenario\s+tiny \(seed 3\)$/m);
    expect(r.stdout).toMatch(/^status\s+complete$/m);
    expect(r.stdout).toMatch(/^period\s+2020-\d\d-\d\d → 2020-\d\d-\d\d$/m);
    expect(r.stdout).toMatch(/^bars\s+600 · 3 symbols$/m);
    expect(r.stdout).toMatch(/^started\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · took [\d.]+ s$/m);
    // the same table as at the end of the run
    const table = (out: string) =>
      out
        .slice(out.indexOf('variant model'), out.indexOf('\nreport: '))
        .replace(/\n\nbackend: .*$/s, '')
        .trim();
    expect(table(r.stdout)).toContain('baseline');
    expect(table(r.stdout)).toBe(table(plain.stdout));
    expect(r.stdout).toContain(`report: ${join(a, 'report.html')}`);
    expect(r.stdout).toContain('(summary read from summary.json)');
    const j = await runCliInProcess(['inspect', join(a, 'run.duckdb'), '--json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual(JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')));
  });

  it('inspect computes the summary from the run file, read-only, when summary.json is missing', async () => {
    const copy = join(dir, 'copy');
    mkdirSync(copy);
    writeFileSync(join(copy, 'run.duckdb'), readFileSync(join(a, 'run.duckdb')));
    const before = md5(join(copy, 'run.duckdb'));
    const r = await runCliInProcess(['inspect', copy, '--json']);
    expect(r.code).toBe(0);
    const fromFile = JSON.parse(r.stdout);
    expect(fromFile).toEqual(JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')));
    const text = await runCliInProcess(['inspect', copy]);
    expect(text.stdout).toMatch(
      /summary read from .*run\.duckdb: summary\.json missing or older than the run file/,
    );
    expect(text.stdout).toContain('report: not written');
    expect(md5(join(copy, 'run.duckdb'))).toBe(before);
    expect(existsSync(join(copy, 'summary.json'))).toBe(false);
    expect(existsSync(join(copy, 'run.duckdb.wal'))).toBe(false);
    // a stale summary.json (older than the run file) is not used either
    writeFileSync(
      join(copy, 'summary.json'),
      '{"run": {"run_id": "stale"}, "strategies": {}, "models": {}}',
    );
    const old = new Date(statSync(join(copy, 'run.duckdb')).mtimeMs - 60_000);
    utimesSync(join(copy, 'summary.json'), old, old);
    expect(JSON.parse((await runCliInProcess(['inspect', copy, '--json'])).stdout).run.run_id).toBe(
      fromFile.run.run_id,
    );
  });

  it('list prints one line per run under DIR, oldest first, and says which file it cannot read', async () => {
    mkdirSync(join(runs, 'broken'));
    writeFileSync(join(runs, 'broken', 'run.duckdb'), 'not a database');
    const r = await runCliInProcess(['list', runs]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^folder\s+scenario\s+status\s+symbols\s+bars\s+started \(UTC\)\s+duration\s+variant\s+return\s+Sharpe\s+note$/,
    );
    const body = lines.slice(2);
    expect(body).toHaveLength(4);
    // runs by start time: a, then the two of --json; the unreadable file sorts by its change time (last)
    expect(body[0]).toMatch(
      /runs\/a\s+tiny\s+complete\s+3\s+600\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+[\d.]+ s\s+model\s+-?\d+\.\d%\s+-?\d+\.\d\d/,
    );
    expect(body[1]).toMatch(/runs\/several\/tiny\s+tiny\s+complete\s+3\s+600/);
    expect(body[2]).toMatch(/runs\/several\/other\s+other\s+complete\s+15\s+1,800/);
    expect(body[3]).toMatch(/runs\/broken\s+\?\s+unreadable\s+.*not a DuckDB database file/);
    const j = JSON.parse((await runCliInProcess(['list', runs, '--json'])).stdout);
    expect(j.map((x: { status: string }) => x.status)).toEqual([
      'complete',
      'complete',
      'complete',
      'unreadable',
    ]);
    rmSync(join(runs, 'broken'), { recursive: true });
  });

  it('list and inspect name a missing folder or run (exit 2)', async () => {
    const l = await runCliInProcess(['list', join(dir, 'nope')]);
    expect(l.code).toBe(2);
    expect(l.stderr.trim()).toMatch(/^livemodel: list: no folder at .*nope/);
    const i = await runCliInProcess(['inspect', join(dir, 'nope')]);
    expect(i.code).toBe(2);
    expect(i.stderr.trim()).toMatch(/^livemodel: no run at .*nope/);
  });
});
