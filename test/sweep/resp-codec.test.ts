import { describe, expect, it } from 'vitest';
import { encodeCommand, RespError, RespParser } from '../../src/sweep/index.ts';

describe('RESP codec', () => {
  it('doc examples', () => {
    expect(encodeCommand(['SET', 'k', 1]).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\n1\r\n');
    const p = new RespParser();
    p.feed(Buffer.from('+OK\r\n:4'));
    expect(p.take()).toEqual(['OK']);
    p.feed(Buffer.from('2\r\n'));
    expect(p.take()).toEqual([42]);
  });

  it('encodes raw bytes and multi-byte text by byte length', () => {
    expect(encodeCommand([Buffer.from([0xff, 0x00]), 'é']).equals(Buffer.concat([Buffer.from('*2\r\n$2\r\n'), Buffer.from([0xff, 0x00]), Buffer.from('\r\n$2\r\né\r\n')]))).toBe(true);
  });

  it('parses nested arrays, null bulk strings and arrays, and errors split across chunks', () => {
    const text = '*2\r\n*2\r\n$6\r\nstream\r\n*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$3\r\nvé\r\n$-1\r\n*-1\r\n-ERR bad thing\r\n';
    const bytes = Buffer.from(text);
    const p = new RespParser();
    const out: unknown[] = [];
    for (let i = 0; i < bytes.length; i += 3) {
      p.feed(bytes.subarray(i, i + 3));
      out.push(...p.take());
    }
    expect(out[0]).toEqual([['stream', [['1-0', ['f', 'vé']]]], null]);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeInstanceOf(RespError);
    expect((out[2] as Error).message).toBe('ERR bad thing');
    expect(out).toHaveLength(3);
  });
});
