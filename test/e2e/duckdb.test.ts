import { DuckDBInstance } from '@duckdb/node-api';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/report/index.ts';
import { ROOT, runCliInProcess, tempDir } from '../helpers/cli.ts';
import { queryFile, queryMemory } from '../helpers/duck.ts';

const dir = tempDir('livemodel-duckdb-');
const quick = join(dir, 'quickstart');
/** The quickstart with periodic updates, a loose test and a strict probation: promotions, rejections and a rollback. */
const busy = join(dir, 'busy');
const BUSY = [
  '--set',
  'lifecycle.policy=periodic',
  '--set',
  'lifecycle.periodBars=200',
  '--set',
  'lifecycle.probationMargin=0',
  '--set',
  'lifecycle.test.alpha=0.3',
];

const summaryOf = (d: string): RunSummary =>
  JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')) as RunSummary;

beforeAll(async () => {
  for (const [out, extra] of [
    [quick, []],
    [busy, BUSY],
  ] as const) {
    const r = await runCliInProcess([
      'run',
      'scenarios/quickstart.yaml',
      '--out',
      out,
      '--quiet',
      ...extra,
    ]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

describe.each([
  ['quickstart', quick],
  ['quickstart with periodic updates', busy],
])('the views of the %s run agree with summary.json', (_, out) => {
  it('v_symbol_summary: direction metrics, returns and lifecycle counts per symbol', async () => {
    const s = summaryOf(out);
    const rows = await queryFile(join(out, 'run.duckdb'), 'SELECT * FROM v_symbol_summary');
    expect(rows.length).toBe(
      Object.values(s.models).reduce((n, m) => n + Object.keys(m.symbols).length, 0),
    );
    for (const r of rows) {
      const m = s.models[r.variant]!.symbols[r.symbol]!;
      expect([Number(r.predictions), Number(r.labelled)]).toEqual([m.predictions, m.labelled]);
      for (const k of ['accuracy', 'precision', 'recall', 'f1', 'log_loss'] as const)
        expect(r[k], k).toBeCloseTo(m[k] as number, 12);
      expect([r.versions, r.tests, r.promotions, r.rollbacks].map(Number)).toEqual([
        m.versions,
        m.tests,
        m.promotions,
        m.rollbacks,
      ]);
      expect(r.model_return).toBeCloseTo(
        s.strategies[r.variant]!.symbols[r.symbol]!.total_return!,
        10,
      );
      expect(r.buy_and_hold_return).toBeCloseTo(
        s.strategies['buy_and_hold']!.symbols[r.symbol]!.total_return!,
        10,
      );
    }
  });

  it('v_policy_comparison: the equal-weight portfolio of every strategy; per-bar Sharpe × √P is the summary Sharpe', async () => {
    const s = summaryOf(out);
    const ppy = s.annualization.periods_per_year!;
    const rows = await queryFile(join(out, 'run.duckdb'), 'SELECT * FROM v_policy_comparison');
    expect(rows.map((r) => r.strategy).sort()).toEqual(Object.keys(s.strategies).sort());
    for (const r of rows) {
      const p = s.strategies[r.strategy]!.portfolio;
      expect(Number(r.bars)).toBe(p.periods);
      expect(`${r.first_ts.replace(' ', 'T')}.000Z`).toBe(p.first_ts);
      expect(r.total_return).toBeCloseTo(p.total_return!, 10);
      expect(r.max_drawdown).toBeCloseTo(p.max_drawdown!, 10);
      expect(r.sd_return * Math.sqrt(ppy)).toBeCloseTo(p.annual_volatility!, 10);
      expect(r.sharpe_per_bar * Math.sqrt(ppy)).toBeCloseTo(p.sharpe!, 10);
      expect(r.turnover).toBeCloseTo(p.turnover!, 8);
      expect(r.costs).toBeCloseTo(p.costs!, 10);
      const model = s.models[r.strategy];
      if (model !== undefined)
        expect([r.kind, r.predictor, r.accuracy]).toEqual([
          'variant',
          'champion',
          expect.closeTo(model.overall.accuracy!, 12),
        ]);
      else if (r.strategy === 'buy_and_hold')
        expect([r.kind, r.predictor, r.accuracy]).toEqual(['baseline', null, null]);
      else
        expect([r.kind, r.predictor, r.accuracy]).toEqual([
          'baseline',
          r.strategy,
          expect.closeTo(s.models['model']!.baselines[r.strategy]!.accuracy!, 12),
        ]);
    }
  });
});

describe('v_version_history on a run with promotions, rejections and a rollback', () => {
  it('derives from version_events alone what model_versions records at the end', async () => {
    // A killed run has no model_versions yet: the view must find parents, reasons and times in the events.
    const copy = join(dir, 'events-only.duckdb');
    copyFileSync(join(busy, 'run.duckdb'), copy);
    const instance = await DuckDBInstance.create(copy);
    const con = await instance.connect();
    try {
      await con.run(
        'CREATE TEMP TABLE mv AS SELECT * FROM model_versions; DELETE FROM model_versions',
      );
      const reader = await con.runAndReadAll(`
        SELECT count(*)::INTEGER AS versions, count(*) FILTER (WHERE v.parent_version IS NOT DISTINCT FROM m.parent_version AND v.reason = m.reason
          AND v.created_ts = m.created_ts AND v.promoted_ts IS NOT DISTINCT FROM m.promoted_ts AND v.retired_ts IS NOT DISTINCT FROM m.retired_ts)::INTEGER AS same,
          (SELECT count(*) FROM mv)::INTEGER AS recorded
        FROM v_version_history v JOIN mv m USING (variant, symbol, version)`);
      const [r] = reader.getRowObjectsJson() as {
        versions: number;
        same: number;
        recorded: number;
      }[];
      expect(r!.recorded).toBeGreaterThan(8);
      expect(r).toEqual({ versions: r!.recorded, same: r!.recorded, recorded: r!.recorded });
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });

  it('counts bars served, promotions and rollbacks as the other tables do', async () => {
    const file = join(busy, 'run.duckdb');
    const [r] = await queryFile(
      file,
      `SELECT (SELECT sum(served_bars) FROM v_version_history)::INTEGER AS served,
        (SELECT count(*) FROM predictions WHERE role = 'champion')::INTEGER AS champion_predictions,
        (SELECT count(*) FROM v_version_history WHERE rolled_back)::INTEGER AS rolled_back,
        (SELECT sum(rollbacks) FROM v_symbol_summary)::INTEGER AS rollbacks,
        (SELECT count(*) FROM v_version_history WHERE test_decision = 'promote')::INTEGER AS promoted,
        (SELECT sum(promotions) FROM v_symbol_summary)::INTEGER AS promotions,
        (SELECT count(*) FROM v_version_history WHERE status = 'serving')::INTEGER AS serving,
        (SELECT count(*) FROM v_version_history WHERE status = 'discarded' AND test_decision = 'reject')::INTEGER AS discarded,
        (SELECT count(*) FROM ab_tests WHERE decision = 'reject')::INTEGER AS rejected`,
    );
    expect(r!.served).toBe(r!.champion_predictions);
    expect(r!.rolled_back).toBeGreaterThan(0);
    expect(r!.rolled_back).toBe(r!.rollbacks);
    expect(r!.promoted).toBe(r!.promotions);
    expect(r!.serving).toBe(4);
    expect(r!.discarded).toBe(r!.rejected);
  });
});

describe('livemodel export', () => {
  it('writes every table and view of the quickstart run to Parquet: same rows, same checksum, ENUMs as text', async () => {
    const r = await runCliInProcess(['export', quick, '--views']);
    expect(r.code, r.stderr).toBe(0);
    const file = join(quick, 'run.duckdb');
    const tables = (
      await queryFile(
        file,
        "SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY t",
      )
    ).map((x) => x.t as string);
    const views = (
      await queryFile(
        file,
        'SELECT view_name AS t FROM duckdb_views() WHERE NOT internal ORDER BY t',
      )
    ).map((x) => x.t as string);
    expect(tables).toContain('predictions');
    expect(views).toEqual(['v_policy_comparison', 'v_symbol_summary', 'v_version_history']);
    // row of a relation as text, hashed, summed: independent of row order, equal for ENUM and VARCHAR
    const checksum = 'count(*)::VARCHAR AS n, sum(hash(t::VARCHAR))::VARCHAR AS h';
    for (const name of [...tables, ...views]) {
      const parquet = join(quick, 'export', `${name}.parquet`);
      expect(existsSync(parquet), parquet).toBe(true);
      const [want] = await queryFile(file, `SELECT ${checksum} FROM ${name} t`);
      const [got] = await queryMemory(`SELECT ${checksum} FROM '${parquet}' t`);
      expect(got, name).toEqual(want);
      expect(r.stdout).toMatch(
        new RegExp(
          `^${name} +(table|view) +${Number(want.n).toLocaleString('en-US')}  ${parquet}$`,
          'm',
        ),
      );
    }
    const types = await queryMemory(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${join(quick, 'export', 'predictions.parquet')}') WHERE column_name IN ('symbol', 'role', 'variant')`,
    );
    expect(types.map((t) => t.column_type)).toEqual(['VARCHAR', 'VARCHAR', 'VARCHAR']);
  });

  it('writes CSV with --format csv into --out, tables only without --views', async () => {
    const out = join(dir, 'csv');
    const r = await runCliInProcess([
      'export',
      join(quick, 'run.duckdb'),
      '--format',
      'csv',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/v_symbol_summary/);
    const [p] = await queryMemory(
      `SELECT count(*)::INTEGER AS n, count(DISTINCT symbol)::INTEGER AS symbols FROM read_csv('${join(out, 'predictions.csv')}')`,
    );
    expect(p).toEqual({ n: 21132, symbols: 4 });
  });

  it('ends with a one-line message for a missing run or a bad format', async () => {
    const missing = await runCliInProcess(['export', join(dir, 'nothing-here')]);
    expect([missing.code, missing.stderr.trim()]).toEqual([
      2,
      `livemodel: no run file at ${join(dir, 'nothing-here')} (expected a run folder with run.duckdb, or the .duckdb file)`,
    ]);
    const bad = await runCliInProcess(['export', quick, '--format', 'xlsx']);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      'livemodel: --format expects parquet or csv, got `xlsx`',
    ]);
  });
});

/** Query output as docs/duckdb.md shows it: a header, dashes, columns two spaces apart, numbers right-aligned. */
async function formatQuery(file: string, sql: string): Promise<string> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const con = await instance.connect();
  try {
    const reader = await con.runAndReadAll(sql);
    const names = reader.columnNames();
    const numeric = reader.columnTypes().map((t) => /INT|DOUBLE|DECIMAL|FLOAT/.test(String(t)));
    const rows = reader.getRowsJson().map((r) => r.map((v) => (v === null ? 'NULL' : String(v))));
    const width = names.map((n, i) =>
      Math.max(n.length, ...rows.map((r) => (r[i] as string).length)),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (numeric[i] ? c.padStart(width[i]!) : c.padEnd(width[i]!)))
        .join('  ')
        .trimEnd();
    return [line(names), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

describe('docs/duckdb.md', () => {
  it('shows the real output of its three example queries (quickstart; the third with periodic updates)', async () => {
    const doc = readFileSync(join(ROOT, 'docs', 'duckdb.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Three questions'), doc.indexOf('## Crashes'));
    const pairs = [...section.matchAll(/```sql\n([\s\S]*?)```\s*```text\n([\s\S]*?)```/g)];
    expect(pairs.length).toBe(3);
    let updated = doc;
    for (const [i, [, sql, shown]] of pairs.entries()) {
      const file = join(i < 2 ? quick : busy, 'run.duckdb');
      const real = await formatQuery(file, sql as string);
      // UPDATE_DOCS=1 npx vitest run test/e2e/duckdb.test.ts rewrites the shown output (review the diff).
      if (process.env['UPDATE_DOCS'] === '1')
        updated = updated.replace(shown as string, `${real}\n`);
      else expect(real, `query ${i + 1}`).toBe((shown as string).trimEnd());
    }
    if (updated !== doc) writeFileSync(join(ROOT, 'docs', 'duckdb.md'), updated);
  });
});
