import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/models/canonical-json.ts';

describe('canonicalJson', () => {
  it('doc example: sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
});
