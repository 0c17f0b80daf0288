import { createServer } from 'node:http';
import { HttpError } from './http-error.ts';
import { errorReply, sendReply } from './http-reply.ts';
import type { MetricsExposition } from './ports.ts';
import { parseRequestTarget } from './request-target.ts';
import type { RouteHandler } from './router.ts';
import { installServerGuards, listen } from './server-guards.ts';

/**
 * The `GET /metrics` handler: the exposition as `text/plain; version=0.0.4` (Prometheus' text
 * format), with its `content-length` (HEAD answers the same headers).
 *
 * @example
 * router.add('GET', '/metrics', metricsHandler(runMetrics));
 */
export function metricsHandler(metrics: MetricsExposition): RouteHandler {
  return async ({ res }) => {
    sendReply(res, 200, await metrics.render(), {}, metrics.contentType);
    return undefined;
  };
}

export interface MetricsServer {
  /** `http://host:port` (the port actually bound when 0 was asked). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A listener that answers only `GET /metrics` (and HEAD) — what `livemodel live --metrics-port`
 * starts, since `live` has no control plane. Read-only and unauthenticated, like the GET routes
 * of `serve`; it binds 127.0.0.1 unless told otherwise. Anything else is a JSON 404 or 405.
 *
 * @example
 * const server = await startMetricsServer(metrics, { port: 0 });
 * await fetch(`${server.url}/metrics`);
 */
export async function startMetricsServer(
  metrics: MetricsExposition,
  opts: { readonly host?: string | undefined; readonly port?: number | undefined } = {},
): Promise<MetricsServer> {
  const handler = metricsHandler(metrics);
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    const answer = async (): Promise<void> => {
      const { pathname, query } = parseRequestTarget(req.url);
      if (pathname !== '/metrics')
        throw new HttpError(404, `no route ${pathname}; this listener serves GET /metrics only`);
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new HttpError(
          405,
          `${req.method} is not allowed on /metrics`,
          {},
          { allow: 'GET, HEAD' },
        );
      await handler({ req, res, params: Object.create(null), query });
    };
    answer().catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const { status, body, headers } = errorReply(error);
      sendReply(res, status, body, headers);
    });
  });
  installServerGuards(server);
  const { url } = await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
