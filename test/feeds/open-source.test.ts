import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { InputError, type RejectOutcome } from '../../src/core/index.ts';
import { type Gap, openSource } from '../../src/feeds/index.ts';
import { collect } from '../helpers/bars.ts';
import { tempDir } from '../helpers/cli.ts';

describe('openSource', () => {
  it('doc example', async () => {
    const gaps: Gap[] = [];
    const source = await openSource(
      { file: 'data/eu-stock-markets.parquet' },
      { onGap: (g) => gaps.push(g) },
    );
    expect(source.format).toBe('parquet');
    expect(source.symbols).toEqual(['CAC', 'DAX', 'FTSE', 'SMI']);
    source.close();
    source.close();
  });

  it('picks the reader by extension or format, relative to baseDir, and every reader gives the same bars', async () => {
    const dir = tempDir();
    copyFileSync('data/eu-stock-markets.csv', join(dir, 'eu.txt'));
    const csv = await openSource({ file: 'eu-stock-markets.csv' }, { baseDir: 'data' });
    expect(csv.format).toBe('csv-long');
    const bars = await collect(csv.batches());
    const pq = await openSource({ file: 'data/eu-stock-markets.parquet', symbols: ['DAX'] });
    expect(await collect(pq.batches())).toEqual(bars.filter((b) => b.symbol === 'DAX'));
    pq.close();
    const arrowFile = join(dir, 'eu.feather');
    writeFileSync(
      arrowFile,
      tableToIPC(
        tableFromArrays({
          ts: Float64Array.from(bars.map((b) => b.ts)),
          symbol: bars.map((b) => b.symbol),
          close: Float64Array.from(bars.map((b) => b.close)),
        }),
        'file',
      ),
    );
    const arrow = await openSource({ file: arrowFile });
    expect(arrow.format).toBe('arrow');
    expect(await collect(arrow.batches())).toEqual(bars);
    arrow.close();
    expect((await openSource({ file: join(dir, 'eu.txt') })).format).toBe('csv-long');
    const noExt = join(dir, 'prices');
    writeFileSync(noExt, 'date,A,B\n2024-01-02,1,2\n');
    await expect(openSource({ file: noExt })).rejects.toThrow(
      /cannot tell the format of .*prices from its extension/,
    );
    expect((await openSource({ file: noExt, format: 'wide' })).format).toBe('csv-wide');
    expect((await openSource({ file: noExt, format: 'csv' })).format).toBe('csv-wide');
  });

  it('a synthetic block streams the market, with the scenario seed by default and a symbol filter', async () => {
    const a = await openSource(
      { synthetic: { symbols: 5, bars: 50 }, symbols: ['S002', 'S004'] },
      { seed: 9 },
    );
    expect(a.format).toBe('synthetic');
    expect(a.symbols).toEqual(['S002', 'S004']);
    const bars = await collect(a.batches());
    expect(bars).toHaveLength(100);
    const b = await openSource({ synthetic: { symbols: 5, bars: 50, seed: 9 } });
    expect(
      (await collect(b.batches())).filter((x) => x.symbol === 'S002' || x.symbol === 'S004'),
    ).toEqual(bars);
    await expect(openSource({ synthetic: { symbols: 2 }, symbols: ['ZZZ'] })).rejects.toThrow(
      /symbol ZZZ not found; it has S001…S002/,
    );
  });

  it('reports gaps once each (wide missing cells and spacing), and rejects', async () => {
    const dir = tempDir();
    const rows = ['date,A,B'];
    for (let i = 0; i < 60; i++)
      rows.push(
        `${new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${i === 3 ? 'x' : 100 + i},${i >= 20 && i < 40 ? '' : 50 + i}`,
      );
    const f = join(dir, 'w.csv');
    writeFileSync(f, `${rows.join('\n')}\n`);
    const gaps: Gap[] = [];
    const rejects: RejectOutcome[] = [];
    const src = await openSource(
      { file: f, onBadRow: 'skip' },
      { onGap: (g) => gaps.push(g), onReject: (r) => rejects.push(r) },
    );
    await collect(src.batches());
    expect(gaps.map((g) => [g.symbol, g.missingRows])).toEqual([['B', 20]]);
    expect(rejects.map((r) => r.line)).toEqual([5]);
    const off: Gap[] = [];
    await collect(
      (
        await openSource({ file: f, onBadRow: 'skip', gapFactor: 0 }, { onGap: (g) => off.push(g) })
      ).batches(),
    );
    expect(off).toEqual([]); // gapFactor 0 turns gap alerts off, missing cells included
  });

  it('needs exactly one of file and synthetic, and names the scenario for synthetic errors', async () => {
    await expect(openSource({}, { origin: 's.yaml' })).rejects.toThrow(
      new InputError('s.yaml: data: give a data `file` or a `synthetic` block'),
    );
    await expect(openSource({ file: 'a.csv', synthetic: {} })).rejects.toThrow(/not both/);
    await expect(
      openSource(
        { synthetic: { bars: 10, drifts: [{ at: 50, kind: 'flip' }] } },
        { origin: 's.yaml' },
      ),
    ).rejects.toThrow(
      /^s\.yaml: Expected `data\.synthetic\.drifts\[0\]\.at` to be a bar index in 1\.\.9, got `50` \(number\)$/,
    );
  });
});
