import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abTestSummary,
  abTests,
  alertEvents,
  alertSummary,
  dataRejects,
  driftEvents,
  driftSummary,
  ensembleWeightCount,
  ensembleWeights,
  openRunStore,
  type RunStore,
  tableExists,
} from '../../src/store/index.ts';
import { createTinyRun, day } from './tiny-run.ts';

describe('event queries on a hand-made run file', () => {
  let store: RunStore;
  let bare: RunStore;
  beforeAll(async () => {
    store = await openRunStore(await createTinyRun({ events: true }));
    bare = await openRunStore(await createTinyRun({ events: false }));
  });
  afterAll(() => {
    store.close();
    bare.close();
  });

  it('lists A/B tests in time order, cut at the limit, with the total', async () => {
    const page = await abTests(store, { limit: 1 });
    expect(page.total).toBe(2);
    expect(page.rows).toEqual([
      {
        variant: 'm',
        symbol: 'AAA',
        started_ts: day(2),
        ended_ts: day(3),
        champion_version: 1,
        challenger_version: 2,
        method: 'dm',
        n: 30,
        statistic: -0.5,
        p_value: 0.4,
        decision: 'reject',
      },
    ]);
    expect(await abTestSummary(store)).toEqual([
      {
        variant: 'm',
        tests: 2,
        promoted: 1,
        rejected: 1,
        median_n: 35,
        median_p_value: expect.closeTo(0.205, 12),
      },
    ]);
    expect(await abTests(bare, { limit: 10 })).toEqual({ total: 0, rows: [] });
    expect(await abTestSummary(bare)).toEqual([]);
  });

  it('counts drift detections and alerts per kind and symbol', async () => {
    expect(await driftSummary(store)).toEqual([
      { variant: 'm', key: 'adwin · error', events: 1, symbols: 1 },
      { variant: 'm', key: 'psi · feature', events: 1, symbols: 1 },
    ]);
    const drift = await driftEvents(store, { limit: 10 });
    expect(drift.rows.map((r) => [r.symbol, r.ts, r.detector, r.feature])).toEqual([
      ['AAA', day(2), 'adwin', null],
      ['BBB', day(3), 'psi', 'ret_1'],
    ]);
    expect(await alertSummary(store)).toEqual([
      { variant: 'm', key: 'degradation · warning', events: 1, symbols: 1 },
    ]);
    expect((await alertEvents(store, { limit: 10 })).rows[0]).toEqual({
      variant: 'm',
      symbol: 'AAA',
      ts: day(4),
      kind: 'degradation',
      severity: 'warning',
      message: 'log loss above 0.8',
    });
    expect(await driftEvents(bare, { limit: 10 })).toEqual({ total: 0, rows: [] });
  });

  it('lists rejected rows in file order', async () => {
    expect(await dataRejects(store, { limit: 2 })).toEqual({
      total: 3,
      rows: [
        { source: 'tiny.csv', line: 4, reason: 'missing symbol' },
        { source: 'tiny.csv', line: 9, reason: 'non-numeric close' },
      ],
    });
  });

  it('reads ensemble weights per symbol and their mean over symbols, and nothing when the table is missing', async () => {
    expect(await tableExists(store, 'ensemble_weights')).toBe(true);
    expect(await tableExists(bare, 'ensemble_weights')).toBe(false);
    expect(await ensembleWeightCount(store)).toBe(6);
    expect(await ensembleWeightCount(bare)).toBeNull();
    const w = await ensembleWeights(store, { symbols: ['AAA'], maxPoints: 10 });
    const rows = w.map((r) => [r.symbol, r.member, r.ts, Math.round(r.weight * 1000) / 1000]);
    expect(rows).toEqual([
      ['*', 'a', day(1), 0.4],
      ['*', 'a', day(2), 0.5],
      ['*', 'b', day(1), 0.6],
      ['*', 'b', day(2), 0.5],
      ['AAA', 'a', day(1), 0.6],
      ['AAA', 'a', day(2), 0.5],
      ['AAA', 'b', day(1), 0.4],
      ['AAA', 'b', day(2), 0.5],
    ]);
    expect(await ensembleWeights(bare, { symbols: ['AAA'], maxPoints: 10 })).toEqual([]);
  });
});
