import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { canonicalJson } from '../../src/models/canonical-json.ts';
import { SpecReader } from '../../src/models/spec-reader.ts';

describe('SpecReader', () => {
  it('doc example: reads a field with a default', () => {
    const r = new SpecReader({ hidden: 8 }, 'model');
    expect(r.int('hidden', 16, 1, 512)).toBe(8);
    expect(r.int('window', 16, 1, 512)).toBe(16);
    r.finish();
  });

  it('names the field and the value with its type', () => {
    const r = new SpecReader({ rate: Number.NaN, on: 'yes' }, 'a.b');
    expect(() => r.number('rate', 1, 0, { openMin: true })).toThrow(
      'Expected `a.b.rate` to be a finite number > 0, got `null` (number)',
    );
    expect(() => r.bool('on', true)).toThrow(
      'Expected `a.b.on` to be a boolean, got `"yes"` (string)',
    );
  });

  it('rejects unknown fields', () => {
    const r = new SpecReader({ hidden: 8, hiden: 9 }, 'model');
    r.int('hidden', 16, 1, 512);
    expect(() => r.finish()).toThrow(InputError);
    expect(() => r.finish()).toThrow('Unknown field `model.hiden` (known fields: hidden)');
  });
});

describe('canonicalJson', () => {
  it('doc example: sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
});
