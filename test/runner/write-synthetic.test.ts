import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { loadCsv, openParquet, SyntheticMarket, SyntheticSource } from '../../src/feeds/index.ts';
import { writeSynthetic } from '../../src/runner/index.ts';
import { collect } from '../helpers/bars.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryMemory } from '../helpers/duck.ts';

const spec = {
  symbols: 4,
  bars: 300,
  seed: 5,
  drifts: [
    { at: 100, kind: 'flip' as const },
    { at: 200, kind: 'rotate' as const, over: 20 },
  ],
  jumps: { probability: 0.01 },
};

describe('writeSynthetic', () => {
  it('doc example: writes the data and its ground truth next to it (Parquet), read back exactly', async () => {
    const dir = tempDir('livemodel-syn-');
    const market = new SyntheticMarket(spec);
    const files = await writeSynthetic(market, join(dir, 'out/market.parquet'));
    expect(files).toEqual({
      data: join(dir, 'out/market.parquet'),
      regimes: join(dir, 'out/market.regimes.parquet'),
      drifts: join(dir, 'out/market.drifts.parquet'),
      truth: join(dir, 'out/market.truth.json'),
      bars: 1200,
    });
    const src = await openParquet(files.data);
    expect(await collect(src.batches())).toEqual(
      await collect(new SyntheticSource(market).batches()),
    );
    src.close();
    const regimes = await queryMemory(
      `SELECT symbol, list(regime ORDER BY bar) AS r, count(*) AS n, typeof(any_value(ts)) AS t FROM read_parquet('${files.regimes}') GROUP BY symbol ORDER BY symbol`,
    );
    expect(regimes.map((r) => r.symbol)).toEqual(market.symbols);
    expect(regimes[1].r).toEqual([...market.regimePath(1)].map((i) => market.regimeNames[i]));
    expect(regimes[0].t).toBe('TIMESTAMP');
    const drifts = await queryMemory(
      `SELECT bar, ts::VARCHAR AS ts, kind, over_bars, before, after FROM read_parquet('${files.drifts}') ORDER BY bar`,
    );
    expect(drifts).toEqual([
      {
        bar: '100',
        ts: '2000-04-12 00:00:00',
        kind: 'flip',
        over_bars: '0',
        before: '[0.3,0]',
        after: '[-0.3,0]',
      },
      expect.objectContaining({ bar: '200', kind: 'rotate', over_bars: '20', before: '[-0.3,0]' }),
    ]);
  });

  it('writes CSV with dates for daily bars, a truth JSON with the chain, and the same bars as the source', async () => {
    const dir = tempDir('livemodel-syn-');
    const market = new SyntheticMarket(spec);
    const files = await writeSynthetic(market, join(dir, 'm.csv'));
    for (const f of [files.data, files.regimes, files.drifts, files.truth])
      expect(existsSync(f)).toBe(true);
    expect(readFileSync(files.data, 'utf8').split('\n').slice(0, 2)).toEqual([
      'ts,symbol,open,high,low,close,volume',
      expect.stringMatching(/^2000-01-03,S001,[\d.]+,[\d.]+,[\d.]+,[\d.]+,\d+$/),
    ]);
    expect(await collect((await loadCsv(files.data)).batches())).toEqual(
      await collect(new SyntheticSource(market).batches()),
    );
    const truth = JSON.parse(readFileSync(files.truth, 'utf8'));
    expect(truth.regimes).toEqual(['bull', 'bear', 'sideways', 'volatile']);
    expect(truth.stationary).toEqual(market.stationary());
    expect(truth.drifts.map((d: { bar: number }) => d.bar)).toEqual([100, 200]);
    expect(truth.files).toEqual({
      data: 'm.csv',
      regimes: 'm.regimes.csv',
      drifts: 'm.drifts.csv',
    });
    const regimeLines = readFileSync(files.regimes, 'utf8').trim().split('\n');
    expect(regimeLines[0]).toBe('ts,symbol,bar,regime,jump');
    expect(regimeLines).toHaveLength(1 + 1200);
  });

  it('writes ISO times for intraday bars and refuses other extensions', async () => {
    const dir = tempDir('livemodel-syn-');
    const files = await writeSynthetic(
      new SyntheticMarket({ symbols: 1, bars: 3, interval: '1m', ohlc: false }),
      join(dir, 'i.csv'),
    );
    expect(readFileSync(files.data, 'utf8').split('\n')[1]).toMatch(
      /^2000-01-03T00:00:00\.000Z,S001,[\d.]+$/,
    );
    await expect(
      writeSynthetic(new SyntheticMarket({ bars: 3 }), join(dir, 'x.json')),
    ).rejects.toThrow(InputError);
  });
});
