import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiServer,
  EventBus,
  LifecycleStats,
  liveStreamControl,
  openApiDocument,
  startApiServer,
  teeSinks,
} from '../../src/api/index.ts';
import { WallClock } from '../../src/clock/index.ts';
import { createRandom } from '../../src/core/index.ts';
import { LiveSession } from '../../src/engine/index.ts';
import { createFeed } from '../../src/feeds/index.ts';
import { defaultLiveScenario, toEngineConfig } from '../../src/runner/index.ts';
import { openApiChecker } from '../helpers/openapi-check.ts';
import { type SynthTrade, synthTrades } from '../helpers/venue-frames.ts';
import {
  startVenueServer,
  type VenueConnection,
  type VenueServer,
} from '../helpers/venue-server.ts';

const TOKEN = 'live-token';
const row = (t: SynthTrade) =>
  JSON.stringify({ ts: t.ts, symbol: t.symbol, price: t.price, size: t.size, id: t.id });

describe('stream routes on a live session (NDJSON feed over a local WebSocket)', () => {
  const trades = synthTrades(['A', 'B'], 80);
  let server: VenueServer;
  let conn: VenueConnection | undefined;
  let api: ApiServer;
  let session: LiveSession;
  const controller = new AbortController();
  let running: Promise<unknown>;
  const stats = new LifecycleStats();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read by field name
  const get = async (path: string): Promise<any> => (await fetch(`${api.url}${path}`)).json();
  const settle = async () => {
    const deadline = Date.now() + 5000;
    while (session.feedStatus().messages < server.sent() && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
  };

  beforeAll(async () => {
    server = await startVenueServer((c) => {
      conn = c;
      for (const t of trades.slice(0, 320)) c.send(row(t)); // 40 s of both symbols
    });
    const feed = createFeed(
      { feed: 'ndjson', url: server.url, symbols: [] },
      { wall: new WallClock(), random: createRandom(1) },
    );
    const bus = new EventBus();
    session = new LiveSession({
      config: toEngineConfig(defaultLiveScenario()),
      feed,
      sink: teeSinks(bus, stats),
      intervalMs: 1000,
      reorderWindowMs: 500,
      stopwatch: () => performance.now(),
    });
    running = session.run(controller.signal);
    api = await startApiServer({
      models: session.engine,
      stream: liveStreamControl(session, () => false),
      bus,
      stats,
      token: TOKEN,
      port: 0,
    });
    while (conn === undefined) await new Promise((r) => setTimeout(r, 10));
    await settle();
  });
  afterAll(async () => {
    controller.abort();
    await running;
    await api.close();
    await server.close();
  });

  it('GET /ml/stream/status: connection state, messages, lag, buffer fill, decision latency', async () => {
    const s = await get('/ml/stream/status');
    expect(s.mode).toBe('live');
    expect(s.connection).toMatchObject({
      feed: 'ndjson',
      state: 'open',
      connects: 1,
      disconnects: 0,
      messages: 320,
      ticks: 320,
      duplicates: 0,
      gaps: 0,
      reorderWindowMs: 500,
      lateDropped: 0,
    });
    expect(s.connection.decisionLatency.count).toBe(39); // one sample per slice (bar close)
    expect(s.symbols.A).toMatchObject({
      symbol: 'A',
      intervalMs: 1000,
      ticks: 160,
      lateDropped: 0,
      buffer: { capacity: 3 },
    });
    expect(s.symbols.A.buffer.open).toBeGreaterThanOrEqual(1);
    expect(typeof s.symbols.A.lagMs).toBe('number');
    expect(s.symbols.A.engineBuffers).toMatchObject({
      pending: expect.any(Number),
      recent: expect.any(Number),
    });
    const models = await get('/ml/models/status/A');
    expect(models.models[0]).toMatchObject({ state: 'serving', bars: 39 }); // the 40th bar is still open
  });

  it('POST /ml/stream/configure applies a new bar interval from the next bar; what it cannot apply is named', async () => {
    const r = await fetch(`${api.url}/ml/stream/configure`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        symbol: 'A',
        barIntervalMs: 5000,
        reorderWindowMs: 100,
        buffers: { pendingMax: 10 },
      }),
    });
    expect(r.status).toBe(200);
    const body = (await r.json()) as {
      results: { applied: unknown; notApplied: Record<string, string> }[];
    };
    const res = body.results[0]!;
    expect(res.applied).toEqual({
      barIntervalMs: { value: 5000, fromTs: trades[0]!.ts + 40_000 },
      reorderWindowMs: { value: 100, scope: 'every symbol (one market clock)' },
    });
    expect(Object.keys(res.notApplied)).toEqual(['buffers.pendingMax']);
    const barsBefore = {
      A: session.engine.status('A')[0]?.bars ?? 0,
      B: session.engine.status('B')[0]?.bars ?? 0,
    };
    for (const t of trades.slice(320)) conn?.send(row(t)); // 40 s more
    await settle();
    const barsAfter = {
      A: session.engine.status('A')[0]?.bars ?? 0,
      B: session.engine.status('B')[0]?.bars ?? 0,
    };
    expect(barsAfter.B - barsBefore.B).toBe(40);
    expect(barsAfter.A - barsBefore.A).toBe(8); // bar 40 (1 s) closes, then 5 s bars: 7 of them close before the last open one
    expect((await get('/ml/stream/status')).connection.reorderWindowMs).toBe(100);
    expect((await get('/ml/stream/status/A')).symbols.A.intervalMs).toBe(5000);
  });

  it('a late tick is dropped, counted in the stream status and pushed as an alert', async () => {
    conn?.send(row({ ...trades[0]!, id: 999_999 }));
    await settle();
    const s = await get('/ml/stream/status/A');
    expect(s.symbols.A.lateDropped).toBe(1);
    expect(s.connection.lateDropped).toBe(1);
    expect(stats.summary().counts.alerts).toBeGreaterThanOrEqual(1);
  });

  it('every reply of a live run conforms to the OpenAPI document (LiveConnection, LiveSymbolStream)', async () => {
    const oas = openApiChecker(openApiDocument('0'));
    const at = (path: string, init?: RequestInit) => fetch(`${api.url}${path}`, init);
    await oas.check('/health', 'get', await at('/health'));
    await oas.check('/ml/models/status', 'get', await at('/ml/models/status'));
    await oas.check('/ml/stream/status', 'get', await at('/ml/stream/status'));
    await oas.check('/ml/stream/status/{symbol}', 'get', await at('/ml/stream/status/A'));
    await oas.check('/ml/lifecycle/metrics', 'get', await at('/ml/lifecycle/metrics'));
    const body = JSON.stringify({ symbol: 'B', barIntervalMs: 2000, detectors: { error: 'ddm' } });
    const headers = { authorization: `Bearer ${TOKEN}` };
    const r = await at('/ml/stream/configure', { method: 'POST', headers, body });
    expect(r.status).toBe(200);
    await oas.check('/ml/stream/configure', 'post', r);
    const s = (await (await at('/ml/stream/status')).json()) as { connection: { feed: string } };
    expect(s.connection.feed).toBe('ndjson'); // the live shape was the one checked
  });
});
