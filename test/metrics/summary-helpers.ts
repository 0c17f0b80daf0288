import { expect } from 'vitest';

/** Test helper: field-by-field equality of two summaries, NaN equal to NaN, within `digits`. */
export function expectSummaryClose(actual: object, expected: object, digits = 9): void {
  const a = actual as Record<string, number>;
  const e = expected as Record<string, number>;
  expect(Object.keys(a).sort()).toEqual(Object.keys(e).sort());
  for (const key of Object.keys(e)) {
    if (Number.isNaN(e[key])) expect(a[key], key).toBeNaN();
    else expect(a[key], key).toBeCloseTo(e[key] as number, digits);
  }
}
