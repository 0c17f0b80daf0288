import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/core/index.ts';
import { SyntheticSource } from '../../../src/feeds/index.ts';

async function all(src: SyntheticSource): Promise<Bar[]> {
  const out: Bar[] = [];
  for await (const b of src.batches()) out.push(...b);
  return out;
}

describe('SyntheticSource symbol subsets', () => {
  it('generates a subset exactly as the full market generates those symbols (per-symbol and market regimes)', async () => {
    for (const regimeScope of ['symbol', 'market'] as const) {
      const spec = { symbols: 7, bars: 120, seed: 3, regimeScope, factorLoading: 0.5 };
      const full = await all(new SyntheticSource(spec));
      const sub = await all(new SyntheticSource(spec, undefined, ['S006', 'S002']));
      expect(sub.length).toBe(240);
      expect(sub).toEqual(full.filter((b) => b.symbol === 'S002' || b.symbol === 'S006'));
    }
  });

  it('refuses unknown symbols with the range it has', () => {
    expect(() => new SyntheticSource({ symbols: 3, bars: 10 }, undefined, ['S009'])).toThrow(
      /symbol S009 not found; it has S001…S003/,
    );
  });
});
