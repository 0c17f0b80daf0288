import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { escapeText, InputError } from '../../core/index.ts';
import type { CsvItem, CsvTokenizer } from './csv-tokenizer.ts';

/** Bytes read from the file at a time. */
const CHUNK_BYTES = 1 << 16;

/** True when the file starts with the gzip magic bytes (whatever its name). */
export function isGzipFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/**
 * Streams a CSV file's records in batches (one batch per chunk of text read), with bounded
 * memory whatever the file's size: the file is read 64 KiB at a time, gunzipped on the fly when
 * it is gzip-compressed (`.gz`, or any file starting with the gzip magic bytes), decoded as UTF-8
 * and split by a {@link CsvTokenizer}. Stopping the iteration closes the file.
 *
 * @throws {InputError} a missing file, or a gzip file that cannot be read to its end.
 * @example
 * const tokenizer = new CsvTokenizer();
 * for await (const batch of readCsvRecords('prices.csv.gz', tokenizer)) handle(batch);
 */
export async function* readCsvRecords(
  file: string,
  tokenizer: CsvTokenizer,
): AsyncGenerator<CsvItem[]> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new InputError(`data file not found: ${file}`);
  const gzip = isGzipFile(file);
  const raw = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  const gunzip = gzip ? createGunzip({ chunkSize: CHUNK_BYTES }) : null;
  if (gunzip !== null) raw.on('error', (e) => gunzip.destroy(e));
  const text: Readable = gunzip !== null ? raw.pipe(gunzip) : raw;
  text.setEncoding('utf8');
  try {
    for await (const chunk of text) {
      const out = tokenizer.write(chunk as string);
      if (out.length > 0) yield out;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const why = escapeText(
      (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '',
    );
    throw new InputError(
      gzip ? `${file}: not a readable gzip file (${why})` : `${file}: cannot be read (${why})`,
      { cause: error },
    );
  } finally {
    raw.destroy();
    gunzip?.destroy();
  }
  const out = tokenizer.end();
  if (out.length > 0) yield out;
}
