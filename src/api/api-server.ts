import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from '../core/index.ts';
import { addControlRoutes } from './control-routes.ts';
import type { EventBus } from './event-bus.ts';
import { EventsSocket } from './events-socket.ts';
import { HttpError } from './http-error.ts';
import type { LifecycleStats } from './lifecycle-stats.ts';
import { docsHtml, openApiDocument } from './openapi.ts';
import type { ModelControl, StreamControl } from './ports.ts';
import { type RouteContext, Router } from './router.ts';

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
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/**
 * Starts the HTTP + WebSocket control plane (node:http, JSON). Mutating routes need
 * `Authorization: Bearer <token>` (401 otherwise); bodies are validated strictly (400 naming the
 * field); `/docs` serves the OpenAPI description; `/ml/events` is the event WebSocket.
 *
 * @throws {InputError} an empty token.
 * @example
 * const api = await startApiServer({ models: engine, stream, bus, stats, token: 's3cret', port: 0 });
 * await fetch(`${api.url}/health`);
 */
export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  if (opts.token.length === 0) throw new InputError('the API token must not be empty');
  const expected = Buffer.from(opts.token);
  const doc = openApiDocument(opts.version ?? '0.0.0');
  const events = new EventsSocket(opts.bus);
  const router = new Router();
  const readBody = async (ctx: RouteContext): Promise<unknown> => {
    const header = ctx.req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new HttpError(401, 'missing or wrong bearer token (Authorization: Bearer <token>)');
    const text = await readText(ctx.req);
    try {
      return text === '' ? {} : (JSON.parse(text) as unknown);
    } catch {
      throw new HttpError(400, 'the request body is not valid JSON', { field: '(body)' });
    }
  };
  router.add('GET', '/health', () => ({
    status: 'ok',
    mode: opts.stream.mode,
    finished: opts.stream.finished(),
    marketTime: opts.stream.now(),
    symbols: opts.models.symbols().length,
    eventClients: events.clients,
  }));
  router.add('GET', '/docs', ({ req, res }) => {
    if ((req.headers.accept ?? '').includes('text/html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(docsHtml(doc));
      return undefined;
    }
    return doc;
  });
  addControlRoutes(router, {
    models: opts.models,
    stream: opts.stream,
    stats: opts.stats,
    readBody,
  });

  const server = createServer((req, res) => {
    handle(router, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/ml/events') return void socket.destroy();
    events.handleUpgrade(req, socket, head, url.searchParams);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
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
  const url = new URL(req.url ?? '/', 'http://x');
  const found = router.match(req.method ?? 'GET', url.pathname);
  try {
    if (found === null)
      throw new HttpError(404, `no route ${req.method} ${url.pathname}; see GET /docs`);
    if ('allowed' in found)
      throw new HttpError(
        405,
        `${req.method} is not allowed on ${url.pathname} (allowed: ${found.allowed.join(', ')})`,
      );
    const body = await found.handler({ req, res, params: found.params, query: url.searchParams });
    if (!res.headersSent) send(res, 200, body);
  } catch (error) {
    if (error instanceof HttpError) {
      const headers: Record<string, string> =
        error.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
      send(res, error.status, { error: error.message, ...error.details }, headers);
    } else send(res, 500, { error: `internal error: ${(error as Error).message}` });
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(body));
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, `request body larger than ${MAX_BODY} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
