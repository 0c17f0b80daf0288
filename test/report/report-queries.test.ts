import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  equityBarTimes,
  equityColumns,
  openRunStore,
  pooledRollingMetrics,
  portfolioReturnsByStrategy,
  type RollingPoint,
  type RunStore,
  rollingMetrics,
  runPeriod,
  sqlInt,
  sqlString,
  symbolEquity,
  symbolFilter,
} from '../../src/store/index.ts';
import { createTinyRun, day } from './tiny-run.ts';

const pick = (rows: RollingPoint[]) => rows.map((r) => [r.ts, r.n, r.accuracy, r.f1, r.log_loss]);

/** Every metric column (from the third on) equal to 12 decimals. */
function expectClose(got: (number | null)[][], expected: number[][]): void {
  got.forEach((row, i) => {
    for (let j = 2; j < row.length; j++) expect(row[j]).toBeCloseTo(expected[i]?.[j] as number, 12);
  });
}

describe('SQL text helpers', () => {
  it('doc examples: sqlString doubles quotes, symbolFilter builds an IN list', () => {
    expect(sqlString("O'Neil")).toBe("'O''Neil'");
    expect(symbolFilter(['DAX', 'SMI'])).toBe(" AND symbol IN ('DAX', 'SMI')");
    expect(symbolFilter(undefined)).toBe('');
    expect(symbolFilter([])).toBe(' AND FALSE');
    expect(sqlInt(3, 'window')).toBe(3);
    expect(() => sqlInt(0, 'window')).toThrow(/window must be a positive integer, got 0/);
    expect(() => sqlInt(1.5, 'window')).toThrow(/got 1.5/);
  });
});

describe('report queries on a hand-made run file', () => {
  let store: RunStore;
  beforeAll(async () => {
    store = await openRunStore(await createTinyRun({ events: true }));
  });
  afterAll(() => store.close());

  it('doc example: rolling metrics of one symbol', async () => {
    const rows = await rollingMetrics(store, {
      window: 100,
      minPeriods: 20,
      maxPoints: 400,
      symbols: ['DAX'],
    });
    expect(rows).toEqual([]);
  });

  it('rolling accuracy, F1 and log loss of the champion over the last 3 labels, by resolution time', async () => {
    const rows = (
      await rollingMetrics(store, { window: 3, minPeriods: 3, maxPoints: 100, symbols: ['AAA'] })
    ).filter((r) => r.role === 'champion');
    // d4: tp fp tn · d5: fp tn fn · d6: tn fn tp (the d7 prediction has no label yet)
    const expected = [
      [day(4), 3, 2 / 3, 2 / 3, 0.6],
      [day(5), 3, 1 / 3, 0, (1.2 + 0.4 + 0.9) / 3],
      [day(6), 3, 2 / 3, 2 / 3, (0.4 + 0.9 + 0.1) / 3],
    ];
    const got = pick(rows);
    expect(got.map((r) => r.slice(0, 2))).toEqual(expected.map((r) => r.slice(0, 2)));
    expectClose(got, expected);
    expect(rows.every((r) => r.variant === 'm' && r.symbol === 'AAA' && r.segment === 0)).toBe(
      true,
    );
  });

  it('starts with a growing window and keeps every k-th point and the last when thinning', async () => {
    const all = (
      await rollingMetrics(store, { window: 3, minPeriods: 1, maxPoints: 100, symbols: ['AAA'] })
    ).filter((r) => r.role === 'champion');
    expect(pick(all).slice(0, 2)).toEqual([
      [day(2), 1, 1, 1, 0.2],
      [day(3), 2, 0.5, 2 / 3, expect.closeTo(0.7, 12)],
    ]);
    const thin = (
      await rollingMetrics(store, { window: 3, minPeriods: 1, maxPoints: 2, symbols: ['AAA'] })
    ).filter((r) => r.role === 'champion');
    expect(thin.map((r) => r.ts)).toEqual([day(2), day(5), day(6)]); // stride ceil(5 / 2) = 3: rows 1, 4 and the last
  });

  it('cuts a challenger into one segment per test, each with its own window', async () => {
    const rows = (
      await rollingMetrics(store, { window: 3, minPeriods: 1, maxPoints: 100, symbols: ['AAA'] })
    ).filter((r) => r.role === 'challenger');
    expect(rows.map((r) => [r.segment, r.ts, r.n, r.accuracy, r.f1])).toEqual([
      [2000, day(3), 1, 0, 0],
      [2000, day(4), 2, 0.5, 0],
      [2001, day(20), 1, 1, 1],
      [2001, day(21), 2, 1, 1],
    ]);
    expect(rows[1]?.log_loss).toBeCloseTo(0.55, 12);
  });

  it('pools champions over symbols per bar, with the window counted in bars', async () => {
    const rows = await pooledRollingMetrics(store, { window: 2, minPeriods: 1, maxPoints: 100 });
    expect(rows.every((r) => r.symbol === '*' && r.role === 'champion' && r.variant === 'm')).toBe(
      true,
    );
    const expected = [
      [day(2), 2, 0.5, 2 / 3, 0.55],
      [day(3), 4, 0.5, 0.5, 0.625],
      [day(4), 3, 2 / 3, 0, 0.6],
      [day(5), 2, 0.5, 0, 0.65],
      [day(6), 2, 0.5, 2 / 3, 0.5],
    ];
    const got = pick(rows);
    expect(got.map((r) => r.slice(0, 2))).toEqual(expected.map((r) => r.slice(0, 2)));
    expectClose(got, expected);
  });

  it('averages the returns of the symbols with a bar for the equal-weight portfolio', async () => {
    const p = await portfolioReturnsByStrategy(store);
    expect(p.map((s) => s.strategy)).toEqual(['buy_and_hold', 'm']);
    expect(p[1]?.ts).toEqual([day(1), day(2)]);
    expect(p[1]?.values[0]).toBeCloseTo(0.1, 12);
    expect(p[1]?.values[1]).toBeCloseTo(0.05, 12);
    expect(p[0]?.values).toEqual([0.05, 0]);
  });

  it('reads recorded equity per symbol, the period and the bar times', async () => {
    const e = await symbolEquity(store, ['BBB']);
    expect(e).toEqual([
      { strategy: 'buy_and_hold', symbol: 'BBB', ts: [day(2)], values: [0.95] },
      { strategy: 'm', symbol: 'BBB', ts: [day(2)], values: [1.2] },
    ]);
    expect(await runPeriod(store)).toEqual({ first_ts: day(1), last_ts: day(2), bars: 2 });
    expect(await equityBarTimes(store)).toEqual([day(1), day(2)]);
  });

  it('reads the equity column-wise into typed arrays per (strategy, symbol)', async () => {
    const cols = await equityColumns(store);
    expect(cols.map((c) => `${c.strategy}/${c.symbol}`)).toEqual([
      'buy_and_hold/AAA',
      'buy_and_hold/BBB',
      'm/AAA',
      'm/BBB',
    ]);
    expect([...(cols[2]?.ts ?? [])]).toEqual([day(1), day(2)]);
    expect([...(cols[2]?.pnl ?? [])]).toEqual([0.1, -0.1]);
    expect([...(cols[3]?.pnl ?? [])]).toEqual([0.2]);
  });
});
