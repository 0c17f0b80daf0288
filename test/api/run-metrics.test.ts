import { describe, expect, it } from 'vitest';
import { RunMetrics, type StreamControl, startMetricsServer } from '../../src/api/index.ts';
import type { EpochMs } from '../../src/core/index.ts';
import { parsePromText, promSum } from '../helpers/prom-text.ts';

const ts = 0 as EpochMs;

/** A stream with a feed `state` and per-symbol lag. */
function stream(state: string, lags: Record<string, number | null>): StreamControl {
  return {
    mode: 'live',
    connection: () => ({ feed: 'binance', state }),
    symbolStatus: (s: string) => (s in lags ? { lagMs: lags[s] } : undefined),
    symbols: () => Object.keys(lags),
    configure: () => ({ applied: {}, notApplied: {} }),
    now: () => 0,
    finished: () => false,
  } as unknown as StreamControl;
}

describe('RunMetrics', () => {
  it('doc example: counts outcomes, reads bars and the feed at scrape time', async () => {
    const metrics = new RunMetrics();
    metrics.watch({ stream: stream('open', { A: 1500, B: null }), bars: () => 42 });
    metrics.write({
      type: 'transition',
      variant: 'm',
      symbol: 'A',
      ts,
      from: 'warmup',
      to: 'serving',
      event: 'warmup.done',
    });
    metrics.write({
      type: 'version_event',
      variant: 'm',
      symbol: 'A',
      ts,
      version: 1,
      event: 'promoted',
      detail: 'end of warmup',
    });
    metrics.write({
      type: 'version_event',
      variant: 'm',
      symbol: 'A',
      ts,
      version: 2,
      event: 'promoted',
      detail: 'won the dm test',
    });
    metrics.write({
      type: 'version_event',
      variant: 'm',
      symbol: 'A',
      ts,
      version: 1,
      event: 'restored',
      detail: 'rollback from v2',
    });
    metrics.write({
      type: 'drift',
      variant: 'm',
      symbol: 'A',
      ts,
      detector: 'adwin',
      kind: 'drift',
      feature: null,
    });
    metrics.observeDecision(2);
    const e = parsePromText(await metrics.render());
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(promSum(e, 'livemodel_bars_total')).toBe(42);
    expect(promSum(e, 'livemodel_promotions_total', { variant: 'm', symbol: 'A' })).toBe(1);
    expect(promSum(e, 'livemodel_rollbacks_total')).toBe(1);
    expect(promSum(e, 'livemodel_drift_events_total', { detector: 'adwin', kind: 'drift' })).toBe(
      1,
    );
    expect(promSum(e, 'livemodel_lifecycle_state', { symbol: 'A', state: 'serving' })).toBe(1);
    expect(promSum(e, 'livemodel_feed_connected', { feed: 'binance' })).toBe(1);
    expect(promSum(e, 'livemodel_feed_lag_seconds', { symbol: 'A' })).toBe(1.5);
    expect(
      e.samples.some((s) => s.name === 'livemodel_feed_lag_seconds' && s.labels['symbol'] === 'B'),
    ).toBe(false);
    expect(promSum(e, 'livemodel_decision_latency_seconds_bucket', { le: '0.0025' })).toBe(1);
    expect(promSum(e, 'livemodel_decision_latency_seconds_bucket', { le: '0.001' })).toBe(0);
  });

  it('the state left goes to 0; bars never count twice; symbols are label values (even __proto__)', async () => {
    const metrics = new RunMetrics();
    let bars = 10;
    metrics.watch({ stream: stream('backoff', {}), bars: () => bars });
    const t = (to: string, from: string) =>
      metrics.write({
        type: 'transition',
        variant: 'm',
        symbol: '__proto__',
        ts,
        from,
        to,
        event: 'x',
      });
    t('serving', 'warmup');
    t('updating', 'serving');
    await metrics.render();
    bars = 15;
    const e = parsePromText(await metrics.render());
    expect(promSum(e, 'livemodel_bars_total')).toBe(15);
    const states = e.samples.filter((s) => s.name === 'livemodel_lifecycle_state');
    expect(states.map((s) => [s.labels['symbol'], s.labels['state'], s.value])).toEqual([
      ['__proto__', 'warmup', 0],
      ['__proto__', 'serving', 0],
      ['__proto__', 'updating', 1],
    ]);
    expect(promSum(e, 'livemodel_feed_connected', { feed: 'binance' })).toBe(0);
  });

  it('each run has its own registry', async () => {
    const a = new RunMetrics();
    const b = new RunMetrics();
    a.write({
      type: 'ab_test',
      variant: 'm',
      symbol: 'A',
      startedTs: ts,
      endedTs: ts,
      championVersion: 1,
      challengerVersion: 2,
      n: 30,
      statistic: 1,
      pValue: 0.1,
      decision: 'reject',
      method: 'dm',
      alpha: 0.05,
      testIndex: 1,
      horizon: 1,
      df: 29,
      meanDiff: 0,
    });
    expect(
      promSum(parsePromText(await a.render()), 'livemodel_tests_total', { decision: 'reject' }),
    ).toBe(1);
    expect(promSum(parsePromText(await b.render()), 'livemodel_tests_total')).toBe(0);
  });
});

describe('startMetricsServer', () => {
  it('answers GET and HEAD /metrics; anything else is a JSON 404 or 405', async () => {
    const metrics = new RunMetrics();
    const server = await startMetricsServer(metrics, { port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const get = await fetch(`${server.url}/metrics`);
      const text = await get.text();
      expect(parsePromText(text).types.get('livemodel_decision_latency_seconds')).toBe('histogram');
      const head = await fetch(`${server.url}/metrics`, { method: 'HEAD' });
      expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      const post = await fetch(`${server.url}/metrics`, { method: 'POST' });
      expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
      const other = await fetch(`${server.url}/docs`);
      expect(other.status).toBe(404);
      expect(await other.json()).toEqual({
        error: 'no route /docs; this listener serves GET /metrics only',
      });
    } finally {
      await server.close();
    }
  });
});
