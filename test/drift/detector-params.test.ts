import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { describeRange, resolveParams, suggest } from '../../src/drift/index.ts';

describe('resolveParams', () => {
  it('doc example', () => {
    expect(
      resolveParams(
        'ph',
        { threshold: { default: 50, min: 0, max: Infinity, minInclusive: false } },
        {},
      ),
    ).toEqual({ threshold: 50 });
  });

  it('renders ranges and checks bounds inclusively or not', () => {
    expect(
      describeRange({ default: 0.5, min: 0, max: 1, minInclusive: false, maxInclusive: false }),
    ).toBe('in (0, 1)');
    expect(describeRange({ default: 1, min: 1, max: Infinity, integer: true })).toBe(
      'an integer in [1, ∞)',
    );
    const specs = { a: { default: 0.5, min: 0, max: 1, maxInclusive: false } };
    expect(resolveParams('d', specs, { a: 0 })).toEqual({ a: 0 });
    expect(() => resolveParams('d', specs, { a: 1 })).toThrow(
      'Expected `d.a` to be in [0, 1), got `1` (number)',
    );
    expect(() => resolveParams('d', specs, { a: Number.POSITIVE_INFINITY })).toThrow(InputError);
  });

  it('suggests only plausible near misses', () => {
    expect(suggest('treshold', ['threshold', 'delta'])).toBe('threshold');
    expect(suggest('WINDOW_SIZE', ['window_size'])).toBe('window_size');
    expect(suggest('zzz', ['threshold', 'delta'])).toBeUndefined();
  });
});
