import { InputError } from '../core/index.ts';
import type { ModelSnapshot } from './model.ts';

const MAGIC = 'LMSNAP01';
const HEADER_AT = 12;

/**
 * Encodes a snapshot as compact, self-describing bytes for the version registry:
 * `"LMSNAP01"` (8 ASCII bytes), the header length (uint32 LE), a UTF-8 JSON header
 * `{ kind, config, lengths }`, zero padding to a multiple of 8, then every array as float64
 * little-endian, in order. The round trip is exact: arrays travel as raw IEEE-754 doubles (so
 * Float32 weights widened to Float64 come back bit-identical, -0 included) and configs are
 * finite JSON values. O(size).
 *
 * @example
 * const bytes = serializeSnapshot(model.snapshot());
 * model.restore(deserializeSnapshot(bytes)); // bit-identical
 */
export function serializeSnapshot(snapshot: ModelSnapshot): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({
      kind: snapshot.kind,
      config: snapshot.config,
      lengths: snapshot.arrays.map((a) => a.length),
    }),
  );
  const dataAt = align8(HEADER_AT + header.length);
  const total = snapshot.arrays.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(dataAt + 8 * total);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, header.length, true);
  bytes.set(header, HEADER_AT);
  let at = dataAt;
  for (const a of snapshot.arrays) {
    for (let i = 0; i < a.length; i++, at += 8) view.setFloat64(at, a[i] as number, true);
  }
  return bytes;
}

/**
 * Decodes bytes written by {@link serializeSnapshot}.
 *
 * @throws {InputError} when the bytes are not a snapshot (bad magic, truncated, bad header).
 * @example
 * const snap = deserializeSnapshot(serializeSnapshot(model.snapshot()));
 */
export function deserializeSnapshot(bytes: Uint8Array): ModelSnapshot {
  const fail = (why: string): never => {
    throw new InputError(
      `Expected model snapshot bytes (${MAGIC}), got ${bytes.length} bytes: ${why}`,
    );
  };
  if (bytes.length < HEADER_AT || String.fromCharCode(...bytes.subarray(0, 8)) !== MAGIC)
    fail('bad magic');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  if (HEADER_AT + headerLength > bytes.length) fail('truncated header');
  let header: { kind?: unknown; config?: unknown; lengths?: unknown };
  try {
    header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(HEADER_AT, HEADER_AT + headerLength)),
    );
  } catch (cause) {
    throw new InputError(`Expected model snapshot bytes (${MAGIC}), got an unreadable header`, {
      cause,
    });
  }
  const { kind, config, lengths } = header;
  const validLengths =
    Array.isArray(lengths) && lengths.every((n) => Number.isInteger(n) && n >= 0);
  if (typeof kind !== 'string' || typeof config !== 'object' || config === null || !validLengths)
    fail('bad header');
  const dataAt = align8(HEADER_AT + headerLength);
  const total = (lengths as number[]).reduce((n, k) => n + k, 0);
  if (bytes.length !== dataAt + 8 * total) fail(`expected ${dataAt + 8 * total} bytes`);
  let at = dataAt;
  const arrays = (lengths as number[]).map((n) => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++, at += 8) a[i] = view.getFloat64(at, true);
    return a;
  });
  return { kind: kind as string, config: config as Record<string, unknown>, arrays };
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/**
 * Encodes a snapshot as JSON text with each Float64Array as base64 of its bytes (exact, no
 * decimal rounding): the text form the engine records in outcome rows. {@link decodeSnapshot}
 * inverts it bit for bit. (Same format as on `main`; the binary {@link serializeSnapshot} is
 * the compact form for the registry.)
 *
 * @example
 * decodeSnapshot(encodeSnapshot(s)).arrays[0]; // identical bits to s.arrays[0]
 */
export function encodeSnapshot(s: ModelSnapshot): string {
  return JSON.stringify({
    kind: s.kind,
    config: s.config,
    arrays: s.arrays.map((a) =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64'),
    ),
  });
}

/** Decodes {@link encodeSnapshot}'s text. @throws {InputError} on malformed text. */
export function decodeSnapshot(text: string): ModelSnapshot {
  const raw = JSON.parse(text) as { kind?: unknown; config?: unknown; arrays?: unknown };
  if (typeof raw.kind !== 'string' || !Array.isArray(raw.arrays)) {
    throw new InputError('Expected a model snapshot with `kind` and `arrays`');
  }
  const arrays = raw.arrays.map((b64) => {
    const bytes = Buffer.from(String(b64), 'base64');
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return new Float64Array(copy.buffer);
  });
  return { kind: raw.kind, config: (raw.config ?? {}) as Record<string, unknown>, arrays };
}
