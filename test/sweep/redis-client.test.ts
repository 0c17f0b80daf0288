import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRedisUrl, RespRedisClient } from '../../src/sweep/index.ts';
import { startRedis, type TestRedis } from '../helpers/redis-server.ts';

describe('parseRedisUrl', () => {
  it('doc example, defaults and errors', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6390/2')).toEqual({ host: '127.0.0.1', port: 6390, db: 2 });
    expect(parseRedisUrl('redis://u:p%40ss@box')).toEqual({ host: 'box', port: 6379, username: 'u', password: 'p@ss' });
    expect(() => parseRedisUrl('rediss://box:6379')).toThrow(/--queue expects a redis:\/\/ URL \(TLS is not supported\), got `rediss:\/\/box:6379`/);
    expect(() => parseRedisUrl('box:6379/x')).toThrow(/--queue/);
  });
});

describe('RespRedisClient (the BullMQ adapter) against a real redis-server', () => {
  let redis: TestRedis;
  let client: RespRedisClient;
  beforeAll(async () => {
    redis = await startRedis();
    client = new RespRedisClient({ host: '127.0.0.1', port: redis.port });
    await client.connect();
  });
  afterAll(async () => {
    await client?.quit();
    await redis?.stop();
  });

  it('runs plain, hash and sorted-set commands with the shapes BullMQ expects', async () => {
    expect(client.status).toBe('ready');
    expect(await client.set('k', 'v', { PX: 10_000 })).toBe('OK');
    expect(await client.get('k')).toBe('v');
    expect(await client.get('missing')).toBeNull();
    expect(await client.hset('h', { a: '1', b: 2 })).toBe(2);
    expect(await client.hgetall('h')).toEqual({ a: '1', b: '2' });
    expect(await client.hmget('h', 'a', 'zz')).toEqual(['1', null]);
    await client.call(['ZADD', 'z', 2, 'two', 1, 'one']);
    expect(await client.zrange('z', 0, -1, { WITHSCORES: true })).toEqual(['one', '1', 'two', '2']);
    expect(await client.bzpopmin('z', 1)).toEqual(['z', 'one', '1']);
    expect(await client.bzpopmin('empty', 0.05)).toBeNull();
    await expect(client.call(['NOSUCHCOMMAND'])).rejects.toThrow(/unknown command/i);
  });

  it('runs Lua scripts by SHA, loading them on a NOSCRIPT reply, also inside MULTI and pipelines', async () => {
    client.defineCommand('echoKeys', { numberOfKeys: 2, lua: 'return {KEYS[1], KEYS[2], ARGV[1]}' });
    await client.call(['SCRIPT', 'FLUSH']);
    expect(await client.runCommand('echoKeys', ['a', 'b', Buffer.from('c')])).toEqual(['a', 'b', 'c']);
    await client.call(['SCRIPT', 'FLUSH']);
    const multi = await client.multi().hgetall('h').runCommand('echoKeys', ['x', 'y', 1]).del('k').exec();
    expect(multi).toEqual([
      [null, { a: '1', b: '2' }],
      [null, ['x', 'y', '1']],
      [null, 1],
    ]);
    expect(() => client.pipeline().runCommand('nosuch', [])).toThrow('Redis script nosuch is not defined');
    const ok = await client.pipeline().llen('nolist').lrange('nolist', 0, -1).exec();
    expect(ok).toEqual([
      [null, 0],
      [null, []],
    ]);
  });

  it('reads streams and scans keys', async () => {
    const id = await client.xadd('s', '*', { f: 'v' }, { MAXLEN: 100 });
    const read = (await client.xread([{ key: 's', id: '0' }], { COUNT: 10 })) as [string, [string, string[]][]][];
    expect(read).toEqual([['s', [[id, ['f', 'v']]]]]);
    const keys: string[] = [];
    for await (const batch of client.scanStream({ match: '*', count: 100 })) keys.push(...(batch as string[]));
    expect(keys.sort()).toEqual(['h', 's', 'z']);
  });

  it('rejects pending commands with “Connection is closed.” on disconnect and emits end', async () => {
    const other = client.duplicate();
    await other.connect();
    const blocked = other.bzpopmin('never', 5);
    const ended = new Promise((r) => other.once('end', r));
    other.disconnect();
    await expect(blocked).rejects.toThrow('Connection is closed.');
    await ended;
    expect(other.status).toBe('end');
    await expect(other.get('k')).rejects.toThrow('Connection is closed.');
  });
});
