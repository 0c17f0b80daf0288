import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { filterSymbols, SyntheticSource } from '../../src/feeds/index.ts';
import { collect } from '../helpers/bars.ts';

describe('filterSymbols', () => {
  it('doc example', () => {
    expect(filterSymbols(new SyntheticSource({ symbols: 5 }), ['S001', 'S003']).symbols).toEqual([
      'S001',
      'S003',
    ]);
  });

  it('keeps only the requested symbols, and names an unknown one', async () => {
    const src = filterSymbols(new SyntheticSource({ symbols: 30, bars: 10 }), ['S017']);
    const bars = await collect(src.batches());
    expect(new Set(bars.map((b) => b.symbol))).toEqual(new Set(['S017']));
    expect(bars).toHaveLength(10);
    expect(() => filterSymbols(new SyntheticSource({ symbols: 30 }), ['X'])).toThrow(InputError);
    expect(() => filterSymbols(new SyntheticSource({ symbols: 30 }), ['X'])).toThrow(
      /symbol X not found; the source has S001, .*, S012, … \(30 symbols\)/,
    );
  });
});
