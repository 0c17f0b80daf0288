import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

async function waitFor(check: () => string | undefined, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('livemodel serve (end to end)', () => {
  it('serves the API over a paced replay of the quickstart scenario; commands need the token; SIGINT ends it cleanly', async () => {
    const dir = tempDir('livemodel-serve-');
    const run = spawnCli([
      'serve',
      'scenarios/quickstart.yaml',
      '--port',
      '0',
      '--token',
      'tok',
      '--speed',
      '20000000',
      '--out',
      dir,
    ]);
    const url = await waitFor(
      () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())?.[1],
    );
    const health = await (await fetch(`${url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', mode: 'replay' });
    const post = (token: string | null) =>
      fetch(`${url}/ml/models/update-online`, {
        method: 'POST',
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
        body: JSON.stringify({ symbol: '*' }),
      });
    expect((await post(null)).status).toBe(401);
    // retry until warmup is over (100 bars at ~4 ms each): refused meanwhile with the machine's reason
    let status = 0;
    for (let i = 0; i < 200 && status !== 200; i++) {
      const r = await post('tok');
      status = r.status;
      if (status === 409)
        expect(((await r.json()) as { reason: string }).reason).toBe(
          'still warming up: no champion serves yet',
        );
      else await r.json();
      if (status !== 200) await new Promise((res) => setTimeout(res, 50));
    }
    expect(status).toBe(200);
    const models = (await (await fetch(`${url}/ml/models/status/DAX`)).json()) as {
      models: { state: string; bars: number }[];
    };
    expect(['updating', 'testing', 'serving']).toContain(models.models[0]?.state);
    // let a few bars pass after warmup so the run has something to report
    for (let i = 0; i < 100; i++) {
      const s = (await (await fetch(`${url}/ml/models/status/DAX`)).json()) as {
        models: { bars: number }[];
      };
      if ((s.models[0]?.bars ?? 0) >= 110) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [row] = await queryFile(join(dir, 'run.duckdb'), 'SELECT status FROM runs');
    expect(['incomplete', 'complete']).toContain(row?.status);
    const [t] = await queryFile(
      join(dir, 'run.duckdb'),
      `SELECT count(*) AS n FROM transitions WHERE event = 'cmd.update'`,
    );
    expect(Number(t?.n)).toBeGreaterThan(0);
  });

  it('refuses to serve on a non-loopback address without a token', async () => {
    const r = await spawnCli(['serve', '--host', '0.0.0.0', '--port', '0']).done;
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'livemodel: refusing to serve on 0.0.0.0 without a token: pass --token or set LIVEMODEL_TOKEN (or use --host 127.0.0.1)',
    );
  });
});
