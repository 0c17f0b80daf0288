import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  boolField,
  enumField,
  intField,
  intType,
  numberField,
  numberRule,
  numberType,
  withoutDefaults,
} from '../../src/models/spec-field.ts';

describe('spec fields', () => {
  it('doc example: numberRule', () => {
    expect(numberRule({ min: 0, openMin: true, max: 100 })).toBe('a finite number > 0 and <= 100');
  });

  it('doc examples: each field states its whole rule in every error, and has its default', () => {
    expect(numberType({ min: 0 }).safeParse(-1).error?.issues[0]?.message).toBe(
      'a finite number >= 0',
    );
    expect(intType(1, 2).safeParse(3).error?.issues[0]?.message).toBe('an integer in [1, 2]');
    expect(intField(16, 1, 512, 'lstm: hidden units H.').parse(undefined)).toBe(16);
    expect(numberField(0.5, { min: 0, max: 1 }, 'A share.').parse(undefined)).toBe(0.5);
    expect(enumField(['a', 'b'], 'a', 'A letter.').safeParse('c').error?.issues[0]?.message).toBe(
      'one of a|b',
    );
    expect(boolField(true, 'A switch.').parse(undefined)).toBe(true);
  });

  it('rejects NaN, infinities, fractions and wrong types with the same rule', () => {
    const n = numberType({ min: 0, openMin: true, max: 10 });
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 0, 11, '1'])
      expect(n.safeParse(bad).error?.issues[0]?.message).toBe('a finite number > 0 and <= 10');
    for (const bad of [1.5, 0, '3', null])
      expect(intType(1, 4).safeParse(bad).error?.issues[0]?.message).toBe('an integer in [1, 4]');
  });

  it('doc example: withoutDefaults keeps the default for the JSON Schema only', () => {
    const shape = { hidden: intField(16, 1, 512, 'Units.') };
    const loose = z.object(withoutDefaults(shape));
    expect(loose.parse({})).toEqual({});
    expect(loose.safeParse({ hidden: 0 }).success).toBe(false);
    expect(z.toJSONSchema(loose, { io: 'input' }).properties?.['hidden']).toMatchObject({
      default: 16,
      description: 'Units.',
      minimum: 1,
      maximum: 512,
    });
  });
});
