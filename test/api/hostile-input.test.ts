import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiServer, ModelControl } from '../../src/api/index.ts';
import { FIXTURE_TOKEN, startFixtureApi } from '../helpers/api-fixture.ts';
import { parseResponse, type RawResponse, rawExchange } from '../helpers/raw-http.ts';

// Issue 18, HTTP side: no single request, however hostile, crashes the server or gets an
// answer that is not a well-formed JSON error. Every test talks to the real server over
// 127.0.0.1 (raw TCP where a normal client would refuse to send the request).

const UPGRADE_HEADERS =
  'Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';

/** Parses the reply (throws if it is not HTTP) and checks the JSON error shape. */
function jsonError(bytes: Buffer, status: number, opts: { head?: boolean } = {}): RawResponse {
  const r = parseResponse(bytes, { closed: true, ...opts });
  if (r === null) throw new Error('no response');
  expect(r.status, r.statusLine).toBe(status);
  expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
  if (opts.head) return r;
  expect(Number(r.headers.get('content-length'))).toBe(r.body.length);
  const body = JSON.parse(r.body.toString('utf8')) as { error?: unknown };
  expect(typeof body.error).toBe('string');
  expect(String(body.error).length).toBeGreaterThan(0);
  return r;
}
const bodyOf = (r: RawResponse): Record<string, unknown> => JSON.parse(r.body.toString('utf8'));

describe('hostile input over HTTP and WebSocket (issue 18)', () => {
  let api: ApiServer;
  const raw = (request: string | Buffer, head = false) =>
    rawExchange(api.port, request, { head, timeoutMs: 3000 });
  const alive = async () => {
    const r = await fetch(`${api.url}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ok' });
  };

  beforeAll(async () => {
    ({ api } = await startFixtureApi());
  });
  afterAll(async () => {
    await api.close();
  });

  describe('1. an unparseable request target is a 400, never a crash', () => {
    it('a WebSocket upgrade to an absolute URL with a bad port gets 400 on the socket', async () => {
      const r = await raw(`GET http://x:99999/ml/events HTTP/1.1\r\n${UPGRADE_HEADERS}\r\n`);
      const res = jsonError(r.bytes, 400);
      expect(bodyOf(res)['error']).toBe('invalid request target `http://x:99999/ml/events`');
      expect(res.headers.get('connection')).toBe('close');
      await alive();
    });

    it('the same target on a plain request is a 400 with a JSON body', async () => {
      for (const target of [
        'http://x:99999/health',
        'http://[::1/health',
        'http://x:port/health',
      ]) {
        const r = await raw(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
        expect(bodyOf(jsonError(r.bytes, 400))['error']).toBe(
          `invalid request target \`${target}\``,
        );
      }
      await alive();
    });

    it('an upgrade to another path is a 404 and a refused handshake a JSON 400/405', async () => {
      jsonError((await raw(`GET /health HTTP/1.1\r\n${UPGRADE_HEADERS}\r\n`)).bytes, 404);
      const badKey = UPGRADE_HEADERS.replace('dGhlIHNhbXBsZSBub25jZQ==', 'short');
      jsonError((await raw(`GET /ml/events HTTP/1.1\r\n${badKey}\r\n`)).bytes, 400);
      const badVersion = UPGRADE_HEADERS.replace('Version: 13', 'Version: 99');
      const v = jsonError((await raw(`GET /ml/events HTTP/1.1\r\n${badVersion}\r\n`)).bytes, 400);
      expect(v.headers.get('sec-websocket-version')).toBe('13, 8');
      const post = jsonError(
        (await raw(`POST /ml/events HTTP/1.1\r\n${UPGRADE_HEADERS}\r\n`)).bytes,
        405,
      );
      expect(post.headers.get('allow')).toBe('GET');
      await alive();
    });

    it('requests Node cannot parse, and CONNECT, get a JSON error instead of a bare 400', async () => {
      jsonError((await raw('GARBAGE /health HTTP/1.1\r\nHost: x\r\n\r\n')).bytes, 400);
      jsonError((await raw('GET /health HTTP/1.1\r\nHo st: x\r\n\r\n')).bytes, 400);
      jsonError((await raw('GET /health HTTP/9.9\r\nHost: x\r\n\r\n')).bytes, 400);
      const huge = `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
      jsonError((await raw(huge)).bytes, 431);
      jsonError((await raw('CONNECT x:443 HTTP/1.1\r\nHost: x:443\r\n\r\n')).bytes, 405);
      await alive();
    });
  });

  describe('2. bodies over 64 KB get a 413', () => {
    const post = (body: string, headers = `content-length: ${Buffer.byteLength(body)}\r\n`) =>
      `POST /ml/models/validate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${FIXTURE_TOKEN}\r\n${headers}\r\n${body}`;

    it('by content-length: 413 JSON, and the connection is closed', async () => {
      const r = await raw(post(`{"symbol":"${'a'.repeat(100_000)}"}`));
      const res = jsonError(r.bytes, 413);
      expect(bodyOf(res)).toEqual({ error: 'request body larger than 65536 bytes', limit: 65536 });
      expect(res.headers.get('connection')).toBe('close');
      await alive();
    });

    it('chunked, with no length announced: 413 once the limit is passed', async () => {
      const chunk = 'x'.repeat(16_384);
      const chunks = Array.from({ length: 6 }, () => `4000\r\n${chunk}\r\n`).join('');
      const r = await raw(post(`${chunks}0\r\n\r\n`, 'transfer-encoding: chunked\r\n'));
      expect(bodyOf(jsonError(r.bytes, 413))['limit']).toBe(65536);
    });

    it('a normal client (fetch) sending 1 MB reads the 413', async () => {
      const r = await fetch(`${api.url}/ml/models/validate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FIXTURE_TOKEN}` },
        body: 'x'.repeat(1 << 20),
      });
      expect(r.status).toBe(413);
      expect(await r.json()).toMatchObject({ limit: 65536 });
    });

    it('a body of exactly 64 KB is read', async () => {
      const body = `{"symbol":"A"}${' '.repeat(65536 - 14)}`;
      const r = await raw(post(body));
      const res = parseResponse(r.bytes, { closed: true });
      expect(res?.status).toBe(409); // read and parsed: the machine refuses (nothing to validate)
    });
  });

  describe('3. a malformed percent-escape in a path segment', () => {
    it('is a 400 naming the segment, on every route with a :symbol', async () => {
      for (const path of [
        '/ml/models/status/%E0%A4%A',
        '/ml/stream/status/%E0%A4%A',
        '/ml/models/status/%',
        '/ml/stream/status/%ZZ',
      ]) {
        const segment = path.split('/').pop();
        const r = jsonError((await raw(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`)).bytes, 400);
        expect(bodyOf(r)).toEqual({
          error: `the path segment \`${segment}\` is not valid percent-encoded UTF-8`,
          segment,
        });
      }
      await alive();
    });
  });

  describe('4. HEAD', () => {
    it('answers like GET without the body: same status, content-type and content-length', async () => {
      for (const [path, status] of [
        ['/health', 200],
        ['/docs', 200],
        ['/ml/models/status', 200],
        ['/ml/models/status/ZZZ', 404],
        ['/ml/stream/status/A', 200],
        ['/ml/lifecycle/metrics', 200],
        ['/nothing', 404],
      ] as const) {
        const get = parseResponse((await raw(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`)).bytes, {
          closed: true,
        });
        const h = await raw(`HEAD ${path} HTTP/1.1\r\nHost: x\r\n\r\n`, true);
        const head = parseResponse(h.bytes, { head: true, closed: true });
        expect([path, head?.status, get?.status]).toEqual([path, status, status]);
        expect(head?.headers.get('content-type')).toBe(get?.headers.get('content-type'));
        expect([path, head?.headers.get('content-length')]).toEqual([
          path,
          String(get?.body.length),
        ]);
        expect(h.bytes.toString('latin1').endsWith('\r\n\r\n')).toBe(true); // no body after the head
      }
    });

    it('the HTML docs too; HEAD on a POST-only route is a 405 that allows POST', async () => {
      const h = await raw('HEAD /docs HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n', true);
      const head = parseResponse(h.bytes, { head: true, closed: true });
      expect(head?.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(Number(head?.headers.get('content-length'))).toBeGreaterThan(100);
      const r = await raw('HEAD /ml/models/validate HTTP/1.1\r\nHost: x\r\n\r\n', true);
      expect(jsonError(r.bytes, 405, { head: true }).headers.get('allow')).toBe('POST');
      const g = await raw('PUT /health HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(jsonError(g.bytes, 405).headers.get('allow')).toBe('GET, HEAD');
    });
  });

  describe('5. the Bearer scheme is case-insensitive', () => {
    const validate = (authorization: string) =>
      fetch(`${api.url}/ml/models/validate`, {
        method: 'POST',
        headers: { authorization },
        body: '{"symbol":"A"}',
      });
    it('bearer, BEARER and extra spaces are accepted; other schemes and tokens are not', async () => {
      for (const scheme of ['bearer', 'BEARER', 'Bearer', 'bEaReR'])
        for (const gap of [' ', '  ', '\t']) {
          const r = await validate(`${scheme}${gap}${FIXTURE_TOKEN}`);
          expect([scheme, gap, r.status]).toEqual([scheme, gap, 409]); // authorized: the machine refuses
          await r.body?.cancel();
        }
      for (const header of [
        `Basic ${FIXTURE_TOKEN}`,
        `Bearer${FIXTURE_TOKEN}`,
        `Bearer ${FIXTURE_TOKEN}x`,
        `Bearer ${FIXTURE_TOKEN.slice(1)}`,
        `Bearer ${FIXTURE_TOKEN} extra`,
        'Bearer',
        FIXTURE_TOKEN,
      ]) {
        const r = await validate(header);
        expect([header, r.status]).toEqual([header, 401]);
        expect(r.headers.get('www-authenticate')).toBe('Bearer');
        expect(await r.json()).toEqual({
          error: 'missing or wrong bearer token (Authorization: Bearer <token>)',
        });
      }
    });
  });

  describe('8. every error is a well-formed JSON { error } with the right status', () => {
    it('404, 405, 401, 413, 400 (body, path, target, unparseable), 409', async () => {
      const auth = `Authorization: Bearer ${FIXTURE_TOKEN}\r\n`;
      const cases: [string, number][] = [
        ['GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n', 404],
        ['DELETE /health HTTP/1.1\r\nHost: x\r\n\r\n', 405],
        ['POST /ml/models/validate HTTP/1.1\r\nHost: x\r\ncontent-length: 2\r\n\r\n{}', 401],
        [
          `POST /ml/models/validate HTTP/1.1\r\nHost: x\r\n${auth}content-length: 70000\r\n\r\n`,
          413,
        ],
        [
          `POST /ml/models/validate HTTP/1.1\r\nHost: x\r\n${auth}content-length: 3\r\n\r\n{"s`,
          400,
        ],
        [
          `POST /ml/models/validate HTTP/1.1\r\nHost: x\r\n${auth}content-length: 4\r\n\r\nnull`,
          400,
        ],
        ['GET /ml/models/status/%C0 HTTP/1.1\r\nHost: x\r\n\r\n', 400],
        ['GET http://x:0x/ HTTP/1.1\r\nHost: x\r\n\r\n', 400],
        ['GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', 400],
        [
          `POST /ml/models/validate HTTP/1.1\r\nHost: x\r\n${auth}content-length: 14\r\n\r\n{"symbol":"A"}`,
          409,
        ],
      ];
      for (const [request, status] of cases) {
        const r = await raw(request);
        expect([
          request.split('\r\n')[0],
          parseResponse(r.bytes, { closed: true })?.status,
        ]).toEqual([request.split('\r\n')[0], status]);
        jsonError(r.bytes, status);
      }
    });

    it('500: an unexpected error in a handler is a JSON 500 and the server goes on', async () => {
      const faulty = await startFixtureApi({
        bars: 0,
        models: (engine): ModelControl => ({
          status: () => {
            throw new Error('status exploded');
          },
          command: () => {
            throw 'not even an Error'; // eslint-style sloppiness in a port must not crash us
          },
          symbols: () => engine.symbols(),
        }),
      });
      try {
        const port = faulty.api.port;
        const s = await rawExchange(port, 'GET /ml/models/status HTTP/1.1\r\nHost: x\r\n\r\n');
        expect(bodyOf(jsonError(s.bytes, 500))).toEqual({
          error: 'internal error: status exploded',
        });
        const c = await rawExchange(
          port,
          `POST /ml/models/update-online HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${FIXTURE_TOKEN}\r\ncontent-length: 14\r\n\r\n{"symbol":"*"}`,
        );
        expect(bodyOf(jsonError(c.bytes, 500))).toEqual({
          error: 'internal error: not even an Error',
        });
        expect((await fetch(`${faulty.api.url}/health`)).status).toBe(200);
      } finally {
        await faulty.api.close();
      }
    });
  });
});

describe('6. the /ml/events socket cap', () => {
  const open = (url: string): Promise<WebSocket | { status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/ml/events`);
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.once('error', reject);
    });
  const closeAll = async (sockets: WebSocket[]) => {
    await Promise.all(
      sockets.map(
        (s) =>
          new Promise((r) => {
            s.once('close', r);
            s.close();
          }),
      ),
    );
  };

  it('refuses sockets past maxEventSockets with 503 and a JSON reason; a closed one frees a place', async () => {
    const { api } = await startFixtureApi({ bars: 0, maxEventSockets: 3 });
    const sockets: WebSocket[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const s = await open(api.url);
        expect(s).toBeInstanceOf(WebSocket);
        sockets.push(s as WebSocket);
      }
      const refused = await open(api.url);
      expect(refused).toEqual({
        status: 503,
        body: JSON.stringify({
          error: 'too many event sockets: 3 are connected (the limit); retry later',
        }),
      });
      const closing = sockets.pop() as WebSocket;
      await closeAll([closing]);
      for (let i = 0; i < 100; i++) {
        const h = (await (await fetch(`${api.url}/health`)).json()) as { eventClients: number };
        if (h.eventClients === 2) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const again = await open(api.url);
      expect(again).toBeInstanceOf(WebSocket);
      sockets.push(again as WebSocket);
    } finally {
      await closeAll(sockets);
      await api.close();
    }
  });

  it('the documented default is 64', async () => {
    const { api } = await startFixtureApi({ bars: 0 });
    const sockets: WebSocket[] = [];
    try {
      for (let i = 0; i < 64; i++) sockets.push((await open(api.url)) as WebSocket);
      expect(sockets.every((s) => s instanceof WebSocket)).toBe(true);
      expect(await open(api.url)).toMatchObject({ status: 503 });
    } finally {
      await closeAll(sockets);
      await api.close();
    }
  });

  it('refuses a cap that is not a positive integer', async () => {
    await expect(startFixtureApi({ bars: 0, maxEventSockets: 0 })).rejects.toThrow(
      'Expected maxEventSockets to be an integer > 0, got `0` (number)',
    );
  });
});
