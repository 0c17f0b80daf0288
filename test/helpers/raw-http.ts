import { connect } from 'node:net';

/** One HTTP/1.x response as read off the wire. */
export interface RawResponse {
  readonly status: number;
  readonly statusLine: string;
  /** Lower-case header names; repeated headers joined with `, `. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

/** What came back on one connection. */
export interface RawReply {
  /** Every byte received. */
  readonly bytes: Buffer;
  /** The first complete response, or null when none arrived. */
  readonly response: RawResponse | null;
  /** Why reading stopped. */
  readonly ended: 'response' | 'closed' | 'timeout';
  /** A socket error (ECONNRESET, EPIPE…), if any. */
  readonly error: string | null;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses the first final HTTP/1.x response in `bytes` (interim 1xx responses other than 101 are
 * skipped; after a 101 the rest is another protocol). Returns `null` while it is incomplete and
 * throws when the bytes are not a well-formed response (bad status line, header or chunk).
 * `head`: the request was HEAD, so the response has no body whatever its content-length says.
 * `closed`: the peer closed, so a body without a length ends here.
 *
 * @example
 * parseResponse(Buffer.from('HTTP/1.1 204 No Content\r\n\r\n'))?.status; // 204
 */
export function parseResponse(
  bytes: Buffer,
  opts: { head?: boolean; closed?: boolean } = {},
): RawResponse | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) {
    if (opts.closed) throw new Error(`incomplete response head: ${show(bytes)}`);
    return null;
  }
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3}) [^\r\n]*$/.exec(statusLine);
  if (m === null) throw new Error(`bad status line: ${JSON.stringify(statusLine)}`);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    if (colon <= 0 || !TOKEN.test(name))
      throw new Error(`bad header line: ${JSON.stringify(line)}`);
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(key, headers.has(key) ? `${headers.get(key)}, ${value}` : value);
  }
  const status = Number(m[1]);
  const rest = bytes.subarray(end + 4);
  // an interim response (100 Continue, 103 Early Hints) precedes the real one
  if (status >= 100 && status < 200 && status !== 101) return parseResponse(rest, opts);
  const done = (body: Buffer): RawResponse => ({ status, statusLine, headers, body });
  if (opts.head || status === 101 || status === 204 || status === 304) return done(Buffer.alloc(0));
  if (/\bchunked\b/i.test(headers.get('transfer-encoding') ?? ''))
    return parseChunked(rest, opts.closed === true, done);
  const length = headers.get('content-length');
  if (length !== undefined) {
    if (!/^\d+$/.test(length)) throw new Error(`bad content-length: ${JSON.stringify(length)}`);
    const n = Number(length);
    if (rest.length >= n) return done(rest.subarray(0, n));
    if (opts.closed) throw new Error(`body cut short: ${rest.length} of ${n} bytes`);
    return null;
  }
  return opts.closed ? done(rest) : null;
}

function parseChunked(
  rest: Buffer,
  closed: boolean,
  done: (body: Buffer) => RawResponse,
): RawResponse | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = rest.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = rest.subarray(at, eol).toString('latin1').split(';')[0] ?? '';
    if (!/^[0-9a-fA-F]+$/.test(size)) throw new Error(`bad chunk size: ${JSON.stringify(size)}`);
    const n = Number.parseInt(size, 16);
    if (n === 0) return done(Buffer.concat(parts));
    if (rest.length < eol + 2 + n + 2) break;
    parts.push(rest.subarray(eol + 2, eol + 2 + n));
    at = eol + 2 + n + 2;
  }
  if (closed) throw new Error('chunked body cut short');
  return null;
}

function show(bytes: Buffer): string {
  return JSON.stringify(bytes.subarray(0, 200).toString('latin1'));
}

/**
 * Sends `request` (any bytes) on a fresh TCP connection and reads until one complete response,
 * the peer closing, or `timeoutMs`. Never rejects: socket errors are reported in `error`.
 * `halfClose` ends the sending side after the request (the server sees end of input).
 * A reply that is not a well-formed HTTP response makes `response` throw, in `parse`.
 *
 * @example
 * const r = await rawExchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
 * r.response?.status; // 200
 */
export function rawExchange(
  port: number,
  request: Buffer | string,
  opts: { timeoutMs?: number; head?: boolean; host?: string; halfClose?: boolean } = {},
): Promise<RawReply> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | null = null;
    let settled = false;
    const socket = connect({ port, host: opts.host ?? '127.0.0.1' });
    const finish = (ended: RawReply['ended']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(chunks);
      let response: RawResponse | null = null;
      try {
        response = parseResponse(bytes, { head: opts.head ?? false, closed: true });
      } catch {
        response = null;
      }
      resolve({ bytes, response, ended, error });
    };
    const timer = setTimeout(() => finish('timeout'), opts.timeoutMs ?? 2000);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      try {
        if (parseResponse(Buffer.concat(chunks), { head: opts.head ?? false }) !== null)
          finish('response');
      } catch {
        finish('response'); // malformed: let the caller see the bytes
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => finish('closed'));
    if (opts.halfClose) socket.end(request);
    else socket.write(request, () => undefined);
  });
}
