import { describe, expect, it } from 'vitest';
import { HttpError, parseRequestTarget } from '../../src/api/index.ts';

describe('parseRequestTarget', () => {
  it('doc example: path and query; an unparseable target is a 400', () => {
    expect(parseRequestTarget('/ml/events?types=alert').pathname).toBe('/ml/events');
    expect(() => parseRequestTarget('http://x:99999/')).toThrow(HttpError);
  });

  it('takes origin and absolute forms; names the target in the 400', () => {
    expect(parseRequestTarget('http://h:8080/health?a=1')).toMatchObject({ pathname: '/health' });
    expect(parseRequestTarget(undefined).pathname).toBe('/');
    expect(parseRequestTarget('*').pathname).toBe('/*');
    try {
      parseRequestTarget('http://[::1/x');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        status: 400,
        message: 'invalid request target `http://[::1/x`',
        details: { field: '(url)' },
      });
    }
  });

  it('clips a long target in the message', () => {
    const long = `http://x:99999/${'a'.repeat(5000)}`;
    expect(() => parseRequestTarget(long)).toThrow(
      /^invalid request target `http:\/\/x:99999\/a+…`$/,
    );
  });
});
