/**
 * scripts/compare-variants.ts on a hand-built run folder: the DM column is a panel
 * Diebold–Mariano test (differentials averaged across symbols per timestamp, then
 * `dieboldMariano` with the run's horizon), not a pooled iid t-statistic.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareVariants, panelComparison } from '../../scripts/compare-variants.ts';
import { dieboldMariano } from '../../src/lifecycle/index.ts';
import { tempDir } from '../helpers/cli.ts';

/** Writes dir/run.duckdb and dir/summary.json with the given champion/frozen losses per symbol. */
async function fakeRun(
  dir: string,
  horizon: number,
  losses: { symbol: string; t: number; champion: number; frozen: number }[],
): Promise<void> {
  const instance = await DuckDBInstance.create(join(dir, 'run.duckdb'));
  const con = await instance.connect();
  try {
    await con.run(
      `CREATE TABLE runs (config JSON); INSERT INTO runs VALUES ('{"horizon": ${horizon}, "variants": [{"name": "online"}]}')`,
    );
    await con.run(
      `CREATE TABLE predictions (variant VARCHAR, symbol VARCHAR, ts TIMESTAMP, role VARCHAR, score DOUBLE, label INTEGER, loss DOUBLE)`,
    );
    const values = losses.flatMap((l) => {
      const ts = `TIMESTAMP '2020-01-01' + INTERVAL ${l.t} DAY`;
      return [
        `('online', '${l.symbol}', ${ts}, 'champion', 0.6, 1, ${l.champion})`,
        `('online', '${l.symbol}', ${ts}, 'frozen', 0.4, 1, ${l.frozen})`,
      ];
    });
    await con.run(`INSERT INTO predictions VALUES ${values.join(', ')}`);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ strategies: {}, models: {} }));
}

describe('compare-variants: panel Diebold–Mariano', () => {
  // Two symbols whose loss differentials are identical at every timestamp (a common factor):
  // they carry the evidence of one symbol, not of two.
  const d = Array.from({ length: 60 }, (_, t) => 0.02 + 0.1 * Math.sin(1.7 * t + 0.3 * (t % 7)));
  const dir = tempDir('livemodel-compare-');
  beforeAll(async () => {
    await fakeRun(
      dir,
      3,
      ['A', 'B'].flatMap((symbol) =>
        d.map((x, t) => ({ symbol, t, champion: 0.69 - x / 2, frozen: 0.69 + x / 2 })),
      ),
    );
  });

  it('averages the differential over symbols per timestamp and tests that series with the run’s horizon', async () => {
    const { rows, horizon } = await compareVariants(dir, 'frozen');
    expect(horizon).toBe(3);
    const online = rows.find((r) => r.name === 'online');
    const expected = dieboldMariano(d, d.length, 3);
    expect(online?.vsRef?.periods).toBe(60);
    expect(online?.vsRef?.n).toBe(120);
    expect(online?.vsRef?.dm).toBeCloseTo(expected.statistic, 10);
    expect(online?.vsRef?.pValue).toBeCloseTo(expected.pValue, 10);
    expect(online?.vsRef?.df).toBe(expected.df);
    expect(online?.vsRef?.meanGain).toBeCloseTo(d.reduce((a, b) => a + b, 0) / d.length, 12);
    // the reference has no comparison with itself
    expect(rows.find((r) => r.name === 'frozen')?.vsRef).toBeNull();
  });

  it('does not count perfectly correlated symbols as independent evidence: a copy of a symbol leaves DM unchanged', async () => {
    const one = tempDir('livemodel-compare-one-');
    await fakeRun(
      one,
      3,
      d.map((x, t) => ({ symbol: 'A', t, champion: 0.69 - x / 2, frozen: 0.69 + x / 2 })),
    );
    const single = (await compareVariants(one, 'frozen')).rows.find((r) => r.name === 'online');
    const both = (await compareVariants(dir, 'frozen')).rows.find((r) => r.name === 'online');
    expect(single?.vsRef?.n).toBe(60);
    // a pooled iid t-statistic over (symbol, ts) would be √2 larger with the copy
    expect(both?.vsRef?.dm).toBeCloseTo(single?.vsRef?.dm as number, 10);
  });

  it('needs two periods', () => {
    expect(panelComparison([0.1], 4, 0.1, 1)).toBeNull();
    expect(panelComparison([0.1, 0.2], 4, 0.15, 1)?.periods).toBe(2);
  });
});
