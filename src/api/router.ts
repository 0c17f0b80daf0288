import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error.ts';
import { clip } from './request-target.ts';

export interface RouteContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly query: URLSearchParams;
}

export type RouteHandler = (ctx: RouteContext) => Promise<unknown> | unknown;

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly regex: RegExp;
  readonly names: string[];
  readonly handler: RouteHandler;
}

/**
 * A small method + path router: `:name` captures one segment, `:name?` an optional last segment.
 * `match` tells a path that exists under another method (405) from an unknown one (404). HEAD
 * matches the GET route (the server sends its headers without the body). Captured segments are
 * percent-decoded into a null-prototype object; a malformed escape is a 400 naming the segment.
 *
 * @throws {HttpError} 400 from `match` when a captured segment is not valid percent-encoded UTF-8.
 * @example
 * const r = new Router();
 * r.add('GET', '/ml/models/status/:symbol?', ({ params }) => params.symbol);
 * r.match('GET', '/ml/models/status/BTCUSDT'); // { handler, params: { symbol: 'BTCUSDT' } }
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .filter((seg) => seg !== '')
      .map((seg) => {
        const m = /^:(\w+)(\?)?$/.exec(seg);
        if (m === null) return `/${seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
        names.push(m[1] as string);
        return m[2] === '?' ? '(?:/([^/]+))?' : '/([^/]+)';
      })
      .join('');
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  match(
    method: string,
    path: string,
  ):
    | { handler: RouteHandler; params: Record<string, string | undefined> }
    | { allowed: string[] }
    | null {
    const allowed: string[] = [];
    const wanted = method === 'HEAD' ? 'GET' : method;
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (m === null) continue;
      if (r.method !== wanted) {
        allowed.push(...(r.method === 'GET' ? ['GET', 'HEAD'] : [r.method]));
        continue;
      }
      const params: Record<string, string | undefined> = Object.create(null);
      r.names.forEach((n, i) => {
        const v = m[i + 1];
        params[n] = v === undefined || v === '' ? undefined : decodeSegment(v);
      });
      return { handler: r.handler, params };
    }
    return allowed.length > 0 ? { allowed } : null;
  }

  /** Registered routes, for documentation. */
  list(): { method: string; pattern: string }[] {
    return this.routes.map(({ method, pattern }) => ({ method, pattern }));
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(
      400,
      `the path segment \`${clip(segment)}\` is not valid percent-encoded UTF-8`,
      { segment: clip(segment) },
    );
  }
}
