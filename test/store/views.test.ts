import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createTablesSql,
  createViewsSql,
  type Dictionaries,
  mergeRunFiles,
  Recorder,
  type RunInfo,
  VIEW_NAMES,
} from '../../src/store/index.ts';
import type { EpochMs } from '../../src/core/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

const d = (n: number): string => `TIMESTAMP '2024-01-${String(n).padStart(2, '0')}'`;
const DAY_MS = 86_400_000;

/**
 * A hand-made run (two variants m and n; m has the baselines), every figure below computed by hand.
 *
 * Champion predictions (score/label/loss): m·AAA d1..d6 .8/1/.2 tp · .7/0/1.2 fp · .3/0/.4 tn ·
 * .4/1/.9 fn · .9/1/.1 tp · .6/NULL (unresolved), versions 1 1 1 3 1 1; m·BBB .6/0/.9 fp ·
 * .2/0/.2 tn; n·AAA .7/1/.3 tp · .4/1/.9 fn. Challenger rows (ignored by the summaries) and frozen
 * rows .6/1 tp, .6/0 fp (AAA), .4/0 tn (BBB).
 *
 * Lifecycle of m·AAA: v1 initial (d1); v2 created d2 for drift, rejected d3 (n 30, p .4); v3
 * created d3 on schedule, promoted d4 (n 40, p .01), rolled back d5 (v1 restored); v4 created d6,
 * undecided.
 *
 * Equity (pnl per bar; AAA has bars d1..d3, BBB d2..d3):
 *   m:            AAA 0, .1, −.2 (turnover 1, 0, 2; cost .001, 0, .002) · BBB .2, 0 (turnover 1, 0; cost .001, 0)
 *   n:            AAA 0, .05, .05
 *   buy_and_hold: AAA 0, .05, .05 · BBB −.05, −.05
 *   frozen:       AAA 0, −.1, .1
 */
function handMadeRunSql(withModelVersions: boolean): string[] {
  const sql = [
    `INSERT INTO predictions VALUES
      ('AAA', ${d(1)}, ${d(2)}, 'champion', 1, 0.8, 1, 0.2, 'm'), ('AAA', ${d(2)}, ${d(3)}, 'champion', 1, 0.7, 0, 1.2, 'm'),
      ('AAA', ${d(3)}, ${d(4)}, 'champion', 1, 0.3, 0, 0.4, 'm'), ('AAA', ${d(4)}, ${d(5)}, 'champion', 3, 0.4, 1, 0.9, 'm'),
      ('AAA', ${d(5)}, ${d(6)}, 'champion', 1, 0.9, 1, 0.1, 'm'), ('AAA', ${d(6)}, ${d(7)}, 'champion', 1, 0.6, NULL, NULL, 'm'),
      ('AAA', ${d(2)}, ${d(3)}, 'challenger', 2, 0.9, 0, 2.3, 'm'), ('AAA', ${d(3)}, ${d(4)}, 'challenger', 3, 0.1, 0, 0.1, 'm'),
      ('BBB', ${d(1)}, ${d(2)}, 'champion', 1, 0.6, 0, 0.9, 'm'), ('BBB', ${d(2)}, ${d(3)}, 'champion', 1, 0.2, 0, 0.2, 'm'),
      ('AAA', ${d(1)}, ${d(2)}, 'champion', 1, 0.7, 1, 0.3, 'n'), ('AAA', ${d(2)}, ${d(3)}, 'champion', 1, 0.4, 1, 0.9, 'n'),
      ('AAA', ${d(1)}, ${d(2)}, 'frozen', NULL, 0.6, 1, 0.5, 'm'), ('AAA', ${d(2)}, ${d(3)}, 'frozen', NULL, 0.6, 0, 0.9, 'm'),
      ('BBB', ${d(1)}, ${d(2)}, 'frozen', NULL, 0.4, 0, 0.5, 'm')`,
    `INSERT INTO version_events VALUES
      ('AAA', ${d(1)}, 1, 'created', 'initial', 'm'), ('AAA', ${d(1)}, 1, 'promoted', 'end of warmup', 'm'),
      ('AAA', ${d(2)}, 2, 'created', 'drift (refit)', 'm'), ('AAA', ${d(3)}, 2, 'discarded', 'test rejected', 'm'),
      ('AAA', ${d(3)}, 3, 'created', 'schedule (refit)', 'm'),
      ('AAA', ${d(4)}, 1, 'retired', 'replaced by v3', 'm'), ('AAA', ${d(4)}, 3, 'promoted', 'won the dm test', 'm'),
      ('AAA', ${d(5)}, 3, 'retired', 'rolled back (probation.failed)', 'm'), ('AAA', ${d(5)}, 1, 'restored', 'rollback from v3', 'm'),
      ('AAA', ${d(6)}, 4, 'created', 'schedule (refit)', 'm'),
      ('BBB', ${d(1)}, 1, 'created', 'initial', 'm'), ('BBB', ${d(1)}, 1, 'promoted', 'end of warmup', 'm'),
      ('AAA', ${d(1)}, 1, 'created', 'initial', 'n'), ('AAA', ${d(1)}, 1, 'promoted', 'end of warmup', 'n')`,
    `INSERT INTO ab_tests VALUES
      ('AAA', ${d(2)}, ${d(3)}, 1, 2, 30, -0.5, 0.4, 'reject', 'dm', 'm', 0.05, 1, 1, 3, -0.01),
      ('AAA', ${d(3)}, ${d(4)}, 1, 3, 40, 2.5, 0.01, 'promote', 'dm', 'm', 0.05, 2, 1, 3, 0.02)`,
    `INSERT INTO equity VALUES
      ('AAA', ${d(1)}, 'm', 1, 0, 1, 0.001, 1), ('AAA', ${d(2)}, 'm', 1, 0.1, 1.1, 0, 0), ('AAA', ${d(3)}, 'm', -1, -0.2, 0.88, 0.002, 2),
      ('BBB', ${d(2)}, 'm', 1, 0.2, 1.2, 0.001, 1), ('BBB', ${d(3)}, 'm', 1, 0, 1.2, 0, 0),
      ('AAA', ${d(1)}, 'n', 1, 0, 1, 0, 0), ('AAA', ${d(2)}, 'n', 1, 0.05, 1.05, 0, 0), ('AAA', ${d(3)}, 'n', 1, 0.05, 1.1025, 0, 0),
      ('AAA', ${d(1)}, 'buy_and_hold', 1, 0, 1, 0, 0), ('AAA', ${d(2)}, 'buy_and_hold', 1, 0.05, 1.05, 0, 0), ('AAA', ${d(3)}, 'buy_and_hold', 1, 0.05, 1.1025, 0, 0),
      ('BBB', ${d(2)}, 'buy_and_hold', 1, -0.05, 0.95, 0, 0), ('BBB', ${d(3)}, 'buy_and_hold', 1, -0.05, 0.9025, 0, 0),
      ('AAA', ${d(1)}, 'frozen', 1, 0, 1, 0, 0), ('AAA', ${d(2)}, 'frozen', 1, -0.1, 0.9, 0, 0), ('AAA', ${d(3)}, 'frozen', 1, 0.1, 0.99, 0, 0)`,
  ];
  // Written at the end of a run only: a killed run has none, and the views must not need them.
  if (withModelVersions)
    sql.push(`INSERT INTO model_versions VALUES
      ('AAA', 1, NULL, ${d(1)}, ${d(1)}, NULL, 'initial', NULL, 'm'), ('AAA', 2, 1, ${d(2)}, NULL, ${d(3)}, 'drift', NULL, 'm'),
      ('AAA', 3, 1, ${d(3)}, ${d(4)}, ${d(5)}, 'schedule', '{}', 'm'), ('AAA', 4, 1, ${d(6)}, NULL, NULL, 'schedule', NULL, 'm'),
      ('BBB', 1, NULL, ${d(1)}, ${d(1)}, NULL, 'initial', NULL, 'm'), ('AAA', 1, NULL, ${d(1)}, ${d(1)}, NULL, 'initial', NULL, 'n')`);
  return sql;
}

const DICTIONARIES: Dictionaries = {
  symbol: ['AAA', 'BBB'],
  role: ['champion', 'challenger', 'previous', 'frozen', 'naive'],
  strategy: ['m', 'n', 'buy_and_hold', 'frozen', 'naive'],
  variant: ['m', 'n'],
};

async function handMadeRun(o: {
  dictionaries: Dictionaries;
  modelVersions: boolean;
}): Promise<string> {
  const file = join(tempDir('livemodel-views-'), 'run.duckdb');
  const instance = await DuckDBInstance.create(file);
  const con = await instance.connect();
  try {
    await con.run(createTablesSql(o.dictionaries));
    await con.run(createViewsSql());
    for (const s of handMadeRunSql(o.modelVersions)) await con.run(s);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  return file;
}

const CASES = [
  {
    name: 'replay file (ENUM dictionaries), complete',
    dictionaries: DICTIONARIES,
    modelVersions: true,
  },
  { name: 'live file (VARCHAR dictionaries), complete', dictionaries: {}, modelVersions: true },
  { name: 'killed run (no model_versions yet)', dictionaries: DICTIONARIES, modelVersions: false },
];

describe.each(CASES)('views on a hand-made run: $name', (c) => {
  it('doc example: the three views exist and read', async () => {
    const file = await handMadeRun(c);
    const views = await queryFile(
      file,
      'SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name',
    );
    expect(views.map((v) => v.view_name)).toEqual([...VIEW_NAMES].sort());
  });

  it('v_symbol_summary: champion direction metrics, returns and lifecycle counts per variant and symbol', async () => {
    const rows = await queryFile(
      await handMadeRun(c),
      'SELECT * REPLACE (variant::VARCHAR AS variant, symbol::VARCHAR AS symbol) FROM v_symbol_summary',
    );
    const num = (r: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v,
        ]),
      );
    expect(rows.map(num)).toEqual([
      {
        variant: 'm',
        symbol: 'AAA',
        predictions: 6,
        labelled: 5,
        accuracy: 0.6,
        precision: expect.closeTo(2 / 3, 12),
        recall: expect.closeTo(2 / 3, 12),
        f1: expect.closeTo(2 / 3, 12),
        log_loss: expect.closeTo(0.56, 12),
        model_return: expect.closeTo(-0.12, 12),
        buy_and_hold_return: expect.closeTo(0.1025, 12),
        versions: 4,
        tests: 2,
        promotions: 1,
        rollbacks: 1,
      },
      {
        variant: 'm',
        symbol: 'BBB',
        predictions: 2,
        labelled: 2,
        accuracy: 0.5,
        precision: 0,
        recall: null,
        f1: 0,
        log_loss: expect.closeTo(0.55, 12),
        model_return: expect.closeTo(0.2, 12),
        buy_and_hold_return: expect.closeTo(-0.0975, 12),
        versions: 1,
        tests: 0,
        promotions: 0,
        rollbacks: 0,
      },
      {
        variant: 'n',
        symbol: 'AAA',
        predictions: 2,
        labelled: 2,
        accuracy: 0.5,
        precision: 1,
        recall: 0.5,
        f1: expect.closeTo(2 / 3, 12),
        log_loss: expect.closeTo(0.6, 12),
        model_return: expect.closeTo(0.1025, 12),
        buy_and_hold_return: expect.closeTo(0.1025, 12),
        versions: 1,
        tests: 0,
        promotions: 0,
        rollbacks: 0,
      },
    ]);
  });

  it('v_policy_comparison: equal-weight portfolio per strategy, per-bar Sharpe, drawdown, turnover, costs and accuracy', async () => {
    const rows = await queryFile(
      await handMadeRun(c),
      'SELECT * REPLACE (first_ts::VARCHAR AS first_ts, last_ts::VARCHAR AS last_ts) FROM v_policy_comparison',
    );
    // m: per-bar returns 0 (AAA only), (.1 + .2)/2, (−.2 + 0)/2 → 1 · 1.15 · 0.9; sd of {0, .15, −.1}.
    const mSd = Math.sqrt(
      ((0 - 0.05 / 3) ** 2 + (0.15 - 0.05 / 3) ** 2 + (-0.1 - 0.05 / 3) ** 2) / 2,
    );
    const nSd = Math.sqrt(((0 - 0.1 / 3) ** 2 + 2 * (0.05 - 0.1 / 3) ** 2) / 2);
    const close = (x: number) => expect.closeTo(x, 12);
    expect(rows).toEqual([
      {
        strategy: 'm',
        kind: 'variant',
        bars: '3',
        first_ts: '2024-01-01 00:00:00',
        last_ts: '2024-01-03 00:00:00',
        total_return: close(0.035),
        mean_return: close(0.05 / 3),
        sd_return: close(mSd),
        sharpe_per_bar: close(0.05 / 3 / mSd),
        max_drawdown: close(1.035 / 1.15 - 1),
        turnover: 2.5,
        costs: close(0.0025),
        predictor: 'champion',
        labelled: '7',
        accuracy: close(4 / 7),
      },
      {
        strategy: 'n',
        kind: 'variant',
        bars: '3',
        first_ts: '2024-01-01 00:00:00',
        last_ts: '2024-01-03 00:00:00',
        total_return: close(0.1025),
        mean_return: close(0.1 / 3),
        sd_return: close(nSd),
        sharpe_per_bar: close(0.1 / 3 / nSd),
        max_drawdown: 0,
        turnover: 0,
        costs: 0,
        predictor: 'champion',
        labelled: '2',
        accuracy: 0.5,
      },
      {
        // a constant per-bar return (AAA and BBB cancel out): no volatility, so no Sharpe ratio
        strategy: 'buy_and_hold',
        kind: 'baseline',
        bars: '3',
        first_ts: '2024-01-01 00:00:00',
        last_ts: '2024-01-03 00:00:00',
        total_return: 0,
        mean_return: 0,
        sd_return: 0,
        sharpe_per_bar: null,
        max_drawdown: 0,
        turnover: 0,
        costs: 0,
        predictor: null,
        labelled: null,
        accuracy: null,
      },
      {
        strategy: 'frozen',
        kind: 'baseline',
        bars: '3',
        first_ts: '2024-01-01 00:00:00',
        last_ts: '2024-01-03 00:00:00',
        total_return: close(-0.01),
        mean_return: close(0),
        sd_return: close(0.1),
        sharpe_per_bar: close(0),
        max_drawdown: close(-0.1),
        turnover: 0,
        costs: 0,
        predictor: 'frozen',
        labelled: '3',
        accuracy: close(2 / 3),
      },
    ]);
  });

  it('v_version_history: lineage, lifecycle times, time served, the deciding test and rollbacks', async () => {
    const rows = await queryFile(
      await handMadeRun(c),
      `SELECT * EXCLUDE (served_time) REPLACE (variant::VARCHAR AS variant, symbol::VARCHAR AS symbol, created_ts::VARCHAR AS created_ts,
         promoted_ts::VARCHAR AS promoted_ts, retired_ts::VARCHAR AS retired_ts, rolled_back_ts::VARCHAR AS rolled_back_ts),
         epoch_ms(TIMESTAMP '2000-01-01' + served_time) - epoch_ms(TIMESTAMP '2000-01-01') AS served_ms
       FROM v_version_history`,
    );
    const day = (n: number) => `2024-01-0${n} 00:00:00`;
    const none = {
      test_n: null,
      test_statistic: null,
      test_p_value: null,
      test_method: null,
      test_decision: null,
      rolled_back: false,
      rolled_back_ts: null,
      times_restored: '0',
    };
    expect(rows).toEqual([
      {
        // served d1 → d4 and again from the rollback at d5 to the last bar (d6): 4 days, 5 bars
        variant: 'm',
        symbol: 'AAA',
        version: 1,
        parent_version: null,
        reason: 'initial',
        created_ts: day(1),
        promoted_ts: day(1),
        retired_ts: null,
        status: 'serving',
        promoted_by: 'end of warmup',
        served_bars: '5',
        served_days: 4,
        served_ms: String(4 * DAY_MS),
        ...none,
        times_restored: '1',
      },
      {
        variant: 'm',
        symbol: 'AAA',
        version: 2,
        parent_version: 1,
        reason: 'drift',
        created_ts: day(2),
        promoted_ts: null,
        retired_ts: day(3),
        status: 'discarded',
        promoted_by: null,
        served_bars: '0',
        served_days: null,
        served_ms: null,
        ...none,
        test_n: 30,
        test_statistic: -0.5,
        test_p_value: 0.4,
        test_method: 'dm',
        test_decision: 'reject',
      },
      {
        variant: 'm',
        symbol: 'AAA',
        version: 3,
        parent_version: 1,
        reason: 'schedule',
        created_ts: day(3),
        promoted_ts: day(4),
        retired_ts: day(5),
        status: 'retired',
        promoted_by: 'won the dm test',
        served_bars: '1',
        served_days: 1,
        served_ms: String(DAY_MS),
        test_n: 40,
        test_statistic: 2.5,
        test_p_value: 0.01,
        test_method: 'dm',
        test_decision: 'promote',
        rolled_back: true,
        rolled_back_ts: day(5),
        times_restored: '0',
      },
      {
        // created after the rollback, so its parent is the restored v1; never decided
        variant: 'm',
        symbol: 'AAA',
        version: 4,
        parent_version: 1,
        reason: 'schedule',
        created_ts: day(6),
        promoted_ts: null,
        retired_ts: null,
        status: 'candidate',
        promoted_by: null,
        served_bars: '0',
        served_days: null,
        served_ms: null,
        ...none,
      },
      {
        variant: 'm',
        symbol: 'BBB',
        version: 1,
        parent_version: null,
        reason: 'initial',
        created_ts: day(1),
        promoted_ts: day(1),
        retired_ts: null,
        status: 'serving',
        promoted_by: 'end of warmup',
        served_bars: '2',
        served_days: 1,
        served_ms: String(DAY_MS),
        ...none,
      },
      {
        variant: 'n',
        symbol: 'AAA',
        version: 1,
        parent_version: null,
        reason: 'initial',
        created_ts: day(1),
        promoted_ts: day(1),
        retired_ts: null,
        status: 'serving',
        promoted_by: 'end of warmup',
        served_bars: '2',
        served_days: 1,
        served_ms: String(DAY_MS),
        ...none,
      },
    ]);
  });
});

describe('views in the files the recorder writes', () => {
  const run: RunInfo = {
    runId: 'r',
    scenario: 's',
    seed: 1,
    startedAtMs: 0,
    backend: 'js',
    config: {},
    data: 'x.csv',
    symbols: ['AAA'],
    version: '0',
    dictionaries: { symbol: ['AAA'], role: ['champion'], strategy: ['m'], variant: ['m'] },
  };

  it('Recorder.open creates them, readable before anything is written, and mergeRunFiles too', async () => {
    const dir = tempDir('livemodel-views-');
    const shard = join(dir, 'shard.duckdb');
    const rec = await Recorder.open(shard, run);
    rec.write({
      type: 'prediction',
      variant: 'm',
      symbol: 'AAA',
      ts: 0 as EpochMs,
      horizonTs: DAY_MS as EpochMs,
      role: 'champion',
      modelVersion: 1,
      score: 0.7,
      label: 1,
      loss: 0.3,
    });
    for (const v of VIEW_NAMES) await rec.connection.run(`SELECT * FROM ${v}`);
    await rec.finish('complete', { bars: 1, rejects: 0, finishedAtMs: 1 });
    const merged = join(dir, 'merged.duckdb');
    await mergeRunFiles(merged, [shard], run, {
      status: 'complete',
      bars: 1,
      rejects: 0,
      finishedAtMs: 1,
    });
    for (const file of [shard, merged]) {
      const [s] = await queryFile(
        file,
        'SELECT predictions, labelled, accuracy FROM v_symbol_summary',
      );
      expect(s).toEqual({ predictions: '1', labelled: '1', accuracy: 1 });
      const comment = await queryFile(
        file,
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'v_policy_comparison' AND column_name = 'sharpe_per_bar'",
      );
      expect(comment[0]?.comment).toMatch(/NOT annualised/);
    }
  });
});
