import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, spawnCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';
import { tinyScenario } from '../helpers/tiny-scenario.ts';

const BARS = 10 * 300_000;

describe('Ctrl-C on livemodel run (end to end)', () => {
  // The commands run in this process while a run is under way load their modules first: a
  // stopped run takes longer to finish the more bars it did, so each test stops its run early.
  beforeAll(async () => {
    await import('../../src/cli/run-command.ts');
    await import('../../src/cli/list-command.ts');
  });

  it('stops the replay cleanly: exit 130, the run recorded as incomplete, readable, with a report saying so', async () => {
    const dir = tempDir('livemodel-sigint-');
    const out = join(dir, 'runs', 'long');
    // 3 million bars: far longer than the test waits
    const run = spawnCli(['run', tinyScenario(dir, 'long', 10, 300_000), '--out', out]);
    const file = join(out, 'run.duckdb');
    const deadline = Date.now() + 30_000;
    // the run file is created when the source is open, right before the replay starts
    while (!existsSync(file) && Date.now() < deadline && run.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(file)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));

    // while the run writes its file, list says so on that run's line instead of failing
    const during = await runCliInProcess(['list', join(dir, 'runs')]);
    expect(during.code).toBe(0);
    expect(during.stdout).toMatch(
      /runs\/long\s+\?\s+running\s+.*in use by another process \(PID \d+\): a run still writing it\?/,
    );

    run.child.kill('SIGINT');
    const done = await run.done;
    expect(done.code).toBe(130);
    expect(done.stderr).toBe('');
    expect(done.stdout).toContain('stopped early: the run is recorded as incomplete');

    const [row] = await queryFile(
      file,
      'SELECT status, bars, finished_at IS NOT NULL AS finished FROM runs',
    );
    expect(row.status).toBe('incomplete');
    expect(row.finished).toBe(true);
    expect(Number(row.bars)).toBeGreaterThan(0);
    expect(Number(row.bars)).toBeLessThan(BARS);
    const [{ n }] = await queryFile(file, 'SELECT count(*) AS n FROM predictions');
    expect(Number(n)).toBeGreaterThan(0);
    expect(existsSync(`${file}.wal`)).toBe(false);

    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/INCOMPLETE/);
    expect(html).toMatch(/stopped early/);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).run.status).toBe(
      'incomplete',
    );

    const after = await runCliInProcess(['list', join(dir, 'runs')]);
    expect(after.stdout).toMatch(/runs\/long\s+long\s+incomplete\s+10\s/);
  });

  it('SIGTERM ends it the same clean way with exit 143; a second run into the same folder meanwhile is refused', async () => {
    const dir = tempDir('livemodel-sigterm-');
    const out = join(dir, 'long');
    const scenario = tinyScenario(dir, 'long', 10, 300_000);
    const run = spawnCli(['run', scenario, '--out', out, '--quiet']);
    const file = join(out, 'run.duckdb');
    const deadline = Date.now() + 30_000;
    while (!existsSync(file) && Date.now() < deadline && run.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(file)).toBe(true);

    // one run owns its folder: the second is refused with one line, and the first goes on
    const second = await runCliInProcess(['run', scenario, '--out', out, '--quiet']);
    expect(second.code).toBe(2);
    expect(second.stderr.trim()).toMatch(
      new RegExp(
        `^livemodel: ${out.replaceAll('/', '\\/')} is in use by another run \\(pid ${run.child.pid}, since .+\\); choose another --out or wait for it to finish$`,
      ),
    );
    expect(run.child.exitCode).toBeNull();

    run.child.kill('SIGTERM');
    const done = await run.done;
    expect(done.code).toBe(143);
    expect(done.stderr).toBe('');
    const [row] = await queryFile(
      file,
      'SELECT status, finished_at IS NOT NULL AS finished FROM runs',
    );
    expect(row).toEqual({ status: 'incomplete', finished: true });
    expect(existsSync(`${file}.wal`)).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).run.status).toBe(
      'incomplete',
    );
    // the lock went with the run
    expect(existsSync(join(out, 'run.lock'))).toBe(false);
  });

  it('takes over the lock of a run whose process is gone (killed -9)', async () => {
    const dir = tempDir('livemodel-stale-');
    const out = join(dir, 'q');
    mkdirSync(out, { recursive: true });
    // a pid that cannot be alive: above the kernel's pid_max
    writeFileSync(
      join(out, 'run.lock'),
      '{"pid": 99999999, "startedAt": "2026-01-01T00:00:00Z"}\n',
    );
    const r = await runCliInProcess([
      'run',
      'scenarios/quickstart.yaml',
      '--out',
      out,
      '--quiet',
      '--symbols',
      'DAX',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'run.lock'))).toBe(false);
  });
});
