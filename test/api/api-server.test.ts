import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type ApiServer,
  EventBus,
  LifecycleStats,
  startApiServer,
  teeSinks,
} from '../../src/api/index.ts';
import { replayStreamControl } from '../../src/api/index.ts';
import { syntheticEngine } from '../helpers/synthetic-engine.ts';

const TOKEN = 'test-token-123';

describe('HTTP API against a real engine', () => {
  const bus = new EventBus();
  const stats = new LifecycleStats();
  const { engine, clock, step } = syntheticEngine(teeSinks(bus, stats));
  let finished = false;
  let api: ApiServer;
  const events: Json[] = [];
  let socket: WebSocket;

  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read by field name
  type Json = any;
  const get = async (
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Json; headers: Headers }> => {
    const r = await fetch(`${api.url}${path}`, { headers });
    return {
      status: r.status,
      body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text(),
      headers: r.headers,
    };
  };
  const post = async (
    path: string,
    body: unknown,
    token: string | null = TOKEN,
  ): Promise<{ status: number; body: Json; headers: Headers }> => {
    const r = await fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: r.status, body: await r.json(), headers: r.headers };
  };

  beforeAll(async () => {
    step(60);
    api = await startApiServer({
      models: engine,
      stream: replayStreamControl(
        engine,
        clock,
        { source: 'synthetic', symbols: ['A', 'B'], speed: 1 },
        () => finished,
      ),
      bus,
      stats,
      token: TOKEN,
      port: 0,
      version: '9.9.9',
    });
    socket = new WebSocket(
      `${api.url.replace('http', 'ws')}/ml/events?types=transition,version_event,ab_test&symbol=A`,
    );
    socket.on('message', (d) => events.push(JSON.parse(d.toString())));
    await new Promise((r) => socket.once('open', r));
  });
  afterAll(async () => {
    socket.close();
    await api.close();
  });

  it('doc example: GET /health answers on 127.0.0.1', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await get('/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      status: 'ok',
      mode: 'replay',
      finished: false,
      marketTime: 60000,
      symbols: 2,
      eventClients: 1,
    });
  });

  it('serves the OpenAPI description at /docs (JSON, and HTML for browsers)', async () => {
    const r = await get('/docs');
    expect(r.body.openapi).toBe('3.1.0');
    expect(r.body.info.version).toBe('9.9.9');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/ml/models/status/{symbol}',
        '/ml/models/update-online',
        '/ml/models/validate',
        '/ml/models/rollback',
        '/ml/stream/configure',
        '/ml/stream/status',
        '/ml/lifecycle/metrics',
        '/ml/events',
      ]),
    );
    expect(
      r.body.paths['/ml/models/rollback'].post.requestBody.content['application/json'].schema,
    ).toEqual({ $ref: '#/components/schemas/RollbackRequest' });
    expect(r.body.components.schemas.RollbackRequest.properties.version).toMatchObject({
      type: 'integer',
      minimum: 1,
    });
    const html = await get('/docs', { accept: 'text/html' });
    expect(html.body).toMatch(/<table>.*\/ml\/models\/update-online/s);
  });

  it('GET /ml/models/status: every symbol, one symbol, an unknown symbol (404)', async () => {
    const all = await get('/ml/models/status');
    expect(
      all.body.models.map((m: { symbol: string; state: string; championVersion: number }) => [
        m.symbol,
        m.state,
        m.championVersion,
      ]),
    ).toEqual([
      ['A', 'serving', 1],
      ['B', 'serving', 1],
    ]);
    for (const m of all.body.models) expect(typeof m.regime).toBe('string'); // the engine's regime detector
    expect(all.body.models[0].metrics).toMatchObject({ n: 29 }); // traded labels resolve one bar later
    const one = await get('/ml/models/status/B');
    expect(one.body.models).toHaveLength(1);
    const none = await get('/ml/models/status/ZZZ');
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ error: 'unknown symbol `ZZZ`', symbols: ['A', 'B'] });
  });

  it('mutating routes need the bearer token (401)', async () => {
    for (const token of [null, 'wrong', `${TOKEN}x`]) {
      const r = await post('/ml/models/update-online', { symbol: 'A' }, token);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(engine.status('A')[0]?.state).toBe('serving');
  });

  it('bad bodies get a 400 naming the field', async () => {
    const cases: [string, unknown, string][] = [
      ['/ml/models/update-online', { symbol: 'A', force: true }, 'force'],
      ['/ml/models/update-online', {}, 'symbol'],
      ['/ml/models/validate', { symbol: 7 }, 'symbol'],
      ['/ml/models/rollback', { symbol: 'A', version: 'latest' }, 'version'],
      ['/ml/models/rollback', { symbol: 'A', version: 0 }, 'version'],
      ['/ml/stream/configure', { symbol: 'A', barIntervalMs: 5 }, 'barIntervalMs'],
      ['/ml/stream/configure', { symbol: 'A', buffers: { ringSize: 10 } }, 'buffers.ringSize'],
      ['/ml/stream/configure', { symbol: 'A', detectors: { error: 'magic' } }, 'detectors.error'],
      ['/ml/models/validate', '{"symbol": ', '(body)'],
      ['/ml/models/validate', '[1]', '(body)'],
    ];
    for (const [path, body, field] of cases) {
      const r = await post(path, body);
      expect([path, r.status, r.body.field]).toEqual([path, 400, field]);
      expect(String(r.body.error)).toContain(field === '(body)' ? '' : field);
    }
    const r = await post('/ml/models/update-online', { symbol: 'A', force: true });
    expect(r.body.error).toBe('unknown field `force` in the request body');
  });

  it('unknown symbol or variant → 404; unknown route 404, wrong method 405', async () => {
    expect((await post('/ml/models/update-online', { symbol: 'NOPE' })).status).toBe(404);
    const v = await post('/ml/models/update-online', { symbol: 'A', variant: 'other' });
    expect(v.status).toBe(404);
    expect(v.body).toMatchObject({ error: 'unknown variant `other`', variants: ['model'] });
    expect((await get('/ml/nothing')).status).toBe(404);
    expect((await get('/ml/models/validate')).status).toBe(405);
  });

  it('commands: accepted (200) or refused by the machine (409 with its reason), through a whole update → test → promotion → rollback', async () => {
    const noPrev = await post('/ml/models/rollback', { symbol: 'B' });
    expect([noPrev.status, noPrev.body.reason]).toEqual([
      409,
      'no earlier champion to roll back to',
    ]);
    const notTesting = await post('/ml/models/validate', { symbol: 'A' });
    expect([notTesting.status, notTesting.body.reason]).toEqual([
      409,
      'no challenger under test (state serving)',
    ]);

    const up = await post('/ml/models/update-online', { symbol: 'A' });
    expect(up.status).toBe(200);
    expect(up.body.results).toEqual([
      { symbol: 'A', variant: 'model', accepted: true, state: 'updating' },
    ]);
    const again = await post('/ml/models/update-online', { symbol: 'A' });
    expect([again.status, again.body.reason]).toEqual([409, 'an update is already running']);

    step(2); // candidate ready → testing
    const early = await post('/ml/models/validate', { symbol: 'A' });
    expect(early.status).toBe(409);
    expect(early.body.reason).toMatch(/^only \d of 5 labels resolved for the test$/);
    const busy = await post('/ml/models/update-online', { symbol: 'A' });
    expect([busy.status, busy.body.reason]).toEqual([
      409,
      'a challenger (v2) is already under test',
    ]);

    step(8); // the test decides (promote at alpha 0.99)
    const st = await get('/ml/models/status/A');
    expect(st.body.models[0]).toMatchObject({ state: 'serving', championVersion: 2 });
    const badVersion = await post('/ml/models/rollback', { symbol: 'A', version: 99 });
    expect([badVersion.status, badVersion.body.reason]).toEqual([
      409,
      'version 99 is not an earlier champion with a kept snapshot (restorable: 1)',
    ]);
    const back = await post('/ml/models/rollback', { symbol: 'A', version: 1 });
    expect(back.status).toBe(200);
    expect((await get('/ml/models/status/A')).body.models[0]).toMatchObject({
      state: 'serving',
      championVersion: 1,
    });

    // '*' reaches every symbol: accepted where it applies
    const all = await post('/ml/models/update-online', { symbol: '*' });
    expect(all.status).toBe(200);
    expect(all.body.results).toHaveLength(2);
  });

  it('pushes transitions, promotions and rollbacks on /ml/events as they happen (filtered)', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(events[0]).toEqual({
      type: 'hello',
      filter: { types: ['transition', 'version_event', 'ab_test'], symbol: 'A' },
    });
    const seen = events
      .slice(1)
      .map((e) =>
        e.type === 'transition'
          ? `${e.from}→${e.to}`
          : e.type === 'version_event'
            ? `v${e.version} ${e.event}`
            : `test ${e.decision}`,
      );
    expect(seen.slice(0, 3)).toEqual(['serving→updating', 'v2 created', 'updating→testing']);
    expect(seen).toEqual(
      expect.arrayContaining([
        'test promote',
        'v2 promoted',
        'v1 restored',
        'serving→rollback',
        'rollback→serving',
      ]),
    );
    expect(events.slice(1).every((e) => e.symbol === 'A' && typeof e.time === 'string')).toBe(true);
  });

  it('GET /ml/lifecycle/metrics: counts and time in each state, from the outcome stream', async () => {
    const r = await get('/ml/lifecycle/metrics');
    expect(r.body.counts).toMatchObject({
      updates: 3,
      candidates: 1,
      tests: 1,
      promotions: 1,
      rollbacks: 1,
      rejections: 0,
    });
    expect(Object.keys(r.body.timeInStateMs)).toEqual(
      expect.arrayContaining(['serving', 'updating', 'testing']),
    );
    expect(r.body.bySymbol['model/A'].testing).toBeGreaterThan(0);
  });

  it('stream configure applies detectors and the recent window to the running actor; a replay names what it cannot apply', async () => {
    const r = await post('/ml/stream/configure', {
      symbol: 'A',
      barIntervalMs: 2000,
      buffers: { recentWindow: 200, volatilityWindow: 30 },
      detectors: { error: 'page_hinkley', feature: 'psi', threshold: 25 },
    });
    expect(r.status).toBe(200);
    const [res] = r.body.results;
    expect(res?.applied).toEqual({
      detectors: [
        { detector: 'page_hinkley', on: 'error', params: { threshold: 25 } },
        { detector: 'psi', on: 'feature', feature: 'ret_1', params: { threshold: 25 } },
      ],
      'buffers.recentWindow': 200,
    });
    expect(Object.keys(res?.notApplied ?? {})).toEqual([
      'barIntervalMs',
      'buffers.volatilityWindow',
    ]);
    const actor = engine.actor('A')!;
    expect(actor.driftSpecs.map((d) => d.detector)).toEqual(['page_hinkley', 'psi']);
    expect(actor.sizes().recent).toBeLessThanOrEqual(200);
    const bad = await post('/ml/stream/configure', {
      symbol: 'A',
      detectors: { error: 'adwin', threshold: 5 },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/adwin\.delta/);
    const s = await get('/ml/stream/status/A');
    expect(s.body.symbols.A.settings).toMatchObject({
      barIntervalMs: 2000,
      buffers: { recentWindow: 200 },
      detectors: { error: 'page_hinkley' },
    });
    expect(s.body.connection).toMatchObject({ state: 'replaying', bars: engine.bars });
    expect((await get('/ml/stream/status/NOPE')).status).toBe(404);
    expect(
      (await post('/ml/stream/configure', { symbol: 'NOPE', barIntervalMs: 1000 })).status,
    ).toBe(404);
  });

  it('after the source has ended, commands are refused (409)', async () => {
    finished = true;
    const r = await post('/ml/models/validate', { symbol: 'A' });
    expect([r.status, r.body.reason]).toEqual([409, 'run ended']);
    finished = false;
  });
});
