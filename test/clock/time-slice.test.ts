import { describe, expect, it } from 'vitest';
import { SliceGrouper, toTimeSlices, toTimeSlicesAsync } from '../../src/clock/index.ts';
import { DataError } from '../../src/core/index.ts';
import { bar } from '../helpers/bars.ts';

describe('toTimeSlices', () => {
  it('doc example', () => {
    expect(
      [...toTimeSlices([[bar('A', 1), bar('B', 1)], [bar('A', 2)]])].map((s) => s.bars.length),
    ).toEqual([2, 1]);
  });

  it('SliceGrouper doc example', () => {
    const g = new SliceGrouper();
    expect(g.push(bar('A', 1))).toBeUndefined();
    expect(g.push(bar('A', 2))).toEqual({ ts: 1, bars: [bar('A', 1)] });
    expect(g.flush()).toEqual({ ts: 2, bars: [bar('A', 2)] });
  });

  it('joins a timestamp split across batches and keeps the bar order inside a slice', async () => {
    const batches = [
      [bar('A', 1), bar('B', 2)],
      [bar('C', 2), bar('A', 3)],
    ];
    const slices = [];
    for await (const s of toTimeSlicesAsync(batches)) slices.push(s);
    expect(slices.map((s) => [s.ts, s.bars.map((b) => b.symbol).join('')])).toEqual([
      [1, 'A'],
      [2, 'BC'],
      [3, 'A'],
    ]);
  });

  it('refuses bars that go back in time, naming symbol and times', () => {
    expect(() => [...toTimeSlices([[bar('A', 86_400_000), bar('B', 0)]])]).toThrow(DataError);
    expect(() => [...toTimeSlices([[bar('A', 86_400_000), bar('B', 0)]])]).toThrow(
      /B at 1970-01-01 after 1970-01-02/,
    );
  });
});
