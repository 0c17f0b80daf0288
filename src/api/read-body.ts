import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';

/** Largest request body the API reads, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = (limit: number) =>
  new HttpError(413, `request body larger than ${limit} bytes`, { limit }, { connection: 'close' });

/**
 * Reads a request body as UTF-8 text, up to `limit` bytes. A body over the limit (by its
 * `content-length`, or as it streams in) rejects with a 413 at once; the rest is discarded, not
 * buffered, and the 413 closes the connection.
 *
 * @throws {HttpError} 413 when the body is larger than `limit`.
 * @example
 * const text = await readBodyText(req); // '' for no body
 */
export function readBodyText(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume(); // discard
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= limit) {
        chunks.push(c);
        return;
      }
      req.off('data', onData);
      chunks.length = 0;
      req.resume(); // keep discarding so the 413 can be written and read
      reject(tooLarge(limit));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
