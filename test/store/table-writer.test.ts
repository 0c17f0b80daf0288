import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTablesSql, TABLES } from '../../src/store/index.ts';
import { type Cell, TableWriter } from '../../src/store/table-writer.ts';
import { fcParams } from '../helpers/fc-params.ts';

async function withDb<T>(
  fn: (con: Awaited<ReturnType<DuckDBInstance['connect']>>) => Promise<T>,
): Promise<T> {
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
        [
          'DAX',
          Date.UTC(2026, 10, 26, 14, 0, 0, 123),
          null,
          'frozen',
          null,
          Number.NaN,
          null,
          null,
          'model',
        ],
      ] as const;
      for (let i = 0; i < 5000; i++) w.row(rows[i % 2]!);
      w.close();
      const r = await con.runAndReadAll(
        `SELECT symbol::VARCHAR s, ts::VARCHAR t, horizon_ts::VARCHAR h, role::VARCHAR ro, model_version v, score, label, loss, variant::VARCHAR va FROM predictions LIMIT 2`,
      );
      expect(r.getRowObjectsJson()).toEqual([
        {
          s: 'SPX',
          t: '1928-01-03 00:00:00',
          h: '1928-01-04 00:00:00',
          ro: 'champion',
          v: 1,
          score: 0.25,
          label: 1,
          loss: 0.5,
          va: 'model',
        },
        {
          s: 'DAX',
          t: '2026-11-26 14:00:00.123',
          h: null,
          ro: 'frozen',
          v: null,
          score: null,
          label: null,
          loss: null,
          va: 'model',
        },
      ]);
      const [n] = (
        await con.runAndReadAll(`SELECT count(*) n, count(horizon_ts) h FROM predictions`)
      ).getRowObjectsJson();
      expect(n).toEqual({ n: '5000', h: '2500' });
      const types = (
        await con.runAndReadAll(
          `SELECT column_name c, data_type d FROM information_schema.columns WHERE table_name = 'predictions' AND column_name IN ('symbol', 'ts')`,
        )
      ).getRowObjectsJson();
      expect(types).toEqual([
        { c: 'symbol', d: "ENUM('DAX', 'SPX')" },
        { c: 'ts', d: 'TIMESTAMP' },
      ]);
    });
  });

  it('keeps every row exact across many reused chunks (distinct values, NULLs moving between rows)', async () => {
    await withDb(async (con) => {
      const dict = { symbol: ['A', 'B', 'C'], role: ['champion', 'frozen'], variant: ['v'] };
      await con.run(createTablesSql(dict));
      const w = new TableWriter(TABLES.predictions, await con.createAppender('predictions'), dict);
      const n = 10_000; // four full chunks and a partial one
      for (let i = 0; i < n; i++)
        w.row([
          'ABC'[i % 3]!,
          i * 60_000,
          i % 7 === 0 ? null : (i + 1) * 60_000,
          i % 2 ? 'frozen' : 'champion',
          i % 5 === 0 ? null : i,
          i / 3,
          i % 2,
          i % 11 === 0 ? Number.NaN : i * 0.5,
          'v',
        ]);
      w.close();
      const [r] = (
        await con.runAndReadAll(
          `SELECT count(*)::INT n, sum(epoch_ms(ts))::DOUBLE t, count(horizon_ts)::INT h, sum(model_version)::DOUBLE v, count(model_version)::INT vn, sum(score) s, sum(label)::INT l, count(loss)::INT ln, count(*) FILTER (WHERE symbol = 'B')::INT b, count(*) FILTER (WHERE role = 'frozen')::INT f FROM predictions`,
        )
      ).getRowObjectsJson();
      const idx = Array.from({ length: n }, (_, i) => i);
      expect(r).toEqual({
        n,
        t: idx.reduce((a, i) => a + i * 60_000, 0),
        h: idx.filter((i) => i % 7 !== 0).length,
        v: idx.filter((i) => i % 5 !== 0).reduce((a, i) => a + i, 0),
        vn: idx.filter((i) => i % 5 !== 0).length,
        s: expect.closeTo(
          idx.reduce((a, i) => a + i / 3, 0),
          6,
        ),
        l: n / 2,
        ln: idx.filter((i) => i % 11 !== 0).length,
        b: idx.filter((i) => i % 3 === 1).length,
        f: n / 2,
      });
    });
  });

  it('property: every row round-trips exactly, whatever the NULLs (fast validity and ENUM paths, reused chunks)', async () => {
    const dict = {
      symbol: ['A', 'B', 'C'],
      role: ['champion', 'frozen', 'naive'],
      variant: ['v', 'w'],
    };
    const orNull = <T>(arb: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
    const row = fc.tuple(
      orNull(fc.constantFrom('A', 'B', 'C')),
      orNull(fc.integer({ min: -2e12, max: 4e12 })),
      orNull(fc.integer({ min: -2e12, max: 4e12 })),
      orNull(fc.constantFrom('champion', 'frozen', 'naive')),
      orNull(fc.integer({ min: -1000, max: 1000 })),
      orNull(fc.double({ noNaN: true, noDefaultInfinity: true })),
      orNull(fc.constantFrom(0, 1)),
      orNull(fc.double({ min: 0, max: 10, noNaN: true })),
      orNull(fc.constantFrom('v', 'w')),
    );
    // runs of the same row make long stretches of NULL (or of values) across chunk boundaries
    const rows = fc
      .array(fc.tuple(row, fc.integer({ min: 1, max: 700 })), { minLength: 1, maxLength: 12 })
      .map((runs) => runs.flatMap(([r, k]) => Array.from({ length: k }, () => r)));
    await fc.assert(
      fc.asyncProperty(rows, async (written) => {
        await withDb(async (con) => {
          await con.run(createTablesSql(dict));
          const w = new TableWriter(
            TABLES.predictions,
            await con.createAppender('predictions'),
            dict,
          );
          for (const r of written) w.row(r as readonly Cell[]);
          w.close();
          const read = (
            await con.runAndReadAll(
              `SELECT symbol::VARCHAR, epoch_ms(ts)::DOUBLE, epoch_ms(horizon_ts)::DOUBLE, role::VARCHAR, model_version, score, label, loss, variant::VARCHAR FROM predictions`,
            )
          ).getRows();
          expect(
            read.map((r) =>
              r.map((c) => (c === null ? null : Number.isNaN(Number(c)) ? c : Number(c) + 0)),
            ),
          ).toEqual(
            written.map((r) =>
              r.map((c) => (c === null ? null : typeof c === 'number' ? c + 0 : c)),
            ),
          );
        });
      }),
      fcParams(25),
    );
  });

  it('falls back to VARCHAR without a dictionary and refuses a value outside a known one', async () => {
    await withDb(async (con) => {
      await con.run(createTablesSql({ symbol: ['A'] }));
      const w = new TableWriter(TABLES.alerts, await con.createAppender('alerts'), {
        symbol: ['A'],
      });
      w.row(['A', 0, 'gap', 'warning', 'm', 'any-variant']);
      expect(() => w.row(['B', 0, 'gap', 'warning', 'm', 'v'])).toThrow(
        /writing alerts: `B` is not a known symbol \(A\)/,
      );
    });
  });
});
