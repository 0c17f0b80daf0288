import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { z } from 'zod';
import { InputError } from '../core/index.ts';
import { bearerCheck } from './bearer.ts';
import { addControlRoutes } from './control-routes.ts';
import type { EventBus } from './event-bus.ts';
import { EventsSocket } from './events-socket.ts';
import { HttpError } from './http-error.ts';
import { errorReply, rejectSocket, sendReply } from './http-reply.ts';
import type { LifecycleStats } from './lifecycle-stats.ts';
import { metricsHandler } from './metrics-server.ts';
import { docsHtml, openApiDocument } from './openapi.ts';
import type { MetricsExposition, ModelControl, StreamControl } from './ports.ts';
import { readBodyText } from './read-body.ts';
import type { healthResponse } from './response-schemas.ts';
import { parseRequestTarget } from './request-target.ts';
import { type RouteContext, Router } from './router.ts';
import { installServerGuards, listen } from './server-guards.ts';

export interface ApiServerOptions {
  readonly models: ModelControl;
  readonly stream: StreamControl;
  readonly bus: EventBus;
  readonly stats: LifecycleStats;
  /** Bearer token for mutating routes (required). */
  readonly token: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly version?: string;
  /** Most concurrent `/ml/events` sockets; further upgrades get 503 (default 64). */
  readonly maxEventSockets?: number;
  /**
   * The run's Prometheus metrics, at `GET /metrics` — read-only, so without a token, like the
   * other GET routes (a Prometheus scrape needs no secret). Absent: no `/metrics` route.
   */
  readonly metrics?: MetricsExposition;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/**
 * Starts the HTTP + WebSocket control plane (node:http, JSON). Mutating routes need
 * `Authorization: Bearer <token>` (scheme case-insensitive; 401 otherwise); bodies are at most
 * 64 KB (413) and validated strictly (400 naming the field); `/docs` serves the OpenAPI
 * description; `/metrics` the Prometheus exposition (when `metrics` is given, no token); `/ml/events` is the event WebSocket (at most `maxEventSockets`, 503 beyond).
 * Every error is a JSON `{ error }` with its status; no request, however malformed, throws out
 * of a handler: what the server cannot parse is a 400, what it did not expect a 500.
 *
 * @throws {InputError} an empty token, or a `maxEventSockets` that is not a positive integer.
 * @example
 * const api = await startApiServer({ models: engine, stream, bus, stats, token: 's3cret', port: 0 });
 * await fetch(`${api.url}/health`);
 */
export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  if (opts.token.length === 0) throw new InputError('the API token must not be empty');
  const maxSockets = opts.maxEventSockets;
  if (maxSockets !== undefined && !(Number.isInteger(maxSockets) && maxSockets > 0))
    throw new InputError(
      `Expected maxEventSockets to be an integer > 0, got \`${maxSockets}\` (${typeof maxSockets})`,
    );
  const authorized = bearerCheck(opts.token);
  const doc = openApiDocument(opts.version ?? '0.0.0');
  const events = new EventsSocket(opts.bus, maxSockets === undefined ? {} : { maxSockets });
  const router = new Router();
  const readBody = async (ctx: RouteContext): Promise<unknown> => {
    if (!authorized(ctx.req.headers.authorization))
      throw new HttpError(
        401,
        'missing or wrong bearer token (Authorization: Bearer <token>)',
        {},
        { 'www-authenticate': 'Bearer' },
      );
    const text = await readBodyText(ctx.req);
    try {
      return text === '' ? {} : (JSON.parse(text) as unknown);
    } catch {
      throw new HttpError(400, 'the request body is not valid JSON', { field: '(body)' });
    }
  };
  router.add(
    'GET',
    '/health',
    () =>
      ({
        status: 'ok',
        mode: opts.stream.mode,
        finished: opts.stream.finished(),
        marketTime: opts.stream.now(),
        symbols: opts.models.symbols().length,
        eventClients: events.clients,
      }) satisfies z.input<typeof healthResponse>,
  );
  router.add('GET', '/docs', ({ req, res }) => {
    if ((req.headers.accept ?? '').includes('text/html')) {
      sendReply(res, 200, docsHtml(doc), {}, 'text/html; charset=utf-8');
      return undefined;
    }
    return doc;
  });
  if (opts.metrics !== undefined) router.add('GET', '/metrics', metricsHandler(opts.metrics));
  addControlRoutes(router, {
    models: opts.models,
    stream: opts.stream,
    stats: opts.stats,
    readBody,
  });

  // Node's own Host check answers a bare 400; ours (in parseRequest) answers JSON
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(router, req, res).catch((error: unknown) => replyError(res, error));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      const { pathname, query } = parseRequest(req);
      if (pathname !== '/ml/events')
        throw new HttpError(404, `no WebSocket at ${pathname}; the event socket is /ml/events`);
      events.handleUpgrade(req, socket, head, query);
    } catch (error) {
      const { status, body, headers } = errorReply(error);
      rejectSocket(socket, status, body.error, headers);
    }
  });
  installServerGuards(server);
  const { url, port } = await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // HEAD is GET without the body (Node drops it): same route, same status, same headers
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const { pathname, query } = parseRequest(req);
  const found = router.match(method, pathname);
  if (found === null) throw new HttpError(404, `no route ${method} ${pathname}; see GET /docs`);
  if ('allowed' in found)
    throw new HttpError(
      405,
      `${method} is not allowed on ${pathname} (allowed: ${found.allowed.join(', ')})`,
      {},
      { allow: found.allowed.join(', ') },
    );
  const body = await found.handler({ req, res, params: found.params, query });
  if (!res.headersSent) sendReply(res, 200, body);
}

/** The request's path and query; an HTTP/1.1 request without `Host` is a 400 (RFC 9112 §3.2). */
function parseRequest(req: IncomingMessage): ReturnType<typeof parseRequestTarget> {
  if (req.httpVersion === '1.1' && req.headers.host === undefined)
    throw new HttpError(400, 'an HTTP/1.1 request needs a Host header', { field: 'host' });
  return parseRequestTarget(req.url);
}

/** The top-level guard: any error becomes a JSON reply; a reply already started is cut off. */
function replyError(res: ServerResponse, error: unknown): void {
  try {
    if (res.headersSent) return void res.destroy();
    const { status, body, headers } = errorReply(error);
    sendReply(res, status, body, headers);
  } catch {
    res.destroy();
  }
}
