import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ApiServer, openApiDocument, RunMetrics } from '../../src/api/index.ts';
import type { Engine } from '../../src/engine/index.ts';
import { FIXTURE_TOKEN, startFixtureApi } from '../helpers/api-fixture.ts';
import { openApiChecker } from '../helpers/openapi-check.ts';

/** Every operation the server answers: 12 routes of the control plane, and /metrics. */
const OPERATIONS = [
  'get /health',
  'get /docs',
  'get /metrics',
  'get /ml/models/status',
  'get /ml/models/status/{symbol}',
  'post /ml/models/update-online',
  'post /ml/models/validate',
  'post /ml/models/rollback',
  'post /ml/stream/configure',
  'get /ml/stream/status',
  'get /ml/stream/status/{symbol}',
  'get /ml/lifecycle/metrics',
  'get /ml/events',
];

describe('the OpenAPI document', () => {
  const doc = openApiDocument('1.2.3');

  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator, the official schema)', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // not vacuous: a planted mistake is caught
    const broken = structuredClone(doc) as Record<string, unknown> & typeof doc;
    (broken.paths['/health'].get.responses as Record<string, unknown>)['200'] = { content: {} };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('every component is a valid JSON Schema 2020-12 (Ajv, strict) and every $ref resolves', () => {
    expect(openApiChecker(doc).compileAll().length).toBe(
      Object.keys(doc.components.schemas).length,
    );
  });

  it('documents every operation, each with an operationId, and a schema for every response with a body', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { operationId: string; responses: object }>).map(
        ([method, op]) => ({ key: `${method} ${path}`, op }),
      ),
    );
    expect(ops.map((o) => o.key).sort()).toEqual([...OPERATIONS].sort());
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
    for (const { key, op } of ops)
      for (const [status, r] of Object.entries(op.responses) as [string, { content?: object }][]) {
        if (status === '101') continue; // switching protocols: no body
        const content = Object.values(r.content ?? {}) as { schema?: unknown }[];
        expect(content.length, `${key} ${status}`).toBeGreaterThan(0);
        for (const c of content) expect(c.schema, `${key} ${status}`).toBeDefined();
        if (status !== '200')
          expect(r.content).toHaveProperty(
            ['application/json', 'schema', '$ref'],
            '#/components/schemas/Error',
          );
      }
  });
});

describe('live responses of every route conform to the document (real server, real socket)', () => {
  let api: ApiServer;
  let step: (n?: number) => void;
  let engine: Engine;
  const doc = openApiDocument('0.0.0');
  const oas = openApiChecker(doc);
  const auth = { authorization: `Bearer ${FIXTURE_TOKEN}` };
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}${path}`, { headers });
  const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
    fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  // every message of an unfiltered event socket, through the whole file's traffic
  const messages: unknown[] = [];
  let events: WebSocket;

  beforeAll(async () => {
    ({ api, step, engine } = await startFixtureApi({ metrics: new RunMetrics() }));
    events = new WebSocket(`${api.url.replace('http', 'ws')}/ml/events`);
    events.on('message', (m) => messages.push(JSON.parse(String(m))));
    await new Promise((resolve, reject) => {
      events.once('open', resolve);
      events.once('error', reject);
    });
  });
  afterAll(async () => {
    events.close();
    await api.close();
  });

  it('GET routes: 200, and their errors', async () => {
    await oas.check('/health', 'get', await get('/health'));
    const self = await oas.check('/docs', 'get', await get('/docs'));
    expect(self).toEqual(JSON.parse(JSON.stringify(doc)));
    await oas.check('/docs', 'get', await get('/docs', { accept: 'text/html' }));
    const text = await oas.check('/metrics', 'get', await get('/metrics'));
    expect(text).toMatch(/^# HELP livemodel_/m);
    await oas.check('/ml/models/status', 'get', await get('/ml/models/status'));
    await oas.check('/ml/models/status/{symbol}', 'get', await get('/ml/models/status/A'));
    await oas.check('/ml/models/status/{symbol}', 'get', await get('/ml/models/status/ZZ'));
    await oas.check('/ml/models/status/{symbol}', 'get', await get('/ml/models/status/%E0%A4%A'));
    await oas.check('/ml/stream/status', 'get', await get('/ml/stream/status'));
    await oas.check('/ml/stream/status/{symbol}', 'get', await get('/ml/stream/status/B'));
    await oas.check('/ml/stream/status/{symbol}', 'get', await get('/ml/stream/status/ZZ'));
    await oas.check('/ml/lifecycle/metrics', 'get', await get('/ml/lifecycle/metrics'));
    const wrong = await fetch(`${api.url}/health`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    await oas.check('/health', 'get', wrong); // `default`: any other error
  });

  it('commands: 200 through update → test → promotion → rollback, and 400, 401, 404, 409, 413', async () => {
    const P = '/ml/models/update-online';
    expect(
      ((await oas.check(P, 'post', await post(P, { symbol: '*' }))) as { results: unknown[] })
        .results,
    ).toHaveLength(2);
    await oas.check(P, 'post', await post(P, { symbol: 'A' }, {}));
    await oas.check(P, 'post', await post(P, { symbol: 'A', extra: 1 }));
    await oas.check(P, 'post', await post(P, '{'));
    await oas.check(P, 'post', await post(P, { symbol: 'ZZ' }));
    await oas.check(P, 'post', await post(P, { symbol: 'A', pad: 'x'.repeat(70_000) }));
    const V = '/ml/models/validate';
    await oas.check(V, 'post', await post(V, { symbol: 'A' })); // 409: not enough labels yet
    step(10); // the DM test decides at 5 labels (promote at alpha 0.99)
    const R = '/ml/models/rollback';
    const rolled = await post(R, { symbol: 'A', version: 1 });
    expect(rolled.status, JSON.stringify(engine.status('A'))).toBe(200);
    await oas.check(R, 'post', rolled);
    await oas.check(R, 'post', await post(R, { symbol: 'A', version: 0 }));
    const C = '/ml/stream/configure';
    const configured = await post(C, {
      symbol: '*',
      barIntervalMs: 1000,
      buffers: { recentWindow: 100 },
      detectors: { error: 'adwin' },
    });
    expect(configured.status).toBe(200);
    await oas.check(C, 'post', configured);
    await oas.check(C, 'post', await post(C, { symbol: 'ZZ' }));
    await oas.check(C, 'post', await post(C, { symbol: 'A', detectors: { threshold: -1 } }));
    // what configure stored shows in the stream status, still conforming
    await oas.check('/ml/stream/status/{symbol}', 'get', await get('/ml/stream/status/A'));
  });

  it('validate: 200 when a sequential test has not stopped by itself', async () => {
    const seq = await startFixtureApi({ test: { method: 'sprt', alpha: 0.001, minSamples: 5 } });
    try {
      const V = '/ml/models/validate';
      const send = () =>
        fetch(`${seq.api.url}${V}`, { method: 'POST', headers: auth, body: '{"symbol":"A"}' });
      await fetch(`${seq.api.url}/ml/models/update-online`, {
        method: 'POST',
        headers: auth,
        body: '{"symbol":"A"}',
      });
      let validated: Response | undefined;
      for (let i = 0; i < 12 && validated === undefined; i++) {
        seq.step(1);
        const r = await send();
        if (r.status === 200) validated = r;
        else await oas.check(V, 'post', r); // 409: fewer than 5 labels
      }
      expect(validated?.status).toBe(200);
      await oas.check(V, 'post', validated as Response);
    } finally {
      await seq.api.close();
    }
  });

  it('the event socket answers 101 (no body) and its refusals are documented errors', async () => {
    const ws = new WebSocket(`${api.url.replace('http', 'ws')}/ml/events`);
    const status = await new Promise<number>((resolve, reject) => {
      ws.once('upgrade', (res) => resolve(res.statusCode ?? 0));
      ws.once('error', reject);
    });
    ws.close();
    expect(status).toBe(101);
    expect(Object.keys(doc.paths['/ml/events'].get.responses)).toContain('101');
    oas.checked.push({ path: '/ml/events', method: 'get', status: 101, media: '' });
    // a plain GET is not a handshake: a JSON error
    await oas.check('/ml/events', 'get', await get('/ml/events'));
  });

  it('every /ml/events message conforms to x-message-schema (EventMessage)', async () => {
    await new Promise((r) => setTimeout(r, 50)); // let the last sends arrive
    const schema = (doc.paths['/ml/events'].get.responses['101'] as Record<string, unknown>)[
      'x-message-schema'
    ];
    expect(schema).toEqual({ $ref: '#/components/schemas/EventMessage' });
    for (const m of messages) oas.validateComponent('EventMessage', m);
    const types = new Set(messages.map((m) => (m as { type: string }).type));
    for (const t of ['hello', 'transition', 'version_event', 'ab_test']) expect(types).toContain(t);
    // not vacuous: a message missing a field, or of an unknown type, is refused
    const transition = messages.find(
      (m) => (m as { type: string }).type === 'transition',
    ) as object;
    const { from: _from, ...noFrom } = transition as Record<string, unknown>;
    expect(() => oas.validateComponent('EventMessage', noFrom)).toThrow(/from/);
    expect(() => oas.validateComponent('EventMessage', { ...transition, type: 'x' })).toThrow();
  });

  it('every operation had a live success response checked', () => {
    const ok = new Set(
      oas.checked
        .filter((c) => c.status === 200 || c.status === 101)
        .map((c) => `${c.method} ${c.path}`),
    );
    expect([...ok].sort()).toEqual([...OPERATIONS].sort());
    expect(new Set(oas.checked.map((c) => c.status))).toEqual(
      new Set([101, 200, 400, 401, 404, 405, 409, 413]),
    );
  });
});
