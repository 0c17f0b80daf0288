import fc from 'fast-check';

/** One generated request, as bytes on the wire. */
export interface RawRequest {
  readonly bytes: Buffer;
  /** The method is HEAD: the response has no body. */
  readonly head: boolean;
  /** Cut short and half-closed: the server sees end of input mid-request. */
  readonly truncated: boolean;
  /** The request line (at most 300 characters), to name the request in a failure. */
  readonly line: string;
  /** Mutations applied to a valid request. */
  readonly mutations: readonly string[];
}

/** Routes of the control plane, with the method they answer and a body that suits them. */
const ROUTES: readonly [string, string, string | null][] = [
  ['GET', '/health', null],
  ['GET', '/docs', null],
  ['GET', '/ml/models/status', null],
  ['GET', '/ml/models/status/{s}', null],
  ['HEAD', '/ml/models/status/{s}', null],
  ['GET', '/ml/stream/status', null],
  ['GET', '/ml/stream/status/{s}', null],
  ['HEAD', '/ml/stream/status', null],
  ['GET', '/ml/lifecycle/metrics', null],
  ['POST', '/ml/models/update-online', '{"symbol":"{s}"}'],
  ['POST', '/ml/models/validate', '{"symbol":"{s}"}'],
  ['POST', '/ml/models/rollback', '{"symbol":"{s}","version":1}'],
  ['POST', '/ml/stream/configure', '{"symbol":"{s}","buffers":{"recentWindow":100}}'],
  [
    'POST',
    '/ml/stream/configure',
    '{"symbol":"{s}","detectors":{"error":"adwin","threshold":0.5}}',
  ],
  ['GET', '/ml/events?types=transition,alert&symbol={s}', null],
  ['GET', '/ml/nothing/{s}', null],
];

/** Segment pieces a URL parser or a router may trip on (all legal in a request line). */
const PIECES = [
  ...['..', '.', '%00', '%2F', '%2f', '%2e%2e', '%5C', ';', '@', ':', '~', '*', '!', "'", '(', '+'],
  ...['__proto__', 'constructor', 'toString', 'A', 'B', '%E0%A4%A', '%C0%AF', '%FF', '%', '%%'],
  ...['%u0041', '%2', '%G0', '%ED%A0%80', '%F4%90%80%80', '%EF%BB%BF', '*', 'A%20B'],
];
const percentEncode = (bytes: Uint8Array): string =>
  [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const hexish = fc.constantFrom(...'09afAFgz%'.split(''));
const percentish = fc.array(hexish, { maxLength: 2 }).map((h) => `%${h.join('')}`);

/** One path segment: legal on the wire, odd once decoded. */
const segment = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .array(
        fc.oneof(fc.constantFrom(...PIECES), percentish, fc.stringMatching(/^[\w.~-]{1,8}$/)),
        {
          minLength: 1,
          maxLength: 5,
        },
      )
      .map((a) => a.join('')),
  },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 12 })
      .map((s) => percentEncode(Buffer.from(s, 'utf8'))),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 12 }).map(percentEncode) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'A'.repeat(n)) },
);
const latin1 = (max: number) =>
  fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b).toString('latin1'));
const noCrLf = (s: string) => !/[\r\n]/.test(s);

/** Values the mutations draw from (all drawn every time; only the chosen ones are used). */
const draws = {
  method: fc.oneof(
    fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE'),
    fc.constantFrom('CONNECT', 'get', 'PRI', 'M-SEARCH', 'PURGE', 'QUERY', 'LINK', 'SOURCE'),
    fc.stringMatching(/^[!-~]{0,12}$/),
  ),
  version: fc.constantFrom(
    ...['HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.2', 'http/1.1', '', 'HTTP/1', 'HTTP/11'],
  ),
  absolute: fc.tuple(
    fc.constantFrom('http', 'https', 'ws', 'HTTP', 'ftp', 'x', 'file'),
    fc.constantFrom('x', '127.0.0.1', '[::1]', '[::1', 'localhost', '%zz', '', 'xn--', 'a@b'),
    fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 200_000 }).map((n) => `:${n}`),
      fc.constantFrom(':', ':abc', ':-1', ':99999', ':65535', ':0x50'),
    ),
  ),
  rawTarget: fc.oneof(
    fc.constantFrom('*', '', '//', '/?', '?x', '#f', '/health#x', 'http:', 'http://', 'ml/events'),
    fc.string({ unit: 'binary', maxLength: 10 }).map((s) => `/ml/models/status/${s}`),
    latin1(10).map((s) => `/ml/stream/status/${s}`),
  ),
  auth: fc.constantFrom('bearer {t}', 'BEARER  {t}', 'Bearer', 'Basic {t}', 'Bearer {t}{t}', ''),
  header: fc.oneof(
    fc.tuple(
      fc.stringMatching(/^[!#$%&'*+.^_`|~\w-]{1,20}$/),
      fc.string({ maxLength: 30 }).filter(noCrLf),
    ),
    fc.tuple(
      latin1(10).filter((s) => s !== '' && noCrLf(s)),
      latin1(30).filter(noCrLf),
    ),
    fc.constantFrom<[string, string]>(
      ['Accept', 'text/html'],
      ['Content-Type', 'text/plain'],
      ['Connection', 'close'],
      ['Host', ''],
      ['Host', 'a:99999'],
      ['Transfer-Encoding', 'gzip'],
      ['Content-Length', 'abc'],
      ['Content-Length', '-1'],
      ['Expect', '100-continue'],
      ['Expect', 'magic'],
      ['Sec-WebSocket-Protocol', ',,bad,,'],
      ['Sec-WebSocket-Extensions', 'permessage-deflate; x=1;;'],
    ),
  ),
  bigHeader: fc.integer({ min: 1_000, max: 30_000 }),
  upgrade: fc.record({
    upgrade: fc.constantFrom('websocket', 'WebSocket', 'h2c', ''),
    key: fc.constantFrom('dGhlIHNhbXBsZSBub25jZQ==', 'short', ''),
    version: fc.constantFrom('13', '8', '99', 'x'),
  }),
  body: fc.oneof(
    fc.json(),
    fc.string({ unit: 'binary', maxLength: 40 }),
    latin1(64),
    fc.constantFrom('', '{', '{"symbol":', 'null', '[]', '"A"', '{"symbol":"A"}x', '\u0000'),
    fc.constantFrom('{"__proto__":{"symbol":"A"}}', '{"symbol":"A","constructor":{}}'),
    fc.integer({ min: 1, max: 400 }).map((d) => `${'['.repeat(d * 50)}${']'.repeat(d * 50)}`),
    fc
      .integer({ min: 1, max: 400 })
      .map((d) => `{"symbol":"A","buffers":${'{"a":'.repeat(d * 50)}1${'}'.repeat(d * 50)}}`),
    fc.integer({ min: 60_000, max: 300_000 }).map((n) => `{"symbol":"${'x'.repeat(n)}"}`),
  ),
  framing: fc.constantFrom('chunked', 'short-length', 'none', 'both', 'bad-chunk'),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  pipeline: fc.constantFrom('GET /health HTTP/1.1\r\nHost: x\r\n\r\n', 'junk\r\n\r\n', '\r\n'),
};

const MUTATIONS = [
  ...['method', 'version', 'absolute', 'rawTarget', 'noHost', 'auth', 'header', 'header2'],
  ...['bigHeader', 'upgrade', 'body', 'framing', 'truncate', 'pipeline'],
] as const;
type Mutation = (typeof MUTATIONS)[number];

/**
 * Raw HTTP requests for fuzzing the control plane: a valid request to a random route (with an
 * odd `:symbol` segment: percent-escapes valid and not, `__proto__`, very long) and up to three
 * mutations — method, version, absolute-form target with odd host or port, raw bytes in the
 * target, no Host, auth variants, odd or huge headers, WebSocket upgrade headers, invalid, huge
 * or deeply nested JSON bodies, bad framing, truncation with a half-close, pipelined junk.
 *
 * @example
 * fc.sample(httpRequest(token), 1)[0]?.bytes; // <Buffer 47 45 54 20 2f ...>
 */
export function httpRequest(token: string): fc.Arbitrary<RawRequest> {
  return fc
    .record({
      route: fc.constantFrom(...ROUTES),
      symbol: segment,
      extra: fc.array(segment, { maxLength: 2 }),
      mutations: fc.subarray([...MUTATIONS], { maxLength: 3 }),
      ...draws,
    })
    .map((d) => build(d, token));
}

type Draws = {
  [K in keyof typeof draws]: (typeof draws)[K] extends fc.Arbitrary<infer T> ? T : never;
};

function build(
  d: Draws & {
    route: (typeof ROUTES)[number];
    symbol: string;
    extra: string[];
    mutations: Mutation[];
  },
  token: string,
): RawRequest {
  const has = (m: Mutation) => d.mutations.includes(m);
  const [baseMethod, pattern, template] = d.route;
  const method = has('method') ? d.method : baseMethod;
  let target = pattern.replace('{s}', d.symbol) + d.extra.map((s) => `/${s}`).join('');
  if (has('absolute')) target = `${d.absolute.join('')}${target}`;
  if (has('rawTarget')) target = d.rawTarget;
  const version = has('version') ? d.version : 'HTTP/1.1';
  const headers: [string, string][] = has('noHost') ? [] : [['Host', 'x']];
  const auth = has('auth') ? d.auth : 'Bearer {t}';
  if (auth !== '') headers.push(['Authorization', auth.replaceAll('{t}', token)]);
  if (has('header')) headers.push(d.header);
  if (has('header2')) headers.push(d.header, d.header);
  if (has('bigHeader')) headers.push(['X-Big', 'a'.repeat(d.bigHeader)]);
  if (has('upgrade'))
    headers.push(
      ['Upgrade', d.upgrade.upgrade],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Key', d.upgrade.key],
      ['Sec-WebSocket-Version', d.upgrade.version],
    );
  const text = has('body') ? d.body : template?.replace('{s}', d.symbol);
  const payload = text === undefined ? Buffer.alloc(0) : Buffer.from(text, 'utf8');
  let body = payload;
  const framing = has('framing') ? d.framing : text === undefined ? 'none' : 'length';
  if (framing === 'length' || framing === 'both')
    headers.push(['Content-Length', `${payload.length}`]);
  if (framing === 'short-length') headers.push(['Content-Length', `${payload.length >> 1}`]);
  if (framing === 'chunked' || framing === 'both' || framing === 'bad-chunk') {
    headers.push(['Transfer-Encoding', 'chunked']);
    const size = framing === 'bad-chunk' ? 'zz' : payload.length.toString(16);
    body = Buffer.concat([
      Buffer.from(`${size}\r\n`),
      payload,
      Buffer.from(payload.length > 0 ? '\r\n0\r\n\r\n' : '\r\n'),
    ]);
  }
  const line = `${method} ${target} ${version}`;
  const head = `${line}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  let bytes = Buffer.concat([Buffer.from(head, 'utf8'), body]);
  if (has('pipeline')) bytes = Buffer.concat([bytes, Buffer.from(d.pipeline)]);
  const truncated = has('truncate');
  if (truncated) bytes = bytes.subarray(0, Math.floor(bytes.length * d.cut));
  return {
    bytes,
    head: method === 'HEAD',
    truncated,
    line: line.slice(0, 300),
    mutations: d.mutations,
  };
}
