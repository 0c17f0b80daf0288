import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * A check of `Authorization: Bearer <token>`. The scheme is case-insensitive (RFC 7235 §2.1:
 * `bearer`, `BEARER` and `Bearer` are the same scheme); the token is compared in constant time
 * through SHA-256 digests, so neither its content nor its length leaks through timing.
 *
 * @example
 * const ok = bearerCheck('s3cret');
 * ok('bearer s3cret'); // true
 * ok('Basic s3cret'); // false
 */
export function bearerCheck(token: string): (header: string | undefined) => boolean {
  const expected = digest(token);
  return (header) => {
    const m = /^[ \t]*bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
    // an absent or malformed header still costs one comparison
    const given = digest(m?.[1] ?? '');
    return timingSafeEqual(given, expected) && m !== null;
  };
}
