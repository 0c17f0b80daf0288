import { describe, expect, it } from 'vitest';
import type { Bar, EpochMs } from '../../src/core/index.ts';
import { packBars, unpackBars } from '../../src/runner/live-shard-protocol.ts';
import { SymbolPlacement } from '../../src/runner/symbol-placement.ts';

describe('SymbolPlacement', () => {
  it('doc example: round-robin over the sorted known symbols; a new one to the smallest shard', () => {
    const p = new SymbolPlacement(['B', 'A', 'C'], 2);
    expect(p.groups()).toEqual([['A', 'C'], ['B']]);
    expect(p.place('D')).toBe(1);
    expect(p.place('E')).toBe(0);
    expect(p.place('B')).toBe(1);
    expect(p.symbols()).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it("lists rows in one engine's order: known symbols as given, then by first bar", () => {
    const p = new SymbolPlacement(['__proto__', 'A', 'constructor'], 2);
    p.place('Z');
    p.place('M');
    const rows = ['M', 'Z', 'constructor', 'A', '__proto__', 'A'].map((symbol, i) => ({
      symbol,
      i,
    }));
    expect(p.inEngineOrder(rows).map((r) => r.symbol)).toEqual([
      '__proto__',
      'A',
      'A',
      'constructor',
      'Z',
      'M',
    ]);
  });

  it('more shards than symbols: the extra shards start empty and take new symbols first', () => {
    const p = new SymbolPlacement(['A'], 3);
    expect(p.groups()).toEqual([['A'], [], []]);
    expect(p.place('B')).toBe(1);
    expect(p.place('C')).toBe(2);
  });
});

describe('packBars', () => {
  it('doc example: bars round-trip through one array of symbols and one of numbers', () => {
    const bars: Bar[] = [
      {
        symbol: 'A',
        ts: 1000 as EpochMs,
        open: 1,
        high: 2,
        low: 0.5,
        close: 1.5,
        volume: Number.NaN,
      },
      { symbol: 'B', ts: 1000 as EpochMs, open: Number.NaN, high: 3, low: 3, close: 3, volume: 7 },
    ];
    const { symbols, values } = packBars(bars);
    expect(values).toHaveLength(12);
    expect(unpackBars(symbols, values)).toEqual(bars);
  });
});
