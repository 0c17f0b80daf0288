import type { RedisOptions } from 'bullmq';
import { InputError } from '../../core/index.ts';

/** The BullMQ queue a sweep's jobs go to unless `--queue-name` says otherwise. */
export const DEFAULT_QUEUE_NAME = 'livemodel-sweep';

/**
 * Parses `redis://[user:password@]host[:port][/db]` (or `rediss://…` for TLS, certificates
 * checked against the system's CAs) into connection options.
 *
 * @throws {InputError} when the text is not such a URL.
 * @example
 * parseRedisUrl('redis://127.0.0.1:6390/2'); // { host: '127.0.0.1', port: 6390, db: 2 }
 * parseRedisUrl('rediss://cache.example.com'); // { host: 'cache.example.com', port: 6379, tls: { servername: … } }
 */
export function parseRedisUrl(text: string): RedisOptions {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(
      `--queue (or REDIS_URL) expects a URL like redis://host:6379, got \`${text}\``,
    );
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new InputError(`--queue expects a redis:// or rediss:// (TLS) URL, got \`${text}\``);
  const port = url.port === '' ? 6379 : Number(url.port);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0)
    throw new InputError(
      `--queue: the database after the slash must be an integer >= 0, got \`${url.pathname.slice(1)}\` in \`${text}\``,
    );
  // Reconnect with a growing delay, and give up after about 10 s without Redis (a sweep or worker
  // then ends with a clear error instead of waiting forever).
  const options: RedisOptions = {
    host: url.hostname || '127.0.0.1',
    port,
    retryStrategy: (times: number) => (times > 8 ? null : Math.min(250 * times, 2000)),
  };
  if (db !== 0) options.db = db;
  if (url.protocol === 'rediss:') options.tls = { servername: url.hostname };
  if (url.password !== '') options.password = decodeURIComponent(url.password);
  if (url.username !== '') options.username = decodeURIComponent(url.username);
  return options;
}
