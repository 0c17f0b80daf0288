import type { IRedisTransaction } from 'bullmq';
import { RespError, type RespValue } from './resp-codec.ts';

/** What a transaction needs of its client. */
export interface TransactionClient {
  call(args: readonly unknown[]): Promise<RespValue>;
  script(name: string): { readonly sha: string; readonly lua: string; readonly keys: number };
}

type Transform = (v: RespValue) => unknown;

/** A flat `[field, value, …]` reply as an object (HGETALL). */
export const toObject: Transform = (v) => {
  const o: Record<string, string> = {};
  const list = (v ?? []) as string[];
  for (let i = 0; i + 1 < list.length; i += 2) o[list[i] as string] = list[i + 1] as string;
  return o;
};

/**
 * MULTI/EXEC or a plain pipeline: commands queued, sent together by `exec()`, each reply as
 * `[error, value]` like ioredis.
 *
 * @example
 * await client.multi().hgetall('h').del('k').exec(); // [[null, { a: '1' }], [null, 1]]
 */
export class RespTransaction implements IRedisTransaction {
  readonly #client: TransactionClient;
  readonly #atomic: boolean;
  readonly #cmds: { args: unknown[]; transform: Transform | undefined }[] = [];
  readonly #scripts = new Set<string>();

  constructor(client: TransactionClient, atomic: boolean) {
    this.#client = client;
    this.#atomic = atomic;
  }

  #add(args: unknown[], transform?: Transform): this {
    this.#cmds.push({ args, transform });
    return this;
  }

  hgetall(key: string): this {
    return this.#add(['HGETALL', key], toObject);
  }
  hset(key: string, data: Record<string, string | number>): this {
    return this.#add(['HSET', key, ...Object.entries(data).flat()]);
  }
  hscan(key: string, cursor: string | number, options?: { COUNT?: number }): this {
    return this.#add(['HSCAN', key, cursor, ...(options?.COUNT !== undefined ? ['COUNT', options.COUNT] : [])]);
  }
  smembers(key: string): this {
    return this.#add(['SMEMBERS', key]);
  }
  sscan(key: string, cursor: string | number, options?: { COUNT?: number }): this {
    return this.#add(['SSCAN', key, cursor, ...(options?.COUNT !== undefined ? ['COUNT', options.COUNT] : [])]);
  }
  zrange(key: string, start: number, end: number): this {
    return this.#add(['ZRANGE', key, start, end]);
  }
  lrange(key: string, start: number, end: number): this {
    return this.#add(['LRANGE', key, start, end]);
  }
  llen(key: string): this {
    return this.#add(['LLEN', key]);
  }
  del(...keys: string[]): this {
    return this.#add(['DEL', ...keys]);
  }
  runCommand(name: string, args: unknown[]): this {
    const s = this.#client.script(name);
    this.#scripts.add(name);
    return this.#add(['EVALSHA', s.sha, s.keys, ...args]);
  }

  async exec(): Promise<[Error | null, unknown][] | null> {
    // Scripts must be cached on the server before EVALSHA runs inside the batch.
    for (const name of this.#scripts) {
      const { sha, lua } = this.#client.script(name);
      const [loaded] = (await this.#client.call(['SCRIPT', 'EXISTS', sha])) as number[];
      if (loaded !== 1) await this.#client.call(['SCRIPT', 'LOAD', lua]);
    }
    const settle = (p: Promise<RespValue>): Promise<[Error | null, RespValue]> => p.then((v) => [null, v] as [null, RespValue], (e: Error) => [e, null] as [Error, null]);
    if (!this.#atomic) {
      const replies = await Promise.all(this.#cmds.map((c) => settle(this.#client.call(c.args))));
      return replies.map(([e, v], i) => (e !== null ? [e, null] : [null, this.#cmds[i]?.transform?.(v) ?? v]));
    }
    const multi = settle(this.#client.call(['MULTI']));
    const queued = this.#cmds.map((c) => settle(this.#client.call(c.args)));
    const exec = this.#client.call(['EXEC']);
    await multi;
    const errors = await Promise.all(queued);
    const results = (await exec) as RespValue[] | null;
    if (results === null) return null;
    return results.map((v, i): [Error | null, unknown] => {
      const queueError = errors[i]?.[0];
      if (queueError) return [queueError, null];
      if (v instanceof RespError) return [v, null];
      return [null, this.#cmds[i]?.transform?.(v) ?? v];
    });
  }

}
