import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/core/index.ts';
import { type MarketStep, SyntheticMarket, SyntheticSource } from '../../../src/feeds/index.ts';
import { collect } from '../../helpers/bars.ts';
import { heapAfterGc } from '../../helpers/gc.ts';

describe('SyntheticSource', () => {
  it('doc example (scaled down)', async () => {
    const source = new SyntheticSource({ symbols: 10, bars: 100, seed: 1 });
    let n = 0;
    for await (const batch of source.batches()) n += batch.length;
    expect(n).toBe(1000);
    expect(source.market.regimePath('S001')).toHaveLength(100);
    expect(source.name).toBe('synthetic(symbols=10, bars=100, seed=1)');
  });

  it('keeps the BarSource contract: time order, symbols in code-unit order within a time, every bar once', async () => {
    const source = new SyntheticSource({ symbols: 12, bars: 400, seed: 3 });
    const bars = await collect(source.batches());
    expect(bars).toHaveLength(12 * 400);
    for (let i = 1; i < bars.length; i++) {
      const a = bars[i - 1] as Bar;
      const b = bars[i] as Bar;
      expect(b.ts > a.ts || (b.ts === a.ts && b.symbol > a.symbol)).toBe(true);
    }
    expect(source.symbols).toEqual([...new Set(bars.map((b) => b.symbol))].sort());
    expect(await collect(source.batches())).toEqual(bars); // a second pass gives the same market
  });

  it('reports the truth of each step as it generates, equal to the market API', async () => {
    const steps: MarketStep[] = [];
    const source = new SyntheticSource({ symbols: 3, bars: 200, seed: 8 }, (s) => steps.push(s));
    await collect(source.batches());
    expect(steps).toHaveLength(200);
    for (let i = 0; i < 3; i++)
      expect(Uint8Array.from(steps.map((s) => s.regimes[i] as number))).toEqual(
        source.market.regimePath(i),
      );
  });

  it('is lazy: a market of a billion bars starts streaming at once', async () => {
    const source = new SyntheticSource({ symbols: 1000, bars: 1_000_000_000 });
    const it = source.batches()[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value?.length).toBeGreaterThanOrEqual(2000);
    await it.return?.(undefined);
  });

  it('holds per-symbol state only: memory does not grow with the bars streamed', async () => {
    const source = new SyntheticSource(new SyntheticMarket({ symbols: 200, bars: 1_000_000 }));
    const it = source.batches()[Symbol.asyncIterator]();
    const pull = async (bars: number): Promise<void> => {
      for (let n = 0; n < bars; ) n += ((await it.next()).value as Bar[]).length;
    };
    await pull(200 * 500);
    const early = heapAfterGc();
    await pull(200 * 10_000); // 2 million more bars
    const late = heapAfterGc();
    await it.return?.(undefined);
    // 2 M bars held would be ~200 MB; allow a little noise
    expect(late - early).toBeLessThan(3_000_000);
  });
});
