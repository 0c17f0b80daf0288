import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { parseRedisUrl } from '../../src/sweep/index.ts';

describe('parseRedisUrl', () => {
  it('doc example: host, port and database', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6390/2')).toMatchObject({
      host: '127.0.0.1',
      port: 6390,
      db: 2,
    });
  });

  it('rediss:// connects over TLS with the host as server name; credentials are decoded', () => {
    const o = parseRedisUrl('rediss://me:p%40ss@cache.example.com:6380');
    expect(o).toMatchObject({
      host: 'cache.example.com',
      port: 6380,
      username: 'me',
      password: 'p@ss',
      tls: { servername: 'cache.example.com' },
    });
    expect(parseRedisUrl('redis://localhost').tls).toBeUndefined();
  });

  it('refuses anything else with one line naming the text', () => {
    expect(() => parseRedisUrl('http://x')).toThrow(InputError);
    expect(() => parseRedisUrl('http://x')).toThrow(
      '--queue expects a redis:// or rediss:// (TLS) URL, got `http://x`',
    );
    expect(() => parseRedisUrl('not a url')).toThrow('(or REDIS_URL)');
    expect(() => parseRedisUrl('redis://h/x')).toThrow('database after the slash');
  });
});
