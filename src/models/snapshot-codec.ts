import { InputError } from '../core/index.ts';
import type { ModelSnapshot } from './model.ts';

/**
 * Encodes a snapshot as JSON text with each Float64Array as base64 of its bytes (exact, no
 * decimal rounding). {@link decodeSnapshot} inverts it bit for bit.
 *
 * @example
 * decodeSnapshot(encodeSnapshot(s)).arrays[0]; // identical bits to s.arrays[0]
 */
export function encodeSnapshot(s: ModelSnapshot): string {
  return JSON.stringify({ kind: s.kind, config: s.config, arrays: s.arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64')) });
}

/** Decodes {@link encodeSnapshot}'s text. @throws {InputError} on malformed text. */
export function decodeSnapshot(text: string): ModelSnapshot {
  const raw = JSON.parse(text) as { kind?: unknown; config?: unknown; arrays?: unknown };
  if (typeof raw.kind !== 'string' || !Array.isArray(raw.arrays)) throw new InputError('Expected a model snapshot with `kind` and `arrays`');
  const arrays = raw.arrays.map((b64) => {
    const bytes = Buffer.from(String(b64), 'base64');
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return new Float64Array(copy.buffer);
  });
  return { kind: raw.kind, config: (raw.config ?? {}) as Record<string, unknown>, arrays };
}
