import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../src/core/index.ts';

describe('withDefaults', () => {
  it('doc example', () => {
    expect(withDefaults({ window: 20, ratio: 1.5 }, { ratio: 2 })).toEqual({
      window: 20,
      ratio: 2,
    });
  });

  it('is the spread { ...defaults, ...overrides }: same keys, same order, same values', () => {
    const obj = fc.dictionary(
      fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      fc.oneof(fc.integer(), fc.constant(undefined), fc.string()),
    );
    fc.assert(
      fc.property(obj, obj, (d, o) => {
        const got = withDefaults(d, o);
        const want = { ...d, ...o };
        expect(Object.keys(got)).toEqual(Object.keys(want));
        expect(Object.values(got)).toEqual(Object.values(want));
      }),
    );
  });
});
