import { HttpError } from './http-error.ts';

/**
 * Parses an HTTP request target — origin form (`/path?q`), absolute form
 * (`http://host:port/path`) or anything a client sends — into a path and a query. Never throws
 * anything but a 400: a target the URL parser refuses (a port out of range, a bad host) is the
 * client's error, not the server's.
 *
 * @throws {HttpError} 400 naming the target.
 * @example
 * parseRequestTarget('/ml/events?types=alert').pathname; // '/ml/events'
 * parseRequestTarget('http://x:99999/'); // throws HttpError 400
 */
export function parseRequestTarget(target: string | undefined): {
  pathname: string;
  query: URLSearchParams;
} {
  const raw = target ?? '/';
  try {
    const url = new URL(raw, 'http://localhost');
    return { pathname: url.pathname, query: url.searchParams };
  } catch {
    throw new HttpError(400, `invalid request target \`${clip(raw)}\``, { field: '(url)' });
  }
}

/** At most 200 characters of untrusted text, for messages. */
export function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
