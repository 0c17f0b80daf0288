import type { IRedisClient, IRedisTransaction, RedisOptions } from 'bullmq';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { encodeCommand, type RespArg, RespError, RespParser, type RespValue } from './resp-codec.ts';
import { RespTransaction, toObject } from './resp-transaction.ts';

const CLOSED = 'Connection is closed.';

/** A Lua script registered with `defineCommand`. */
export interface Script {
  readonly sha: string;
  readonly lua: string;
  readonly keys: number;
}

interface Pending {
  readonly resolve: (v: RespValue) => void;
  readonly reject: (e: Error) => void;
  readonly blocking: boolean;
}


function flatten(args: readonly unknown[]): RespArg[] {
  const out: RespArg[] = [];
  for (const a of args) {
    if (Array.isArray(a)) out.push(...flatten(a));
    else if (Buffer.isBuffer(a) || typeof a === 'string' || typeof a === 'number') out.push(a);
    else out.push(a === null || a === undefined ? '' : String(a));
  }
  return out;
}


/**
 * A small Redis client over one TCP connection (RESP2, commands pipelined in order) that
 * implements BullMQ's `IRedisClient`. BullMQ 6 made ioredis an optional peer dependency and
 * the project does not ship it; this adapter covers the commands BullMQ uses (Lua scripts via
 * EVALSHA with an EVAL fallback, MULTI/pipelines, streams, BZPOPMIN). No cluster, no TLS and
 * no automatic reconnection: a lost connection ends the client ('end'), as BullMQ expects of a
 * closed one.
 *
 * @example
 * RedisConnection.clientFactory = (opts) => new RespRedisClient(opts);
 * const queue = new Queue('livemodel-sweep', { connection: { host: '127.0.0.1', port: 6379 } });
 */
export class RespRedisClient extends EventEmitter implements IRedisClient {
  status = 'wait';
  readonly isCluster = false;
  options: Record<string, unknown>;
  readonly #scripts = new Map<string, Script>();
  readonly #pending: Pending[] = [];
  readonly #offline: { args: RespArg[]; p: Pending }[] = [];
  #socket: Socket | undefined;
  #connecting: Promise<void> | undefined;
  #ended = false;

  constructor(opts: RedisOptions = {}) {
    super();
    this.options = { host: '127.0.0.1', port: 6379, ...opts, maxRetriesPerRequest: null };
    this.connect().catch(() => {});
  }

  connect(): Promise<void> {
    if (this.status === 'ready') return Promise.resolve();
    this.#connecting ??= new Promise<void>((resolve, reject) => {
      this.status = 'connecting';
      this.#ended = false;
      const socket = createConnection({ host: String(this.options['host']), port: Number(this.options['port']) });
      this.#socket = socket;
      const parser = new RespParser();
      socket.setNoDelay(true);
      socket.on('data', (chunk) => {
        parser.feed(chunk);
        for (const reply of parser.take()) {
          const p = this.#pending.shift();
          if (reply instanceof RespError) p?.reject(reply);
          else p?.resolve(reply);
        }
      });
      socket.once('connect', () => {
        this.#handshake().then(() => {
          this.status = 'ready';
          this.emit('connect');
          this.emit('ready');
          for (const { args, p } of this.#offline.splice(0)) this.#write(args, p);
          resolve();
        }, reject);
      });
      socket.on('error', (error) => {
        if (this.listenerCount('error') > 0) this.emit('error', error);
        reject(error);
      });
      socket.once('close', () => this.#onClose());
    }).finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #handshake(): Promise<void> {
    const { password, username, db, connectionName } = this.options as { password?: string; username?: string; db?: number; connectionName?: string };
    const direct = (args: RespArg[]): Promise<RespValue> => new Promise((resolve, reject) => this.#write(args, { resolve, reject, blocking: false }));
    if (password !== undefined) await direct(username !== undefined ? ['AUTH', username, password] : ['AUTH', password]);
    if (db !== undefined && db !== 0) await direct(['SELECT', db]);
    if (connectionName !== undefined) await direct(['CLIENT', 'SETNAME', connectionName]);
  }

  #onClose(): void {
    this.#socket = undefined;
    this.status = 'end';
    const error = new Error(CLOSED);
    for (const p of this.#pending.splice(0)) p.reject(error);
    for (const { p } of this.#offline.splice(0)) p.reject(error);
    this.emit('close');
    this.#end();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.emit('end');
  }

  #write(args: RespArg[], p: Pending): void {
    const socket = this.#socket;
    if (socket === undefined || socket.destroyed) {
      p.reject(new Error(CLOSED));
      return;
    }
    this.#pending.push(p);
    socket.write(encodeCommand(args));
  }

  /** Sends one command; error replies reject. */
  call(args: readonly unknown[], blocking = false): Promise<RespValue> {
    const flat = flatten(args);
    return new Promise((resolve, reject) => {
      const p: Pending = { resolve, reject, blocking };
      if (this.status === 'ready') this.#write(flat, p);
      else if (this.status === 'end' && this.#connecting === undefined) reject(new Error(CLOSED));
      else this.#offline.push({ args: flat, p });
    });
  }

  disconnect(): void {
    this.status = 'end';
    if (this.#socket !== undefined) this.#socket.destroy();
    else {
      for (const { p } of this.#offline.splice(0)) p.reject(new Error(CLOSED));
      this.#end();
    }
  }

  async quit(): Promise<string> {
    if (this.#socket === undefined) {
      this.disconnect();
      return 'OK';
    }
    // A blocking command would hold QUIT back until its timeout: close at once instead.
    if (this.#pending.some((p) => p.blocking)) {
      this.disconnect();
      return 'OK';
    }
    await this.call(['QUIT']).catch(() => 'OK');
    this.disconnect();
    return 'OK';
  }

  duplicate(overrides?: Record<string, unknown>): RespRedisClient {
    return new RespRedisClient({ ...this.options, ...overrides } as RedisOptions);
  }

  defineCommand(name: string, def: { numberOfKeys: number; lua: string }): void {
    this.#scripts.set(name, { sha: createHash('sha1').update(def.lua).digest('hex'), lua: def.lua, keys: def.numberOfKeys });
  }

  /** The Lua script registered under `name` (for transactions). */
  script(name: string): Script {
    const s = this.#scripts.get(name);
    if (s === undefined) throw new Error(`Redis script ${name} is not defined`);
    return s;
  }

  async runCommand(name: string, args: unknown[]): Promise<unknown> {
    const s = this.script(name);
    try {
      return await this.call(['EVALSHA', s.sha, s.keys, ...args]);
    } catch (error) {
      if (!(error instanceof RespError) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.call(['EVAL', s.lua, s.keys, ...args]);
    }
  }

  multi(): IRedisTransaction {
    return new RespTransaction(this, true);
  }

  pipeline(): IRedisTransaction {
    return new RespTransaction(this, false);
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    return toObject(await this.call(['HGETALL', key])) as Record<string, string>;
  }
  hget(key: string, field: string): Promise<string | null> {
    return this.call(['HGET', key, field]) as Promise<string | null>;
  }
  hmget(key: string, ...fields: string[]): Promise<(string | null)[]> {
    return this.call(['HMGET', key, ...fields]) as Promise<(string | null)[]>;
  }
  hset(key: string, data: Record<string, string | number>): Promise<number> {
    return this.call(['HSET', key, ...Object.entries(data).flat()]) as Promise<number>;
  }
  hdel(key: string, ...fields: string[]): Promise<number> {
    return this.call(['HDEL', key, ...fields]) as Promise<number>;
  }
  hexists(key: string, field: string): Promise<number> {
    return this.call(['HEXISTS', key, field]) as Promise<number>;
  }
  get(key: string): Promise<string | null> {
    return this.call(['GET', key]) as Promise<string | null>;
  }
  set(key: string, value: string | number, options?: { PX?: number; EX?: number }): Promise<string | null> {
    const extra = options?.PX !== undefined ? ['PX', options.PX] : options?.EX !== undefined ? ['EX', options.EX] : [];
    return this.call(['SET', key, value, ...extra]) as Promise<string | null>;
  }
  del(...keys: string[]): Promise<number> {
    return this.call(['DEL', ...keys]) as Promise<number>;
  }
  zrange(key: string, start: number, end: number, options?: { WITHSCORES?: boolean }): Promise<string[]> {
    return this.call(['ZRANGE', key, start, end, ...(options?.WITHSCORES ? ['WITHSCORES'] : [])]) as Promise<string[]>;
  }
  zrevrange(key: string, start: number, end: number, options?: { WITHSCORES?: boolean }): Promise<string[]> {
    return this.call(['ZREVRANGE', key, start, end, ...(options?.WITHSCORES ? ['WITHSCORES'] : [])]) as Promise<string[]>;
  }
  zcard(key: string): Promise<number> {
    return this.call(['ZCARD', key]) as Promise<number>;
  }
  zscore(key: string, member: string): Promise<string | null> {
    return this.call(['ZSCORE', key, member]) as Promise<string | null>;
  }
  lrange(key: string, start: number, end: number): Promise<string[]> {
    return this.call(['LRANGE', key, start, end]) as Promise<string[]>;
  }
  llen(key: string): Promise<number> {
    return this.call(['LLEN', key]) as Promise<number>;
  }
  ltrim(key: string, start: number, end: number): Promise<string> {
    return this.call(['LTRIM', key, start, end]) as Promise<string>;
  }
  lpos(key: string, value: string): Promise<number | null> {
    return this.call(['LPOS', key, value]) as Promise<number | null>;
  }
  smembers(key: string): Promise<string[]> {
    return this.call(['SMEMBERS', key]) as Promise<string[]>;
  }
  xadd(key: string, id: string, fields: Record<string, string | number>, options?: { MAXLEN?: number; approximate?: boolean }): Promise<string> {
    const trim = options?.MAXLEN !== undefined ? ['MAXLEN', ...(options.approximate !== false ? ['~'] : []), options.MAXLEN] : [];
    return this.call(['XADD', key, ...trim, id, ...Object.entries(fields).flat()]) as Promise<string>;
  }
  xread(streams: { key: string; id: string }[], options?: { BLOCK?: number; COUNT?: number }): Promise<unknown> {
    const opts = [...(options?.BLOCK !== undefined ? ['BLOCK', options.BLOCK] : []), ...(options?.COUNT !== undefined ? ['COUNT', options.COUNT] : [])];
    return this.call(['XREAD', ...opts, 'STREAMS', ...streams.map((s) => s.key), ...streams.map((s) => s.id)], options?.BLOCK !== undefined);
  }
  xtrim(key: string, strategy: 'MAXLEN', threshold: number, options?: { approximate?: boolean }): Promise<number> {
    return this.call(['XTRIM', key, strategy, ...(options?.approximate !== false ? ['~'] : []), threshold]) as Promise<number>;
  }
  bzpopmin(key: string, timeout: number): Promise<[key: string, member: string, score: string] | null> {
    return this.call(['BZPOPMIN', key, timeout], true) as Promise<[string, string, string] | null>;
  }
  info(): Promise<string> {
    return this.call(['INFO']) as Promise<string>;
  }
  clientSetName(name: string): Promise<unknown> {
    return this.call(['CLIENT', 'SETNAME', name]);
  }
  clientList(): Promise<string> {
    return this.call(['CLIENT', 'LIST']) as Promise<string>;
  }
  clientInfo(): Promise<string> {
    return this.call(['CLIENT', 'INFO']) as Promise<string>;
  }
  scan(cursor: string | number, options: { MATCH?: string; COUNT?: number }): Promise<[string, string[]]> {
    const opts = [...(options.MATCH !== undefined ? ['MATCH', options.MATCH] : []), ...(options.COUNT !== undefined ? ['COUNT', options.COUNT] : [])];
    return this.call(['SCAN', cursor, ...opts]) as Promise<[string, string[]]>;
  }
  scanStream(options: { match: string; count?: number }): Readable {
    let cursor = '0';
    let done = false;
    const stream: Readable = new Readable({
      objectMode: true,
      read: () => {
        if (done) return;
        this.scan(cursor, { MATCH: options.match, ...(options.count !== undefined ? { COUNT: options.count } : {}) }).then(
          ([next, keys]) => {
            cursor = next;
            done = next === '0';
            stream.push(keys);
            if (done) stream.push(null);
          },
          (error: Error) => stream.destroy(error),
        );
      },
    });
    return stream;
  }
}
