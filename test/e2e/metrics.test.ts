import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';
import { type PromExposition, parsePromText, promSum } from '../helpers/prom-text.ts';
import { synthTrades } from '../helpers/venue-frames.ts';
import { startVenueServer } from '../helpers/venue-server.ts';

async function waitFor<T>(check: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function scrape(url: string): Promise<PromExposition> {
  const r = await fetch(url);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePromText(await r.text());
}

/** `SELECT key, n` rows as a Map (DuckDB counts come back as strings). */
async function counts(file: string, sql: string): Promise<Map<string, number>> {
  const rows = await queryFile(file, sql);
  return new Map(rows.map((r) => [String(r.k), Number(r.n)]));
}

/** Per label value of `label`, the sum of `name` (only the non-zero ones). */
function byLabel(e: PromExposition, name: string, label: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of e.samples.filter((x) => x.name === name && x.value !== 0)) {
    const k = s.labels[label] as string;
    out.set(k, (out.get(k) ?? 0) + s.value);
  }
  return out;
}

/** (variant/symbol → state) of the lifecycle_state series at 1. */
function currentStates(e: PromExposition): Map<string, string> {
  return new Map(
    e.samples
      .filter((s) => s.name === 'livemodel_lifecycle_state' && s.value === 1)
      .map((s) => [`${s.labels['variant']}/${s.labels['symbol']}`, s.labels['state'] as string]),
  );
}

const LAST_STATES = `SELECT variant || '/' || symbol AS k, arg_max(to_state, rowid) AS n FROM transitions GROUP BY ALL`;

describe('/metrics (Prometheus text format) on serve and live', () => {
  it('serve: counts equal the rows of the run file; names and labels are the ones the Grafana dashboard queries', async () => {
    const dir = tempDir('livemodel-metrics-serve-');
    const run = spawnCli([
      'serve',
      'scenarios/quickstart.yaml',
      '--port',
      '0',
      '--token',
      'tok',
      '--speed',
      '1e12',
      '--out',
      dir,
      '--set',
      'lifecycle.policy=periodic',
      '--set',
      'lifecycle.periodBars=200',
      '--set',
      'lifecycle.probationMargin=0',
      '--set',
      'lifecycle.test.alpha=0.3',
      '--set',
      'monitoring.drift=[{detector: page_hinkley, on: feature, feature: vol_20, params: {delta: 0.005, threshold: 0.1}}, {detector: adwin, on: loss}]',
    ]);
    const url = await waitFor(
      () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())?.[1],
    );
    // no token needed: /metrics is read-only, like the other GET routes
    const during = await scrape(`${url}/metrics`);
    expect(during.types.get('livemodel_bars_total')).toBe('counter');
    await waitFor(() => (/the API stays up read-only/.test(run.stdout()) ? true : undefined));
    const m = await scrape(`${url}/metrics`);
    const stream = (await (await fetch(`${url}/ml/stream/status`)).json()) as {
      connection: { slices: number };
    };
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = join(dir, 'run.duckdb');

    expect(promSum(m, 'livemodel_bars_total')).toBe(
      Number((await queryFile(file, 'SELECT bars FROM runs'))[0].bars),
    );
    const promotions = await counts(
      file,
      `SELECT variant || '/' || symbol AS k, count(*) AS n FROM version_events
       WHERE event = 'promoted' AND detail <> 'end of warmup' GROUP BY ALL`,
    );
    const total = [...promotions.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(5); // not vacuous
    expect(promSum(m, 'livemodel_promotions_total')).toBe(total);
    for (const [k, n] of promotions) {
      const [variant, symbol] = k.split('/') as [string, string];
      expect(promSum(m, 'livemodel_promotions_total', { variant, symbol }), k).toBe(n);
    }
    const rollbacks = await counts(
      file,
      `SELECT 'all' AS k, count(*) AS n FROM version_events WHERE event = 'restored'`,
    );
    expect(rollbacks.get('all')).toBeGreaterThan(0);
    expect(promSum(m, 'livemodel_rollbacks_total')).toBe(rollbacks.get('all'));
    expect(byLabel(m, 'livemodel_tests_total', 'decision')).toEqual(
      await counts(file, 'SELECT decision AS k, count(*) AS n FROM ab_tests GROUP BY ALL'),
    );
    const drifts = await counts(
      file,
      'SELECT detector AS k, count(*) AS n FROM drift_events GROUP BY ALL',
    );
    expect(drifts.size).toBeGreaterThan(0);
    expect(byLabel(m, 'livemodel_drift_events_total', 'detector')).toEqual(drifts);
    const states = await queryFile(file, LAST_STATES);
    expect(currentStates(m)).toEqual(new Map(states.map((s) => [s.k, s.n])));
    // one latency observation per bar close: a slice, every symbol's bar of one date
    expect(stream.connection.slices).toBe(1860);
    expect(promSum(m, 'livemodel_decision_latency_seconds_count')).toBe(stream.connection.slices);
    expect(promSum(m, 'livemodel_feed_connected', { feed: 'replay' })).toBe(0); // the file is read

    // every metric and label the committed dashboard queries exists in the exposition
    const dashboard = readFileSync(join(ROOT, 'deploy/grafana/dashboards/livemodel.json'), 'utf8');
    const exprs: string[] = JSON.parse(dashboard).panels.flatMap(
      (p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr),
    );
    for (const expr of exprs) {
      for (const [, name] of expr.matchAll(/\b(livemodel_[a-z_]+)/g)) {
        const family = (name as string).replace(/_bucket$/, '');
        expect(m.types.has(family), `${expr}: ${family}`).toBe(true);
        for (const [, list] of expr.matchAll(/by \(([^)]*)\)/g))
          for (const label of (list as string).split(',').map((l) => l.trim()))
            if (label !== 'le')
              expect(
                m.samples.some((s) => s.name.startsWith(family) && label in s.labels),
                `${expr}: label ${label}`,
              ).toBe(true);
      }
    }
  }, 120_000);

  it('live --metrics-port 0: prints the bound address; feed, lag and latency gauges; counts agree with the run file', async () => {
    const trades = synthTrades(['A', 'B'], 80);
    const venue = await startVenueServer((c) => {
      for (const t of trades)
        c.send(
          JSON.stringify({ ts: t.ts, symbol: t.symbol, price: t.price, size: t.size, id: t.id }),
        );
    });
    const dir = tempDir('livemodel-metrics-live-');
    const run = spawnCli([
      'live',
      '--feed',
      'ndjson',
      '--url',
      venue.url,
      '--interval',
      '1s',
      '--out',
      dir,
      '--quiet',
      '--metrics-port',
      '0',
    ]);
    try {
      const url = await waitFor(
        () => /^metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)$/m.exec(run.stdout())?.[1],
      );
      // every trade delivered and the bars it closed decided: the last trade is at 79.75 s, and a
      // bar closes once market time passes its end by the 1 s reordering window: 2 × 78 bars
      let m = await scrape(url);
      const deadline = Date.now() + 30_000;
      while (promSum(m, 'livemodel_bars_total') < 156 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        m = await scrape(url);
      }
      expect(promSum(m, 'livemodel_bars_total')).toBe(156);
      expect(promSum(m, 'livemodel_feed_connected', { feed: 'ndjson' })).toBe(1);
      for (const symbol of ['A', 'B'])
        expect(promSum(m, 'livemodel_feed_lag_seconds', { symbol })).toBeGreaterThan(0);
      expect(promSum(m, 'livemodel_decision_latency_seconds_count')).toBeGreaterThan(0);
      expect((await fetch(url.replace('/metrics', '/health'))).status).toBe(404);
      run.child.kill('SIGINT');
      const r = await run.done;
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const file = join(dir, 'run.duckdb');
      // stopping closes the two open bars of each symbol (78–79 s, 79–80 s); nothing else changes
      expect(Number((await queryFile(file, 'SELECT bars FROM runs'))[0].bars)).toBe(160);
      expect(currentStates(m)).toEqual(
        new Map((await queryFile(file, LAST_STATES)).map((s) => [s.k, s.n])),
      );
      expect(byLabel(m, 'livemodel_tests_total', 'decision')).toEqual(
        await counts(file, 'SELECT decision AS k, count(*) AS n FROM ab_tests GROUP BY ALL'),
      );
    } finally {
      run.child.kill('SIGKILL');
      await venue.close();
    }
  }, 120_000);
});
