import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpError } from './http-error.ts';
import { errorReply, rejectSocket, sendReply } from './http-reply.ts';
import { clip } from './request-target.ts';

/**
 * Replaces Node's bare answers to requests it refuses before any route sees them with JSON
 * errors, and keeps one bad request from costing another its answer:
 * - bytes Node cannot parse (bad method, header, framing) → 400, 431 for headers over 16 KB,
 *   408 on a request timeout; when an earlier request on the same connection is still being
 *   answered, that answer is finished first and the connection then closed;
 * - an `Expect` other than `100-continue` → 417; `CONNECT` → 405.
 *
 * @example
 * const server = createServer(handler);
 * installServerGuards(server);
 */
export function installServerGuards(server: Server): void {
  const inFlight = new WeakMap<Duplex, { req: IncomingMessage; res: ServerResponse }>();
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    inFlight.set(req.socket, { req, res });
    res.once('close', () => {
      if (inFlight.get(req.socket)?.res === res) inFlight.delete(req.socket);
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const pending = inFlight.get(socket);
    if (pending?.req.complete && error.code !== 'ERR_HTTP_REQUEST_TIMEOUT') {
      // the bad bytes follow a complete request still being answered: answer it, then close
      socket.pause();
      if (!pending.res.headersSent) pending.res.setHeader('connection', 'close');
      pending.res.once('close', () => socket.destroy());
      return;
    }
    // the bad bytes are inside the request being read (a broken chunk): it can never complete
    if (pending?.res.headersSent) return void socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
    rejectSocket(socket, status, `malformed HTTP request (${error.code ?? error.message})`);
  });
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const e = new HttpError(
      417,
      `unsupported expectation \`${clip(String(req.headers.expect))}\``,
      {
        field: 'expect',
      },
    );
    const { status, body } = errorReply(e);
    sendReply(res, status, body);
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
    rejectSocket(socket, 405, 'CONNECT is not supported', { allow: 'GET, HEAD, POST' }),
  );
}

/**
 * Listens on `host:port` (port 0: a free one) and answers the bound URL and port. A start-up
 * error (EADDRINUSE) rejects; later server errors (EMFILE on accept) are transient: the server
 * keeps listening.
 *
 * @example
 * const { url } = await listen(server, 0, '127.0.0.1'); // 'http://127.0.0.1:40123'
 */
export async function listen(
  server: Server,
  port: number,
  host: string,
): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', () => undefined);
      resolve();
    });
  });
  const { port: bound, address } = server.address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  return { url: `http://${shown}:${bound}`, port: bound };
}
