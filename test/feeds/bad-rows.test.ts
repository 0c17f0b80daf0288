import { describe, expect, it } from 'vitest';
import { DataError, InputError, type RejectOutcome } from '../../src/core/index.ts';
import { createBadRowReporter } from '../../src/feeds/index.ts';

describe('createBadRowReporter', () => {
  it('doc example', () => {
    const rejects: RejectOutcome[] = [];
    const bad = createBadRowReporter('a.csv', 'skip', (r) => rejects.push(r));
    bad(3, 'close is `abc`, expected a finite positive number', 'input');
    expect(rejects).toEqual([
      {
        type: 'reject',
        source: 'a.csv',
        line: 3,
        reason: 'close is `abc`, expected a finite positive number',
      },
    ]);
    expect(bad.count).toBe(1);
  });

  it('fail throws InputError or DataError naming file:line, or file: row N', () => {
    expect(() => createBadRowReporter('a.csv', 'fail', undefined)(7, 'x', 'input')).toThrow(
      new InputError('a.csv:7: x'),
    );
    expect(() => createBadRowReporter('a.csv', 'fail', undefined)(7, 'x', 'data')).toThrow(
      DataError,
    );
    expect(() =>
      createBadRowReporter('b.parquet', 'fail', undefined, 'row')(2, 'y', 'input'),
    ).toThrow(new InputError('b.parquet: row 2: y'));
  });
});
