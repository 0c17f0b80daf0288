import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpError } from './http-error.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Writes a complete response with a `content-length` (so HEAD, which Node sends without the
 * body, still tells the length of the GET). JSON unless `contentType` says otherwise.
 *
 * @example
 * sendReply(res, 200, { status: 'ok' });
 */
export function sendReply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = JSON_TYPE,
): void {
  const text = contentType === JSON_TYPE ? JSON.stringify(body) : String(body);
  res
    .writeHead(status, {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    })
    .end(text);
}

/**
 * The JSON error body and headers of any thrown value: an {@link HttpError} keeps its status,
 * message and details; anything else is a 500 naming its message.
 *
 * @example
 * errorReply(new HttpError(404, 'no route')); // { status: 404, body: { error: 'no route' }, headers: {} }
 */
export function errorReply(error: unknown): {
  status: number;
  body: { error: string } & Record<string, unknown>;
  headers: Record<string, string>;
} {
  if (error instanceof HttpError) {
    // details never replace the message
    const body = { error: error.message, ...error.details };
    body.error = error.message;
    return { status: error.status, body, headers: error.headers };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: `internal error: ${message}` }, headers: {} };
}

/**
 * Answers on a raw socket (a refused WebSocket upgrade, a CONNECT, a request Node could not
 * parse) with a complete JSON error response, then closes it. Safe on a socket that is already
 * closing: it never throws, and socket errors after this point are ignored.
 *
 * @example
 * server.on('connect', (_req, socket) => rejectSocket(socket, 405, 'CONNECT is not supported'));
 */
export function rejectSocket(
  socket: Duplex,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: message });
  const lines = Object.entries({
    connection: 'close',
    'content-type': JSON_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  }).map(([k, v]) => `${k}: ${v}`);
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${body}`,
  );
}
