import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { createTablesSql, TABLES } from '../../src/store/index.ts';
import { TableWriter } from '../../src/store/table-writer.ts';

async function withDb<T>(fn: (con: Awaited<ReturnType<DuckDBInstance['connect']>>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    return await fn(con);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

describe('TableWriter', () => {
  it('round-trips timestamps (also before 1970 and at ms precision), NULLs, NaN as NULL, enums and varchar', async () => {
    await withDb(async (con) => {
      const dict = { symbol: ['SPX', 'DAX'], role: ['champion', 'frozen'], variant: ['model'] };
      await con.run(createTablesSql(dict));
      const w = new TableWriter(TABLES.predictions, await con.createAppender('predictions'), dict);
      const rows = [
        ['SPX', Date.UTC(1928, 0, 3), Date.UTC(1928, 0, 4), 'champion', 1, 0.25, 1, 0.5, 'model'],
        ['DAX', Date.UTC(2026, 10, 26, 14, 0, 0, 123), null, 'frozen', null, Number.NaN, null, null, 'model'],
      ] as const;
      for (let i = 0; i < 5000; i++) w.row(rows[i % 2]!);
      w.close();
      const r = await con.runAndReadAll(`SELECT symbol::VARCHAR s, ts::VARCHAR t, horizon_ts::VARCHAR h, role::VARCHAR ro, model_version v, score, label, loss, variant::VARCHAR va FROM predictions LIMIT 2`);
      expect(r.getRowObjectsJson()).toEqual([
        { s: 'SPX', t: '1928-01-03 00:00:00', h: '1928-01-04 00:00:00', ro: 'champion', v: 1, score: 0.25, label: 1, loss: 0.5, va: 'model' },
        { s: 'DAX', t: '2026-11-26 14:00:00.123', h: null, ro: 'frozen', v: null, score: null, label: null, loss: null, va: 'model' },
      ]);
      const [n] = (await con.runAndReadAll(`SELECT count(*) n, count(horizon_ts) h FROM predictions`)).getRowObjectsJson();
      expect(n).toEqual({ n: '5000', h: '2500' });
      const types = (await con.runAndReadAll(`SELECT column_name c, data_type d FROM information_schema.columns WHERE table_name = 'predictions' AND column_name IN ('symbol', 'ts')`)).getRowObjectsJson();
      expect(types).toEqual([{ c: 'symbol', d: "ENUM('DAX', 'SPX')" }, { c: 'ts', d: 'TIMESTAMP' }]);
    });
  });

  it('keeps every row exact across many reused chunks (distinct values, NULLs moving between rows)', async () => {
    await withDb(async (con) => {
      const dict = { symbol: ['A', 'B', 'C'], role: ['champion', 'frozen'], variant: ['v'] };
      await con.run(createTablesSql(dict));
      const w = new TableWriter(TABLES.predictions, await con.createAppender('predictions'), dict);
      const n = 10_000; // four full chunks and a partial one
      for (let i = 0; i < n; i++) w.row(['ABC'[i % 3]!, i * 60_000, i % 7 === 0 ? null : (i + 1) * 60_000, i % 2 ? 'frozen' : 'champion', i % 5 === 0 ? null : i, i / 3, i % 2, i % 11 === 0 ? Number.NaN : i * 0.5, 'v']);
      w.close();
      const [r] = (await con.runAndReadAll(`SELECT count(*)::INT n, sum(epoch_ms(ts))::DOUBLE t, count(horizon_ts)::INT h, sum(model_version)::DOUBLE v, count(model_version)::INT vn, sum(score) s, sum(label)::INT l, count(loss)::INT ln, count(*) FILTER (WHERE symbol = 'B')::INT b, count(*) FILTER (WHERE role = 'frozen')::INT f FROM predictions`)).getRowObjectsJson();
      const idx = Array.from({ length: n }, (_, i) => i);
      expect(r).toEqual({
        n,
        t: idx.reduce((a, i) => a + i * 60_000, 0),
        h: idx.filter((i) => i % 7 !== 0).length,
        v: idx.filter((i) => i % 5 !== 0).reduce((a, i) => a + i, 0),
        vn: idx.filter((i) => i % 5 !== 0).length,
        s: expect.closeTo(idx.reduce((a, i) => a + i / 3, 0), 6),
        l: n / 2,
        ln: idx.filter((i) => i % 11 !== 0).length,
        b: idx.filter((i) => i % 3 === 1).length,
        f: n / 2,
      });
    });
  });

  it('falls back to VARCHAR without a dictionary and refuses a value outside a known one', async () => {
    await withDb(async (con) => {
      await con.run(createTablesSql({ symbol: ['A'] }));
      const w = new TableWriter(TABLES.alerts, await con.createAppender('alerts'), { symbol: ['A'] });
      w.row(['A', 0, 'gap', 'warning', 'm', 'any-variant']);
      expect(() => w.row(['B', 0, 'gap', 'warning', 'm', 'v'])).toThrow(/writing alerts: `B` is not a known symbol \(A\)/);
    });
  });
});
