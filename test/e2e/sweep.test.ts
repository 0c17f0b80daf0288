import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepJson } from '../../src/sweep/index.ts';
import { ROOT, runCli, spawnCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';
import { startRedis, type TestRedis } from '../helpers/redis-server.ts';

const dir = tempDir('livemodel-sweep-e2e-');
const DATA = join(ROOT, 'data/eu-stock-markets.csv');

function sweepFile(name: string, sweep: string, data = `file: ${DATA}`): string {
  const f = join(dir, `${name}.yaml`);
  writeFileSync(
    f,
    `name: ${name}\nseed: 5\ndata: { ${data}, symbols: [DAX, CAC] }\nmodel: { kind: logistic }\nlifecycle: { warmupBars: 40 }\nsweep:\n${sweep}`,
  );
  return f;
}

/** md5 over each job's prediction rows, ordered by their text. */
async function predictionDigests(file: string): Promise<Record<string, string>> {
  const rows = await queryFile(
    file,
    `SELECT job_id, count(*) AS n, md5(string_agg(CAST(p AS VARCHAR), chr(10) ORDER BY CAST(p AS VARCHAR))) AS h FROM predictions p GROUP BY job_id ORDER BY job_id`,
  );
  return Object.fromEntries(rows.map((r) => [r.job_id, `${r.n}:${r.h}`]));
}

const numbers = (j: SweepJson) => ({
  points: j.points,
  heatmap: j.heatmap,
  best: j.best,
  jobs: j.jobs.map(({ duration_s: _d, worker: _w, ...rest }) => rest),
});

function expectOneLineError(r: { code: number; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('livemodel sweep: local worker threads and a BullMQ queue with two livemodel worker processes', () => {
  const grid =
    '  parameters:\n    model.learningRate: [0.02, 0.2]\n  seeds: [11]\n  metric: sharpe\n';
  const file = sweepFile('lr', grid);
  let redis: TestRedis;
  let workers: ReturnType<typeof spawnCli>[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    workers = [1, 2].map(() => spawnCli(['worker', '--queue', redis.url, '--concurrency', '1']));
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await redis?.stop();
  });

  it('gives identical merged predictions and sweep.json numbers locally and through Redis', async () => {
    const local = runCli(['sweep', file, '--workers', '2', '--out', join(dir, 'local')]);
    expect(local.stderr).toBe('');
    expect(local.code).toBe(0);
    expect(local.stdout).toMatch(/complete: 2\/2 jobs complete, 0 failed/);
    const queued = runCli(['sweep', file, '--queue', redis.url, '--out', join(dir, 'queue')]);
    expect(queued.stderr).toBe('');
    expect(queued.code).toBe(0);
    const a = await predictionDigests(join(dir, 'local', 'sweep.duckdb'));
    const b = await predictionDigests(join(dir, 'queue', 'sweep.duckdb'));
    expect(Object.keys(a)).toEqual(['j001', 'j002']);
    expect(b).toEqual(a);
    expect(a['j001']).not.toEqual(a['j002']);
    const ja = JSON.parse(readFileSync(join(dir, 'local', 'sweep.json'), 'utf8')) as SweepJson;
    const jb = JSON.parse(readFileSync(join(dir, 'queue', 'sweep.json'), 'utf8')) as SweepJson;
    expect(numbers(jb)).toEqual(numbers(ja));
    expect(ja.sweep).toMatchObject({ mode: 'local', workers: 2, status: 'complete' });
    expect(jb.sweep).toMatchObject({ mode: 'queue', queue: redis.url, status: 'complete' });
    expect(ja.heatmap?.cells.every((c) => typeof c.value === 'number')).toBe(true);
    for (const j of jb.jobs) expect(j.worker).toMatch(/^.+:\d+\/thread-\d+$/);
    expect(readFileSync(join(dir, 'queue', 'sweep.html'), 'utf8')).toContain('<svg');
  });

  it('records a failing job with its error; the other job completes and the sweep does not hang', async () => {
    const bad = join(dir, 'bad.csv');
    const lines = readFileSync(DATA, 'utf8').split('\n').slice(0, 400);
    lines[300] = lines[300]!.replace(/,[^,]*$/, ',oops');
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const f = sweepFile('fail', `  parameters:\n    data.file: [${DATA}, ${bad}]\n`);
    const r = runCli(['sweep', f, '--queue', redis.url, '--out', join(dir, 'fail')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/failed: 1\/2 jobs complete, 1 failed/);
    expect(r.stdout).toMatch(/failed j002: .*bad\.csv:301/);
    const json = JSON.parse(readFileSync(join(dir, 'fail', 'sweep.json'), 'utf8')) as SweepJson;
    expect(json.jobs.map((j) => j.status)).toEqual(['complete', 'failed']);
    expect(json.sweep.counts).toMatchObject({ complete: 1, failed: 1 });
    const rows = await queryFile(
      join(dir, 'fail', 'sweep.duckdb'),
      'SELECT job_id, status, error FROM jobs ORDER BY job_id',
    );
    expect(rows[0]).toMatchObject({ job_id: 'j001', status: 'complete', error: null });
    expect(rows[1]).toMatchObject({ job_id: 'j002', status: 'failed' });
    expect(rows[1].error).toMatch(/bad\.csv:301/);
    const merged = await queryFile(
      join(dir, 'fail', 'sweep.duckdb'),
      'SELECT DISTINCT job_id FROM predictions',
    );
    expect(merged).toEqual([{ job_id: 'j001' }]);
  });

  it('stops the workers cleanly on SIGTERM after they ran jobs', async () => {
    for (const w of workers) w.child.kill('SIGTERM');
    const done = await Promise.all(workers.map((w) => w.done));
    for (const d of done) expect(d.code).toBe(0);
    const log = done.map((d) => d.stdout).join('\n');
    expect(log).toMatch(/complete .*-j001/);
    expect(log).toMatch(/complete .*-j002/);
    expect(log).toMatch(/stopped/);
  });
});

describe('livemodel sweep: bad sweep files and Ctrl-C', () => {
  it('ends a bad sweep file with one line naming the field, and exit 2', () => {
    expectOneLineError(
      runCli(['sweep', sweepFile('path', '  parameters: { lifecycle.warmupBar: [10, 20] }\n')]),
      /^livemodel: .*path\.yaml \[sweep lifecycle\.warmupBar=10\]: unknown field `lifecycle\.warmupBar` \(did you mean `lifecycle\.warmupBars`\?\)$/,
    );
    expectOneLineError(
      runCli([
        'validate',
        sweepFile('metric', '  parameters: { model.learningRate: [0.1] }\n  metric: sharp\n'),
      ]),
      /`sweep\.metric`: expected one of .*\(did you mean `sharpe`\?\)$/,
    );
  });

  it('stops a local sweep on SIGINT: running job incomplete, the rest cancelled, exit 130', async () => {
    const f = sweepFile('stop', '  parameters: { model.learningRate: [0.01, 0.02, 0.03, 0.04] }\n');
    const run = spawnCli(['sweep', f, '--workers', '1', '--out', join(dir, 'stop')]);
    const deadline = Date.now() + 60_000;
    while (!/\[1\/4\]/.test(run.stdout()) && Date.now() < deadline && run.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 50));
    run.child.kill('SIGINT');
    const done = await run.done;
    expect(done.code).toBe(130);
    expect(done.stderr).toMatch(/interrupted: stopping the running jobs/);
    const json = JSON.parse(readFileSync(join(dir, 'stop', 'sweep.json'), 'utf8')) as SweepJson;
    expect(json.sweep.status).toBe('incomplete');
    expect(json.jobs[0]?.status).toBe('complete');
    expect(json.jobs.slice(2).every((j) => j.status === 'cancelled')).toBe(true);
    expect(['complete', 'incomplete']).toContain(json.jobs[1]?.status);
  });
});
