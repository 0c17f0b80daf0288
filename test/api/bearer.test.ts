import { describe, expect, it } from 'vitest';
import { bearerCheck } from '../../src/api/index.ts';

describe('bearerCheck', () => {
  it('doc example: the scheme is case-insensitive, other schemes are refused', () => {
    const ok = bearerCheck('s3cret');
    expect(ok('bearer s3cret')).toBe(true);
    expect(ok('Basic s3cret')).toBe(false);
  });

  it('accepts any case and spaces or tabs around the token; refuses anything else', () => {
    const ok = bearerCheck('s3cret');
    for (const h of [
      'Bearer s3cret',
      'BEARER s3cret',
      'bEaReR\ts3cret',
      'Bearer   s3cret',
      ' Bearer s3cret ',
    ])
      expect([h, ok(h)]).toEqual([h, true]);
    for (const h of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearers3cret',
      'Bearer s3cre',
      'Bearer s3crett',
      'Bearer s3cret x',
      'Bearer S3CRET',
      's3cret',
      'Token s3cret',
    ])
      expect([h, ok(h)]).toEqual([h, false]);
  });

  it('an empty token never matches a missing header', () => {
    expect(bearerCheck('x')(undefined)).toBe(false);
    expect(bearerCheck('x')('Bearer ')).toBe(false);
  });
});
