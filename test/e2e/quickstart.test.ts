import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliInProcess, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

describe('livemodel run scenarios/quickstart.yaml (end to end)', () => {
  const dir = tempDir();
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  let out = '';

  beforeAll(async () => {
    const r1 = runCli(['run', 'scenarios/quickstart.yaml', '--seed', '7', '--out', a]);
    expect(r1.stderr).toBe('');
    expect(r1.code).toBe(0);
    out = r1.stdout;
    const r2 = await runCliInProcess([
      'run',
      'scenarios/quickstart.yaml',
      '--seed',
      '7',
      '--out',
      b,
      '--quiet',
    ]);
    expect(r2.code).toBe(0);
  });

  it('writes the run file, the report and the summary, and prints the summary table', () => {
    for (const f of ['run.duckdb', 'report.html', 'summary.json'])
      expect(existsSync(join(a, f))).toBe(true);
    expect(out).toMatch(
      /symbol\s+predictions\s+accuracy\s+F1\s+model return\s+buy & hold\s+updates\s+promotions\s+rollbacks/,
    );
    for (const s of ['CAC', 'DAX', 'FTSE', 'SMI'])
      expect(out).toMatch(new RegExp(`^${s}\\s+1761\\s`, 'm'));
    // one row per variant, one per baseline, with the numbers of summary.json
    expect(out).toMatch(
      /variant\s+return\s+Sharpe\s+max DD\s+accuracy\s+F1\s+updates\s+promotions\s+rollbacks/,
    );
    expect(out).toMatch(/baseline\s+return\s+Sharpe\s+max DD\s+accuracy\s+F1/);
    const summary = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'));
    const p = summary.strategies.model.portfolio;
    expect(out).toMatch(
      new RegExp(
        `^model\\s+${(p.total_return * 100).toFixed(1)}%\\s+${p.sharpe.toFixed(2)}\\s+${(p.max_drawdown * 100).toFixed(1)}%\\s+${(summary.models.model.overall.accuracy * 100).toFixed(1)}%`,
        'm',
      ),
    );
    for (const b of ['buy_and_hold', 'frozen', 'naive'])
      expect(out).toMatch(new RegExp(`^${b}\\s+-?\\d+\\.\\d%`, 'm'));
    expect(out).toContain(`report: ${join(a, 'report.html')}`);
  });

  it('records one champion prediction per symbol and bar after warmup, all with a later horizon', async () => {
    const file = join(a, 'run.duckdb');
    // 1,860 bars per symbol; features need 21 bars, warmup ends at bar 100 → 1,761 serving bars.
    const rows = await queryFile(
      file,
      `SELECT symbol, count(*) AS n, count(label) AS labelled FROM predictions WHERE role = 'champion' GROUP BY symbol ORDER BY symbol`,
    );
    expect(rows).toEqual(
      // the traded labels of the last two bars never come
      ['CAC', 'DAX', 'FTSE', 'SMI'].map((symbol) => ({ symbol, n: '1761', labelled: '1759' })),
    );
    const [ahead] = await queryFile(
      file,
      'SELECT count(*) AS n FROM predictions WHERE horizon_ts <= ts',
    );
    expect(ahead).toEqual({ n: '0' });
    const [unlabelled] = await queryFile(
      file,
      'SELECT count(*) AS n FROM predictions WHERE label IS NULL AND horizon_ts IS NOT NULL',
    );
    expect(unlabelled).toEqual({ n: '0' });
  });

  it('has no label before the end of warmup, and each label is the move the position trades', async () => {
    const file = join(a, 'run.duckdb');
    const [w] = await queryFile(
      file,
      `SELECT min(ts)::VARCHAR AS t FROM transitions WHERE to_state = 'serving'`,
    );
    const [first] = await queryFile(
      file,
      `SELECT min(ts)::VARCHAR AS t FROM predictions WHERE label IS NOT NULL`,
    );
    expect(w?.t).toBe('1991-11-15 00:00:00');
    expect(String(first?.t) >= String(w?.t)).toBe(true);
    // The first DAX prediction (1991-11-15) decides the position filled at the next close
    // (1991-11-18, 1605.7) and held to the one after (1991-11-19, 1589.7): the label is that move,
    // known on 1991-11-19.
    const [row] = await queryFile(
      file,
      `SELECT label, horizon_ts::VARCHAR AS h FROM predictions WHERE symbol = 'DAX' AND role = 'champion' ORDER BY ts LIMIT 1`,
    );
    const csv = readFileSync(
      join(import.meta.dirname, '../../data/eu-stock-markets.csv'),
      'utf8',
    ).split('\n');
    const close = (d: string) => Number(csv.find((l) => l.startsWith(`${d},DAX,`))?.split(',')[2]);
    expect(row?.h).toBe('1991-11-19 00:00:00');
    expect(close('1991-11-18')).toBe(1605.7);
    expect(close('1991-11-19')).toBe(1589.7);
    expect(row?.label).toBe(0);
  });

  it('records the contract tables, the transitions and the equity of model and baselines', async () => {
    const file = join(a, 'run.duckdb');
    const tables = await queryFile(
      file,
      `SELECT table_name AS t FROM information_schema.tables ORDER BY 1`,
    );
    const names = tables.map((t) => t.t);
    for (const t of [
      'runs',
      'predictions',
      'model_versions',
      'transitions',
      'ab_tests',
      'drift_events',
      'regimes',
      'alerts',
      'equity',
      'data_rejects',
    ])
      expect(names).toContain(t);
    const tr = await queryFile(
      file,
      `SELECT from_state, to_state, event, count(*) AS n FROM transitions GROUP BY ALL`,
    );
    expect(tr).toEqual([
      { from_state: 'warmup', to_state: 'serving', event: 'warmup.done', n: '4' },
    ]);
    const eq = await queryFile(
      file,
      `SELECT strategy, count(*) AS n FROM equity GROUP BY 1 ORDER BY 1`,
    );
    expect(eq.map((r) => r.strategy)).toEqual(['buy_and_hold', 'frozen', 'model', 'naive']);
    expect(new Set(eq.map((r) => r.n))).toEqual(new Set(['7044']));
    const [run] = await queryFile(
      file,
      `SELECT status, seed, bars, config->>'name' AS name FROM runs`,
    );
    expect(run).toEqual({ status: 'complete', seed: '7', bars: '7440', name: 'quickstart' });
  });

  it('is deterministic: two runs with the same seed record identical predictions and equity', async () => {
    const sql = `SELECT md5(string_agg(concat_ws('|', symbol, ts, role, model_version, score, label, loss), ';' ORDER BY symbol, ts, role)) AS h FROM predictions`;
    const [ha] = await queryFile(join(a, 'run.duckdb'), sql);
    const [hb] = await queryFile(join(b, 'run.duckdb'), sql);
    expect(ha?.h).toBe(hb?.h);
    const eqSql = `SELECT md5(string_agg(concat_ws('|', symbol, ts, strategy, position, pnl, equity), ';' ORDER BY symbol, ts, strategy)) AS h FROM equity`;
    expect((await queryFile(join(a, 'run.duckdb'), eqSql))[0]?.h).toBe(
      (await queryFile(join(b, 'run.duckdb'), eqSql))[0]?.h,
    );
  });

  it('writes summary.json in the documented shape with model, baselines and annualisation', () => {
    const s = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'));
    expect(Object.keys(s)).toEqual(['run', 'annualization', 'strategies', 'models', 'warnings']);
    expect(s.warnings).toEqual([]);
    expect(s.annualization.periods_per_year).toBe(252);
    expect(Object.keys(s.strategies).sort()).toEqual(['buy_and_hold', 'frozen', 'model', 'naive']);
    const m = s.strategies.model.portfolio;
    for (const k of [
      'first_ts',
      'last_ts',
      'periods',
      'total_return',
      'cagr',
      'annual_volatility',
      'sharpe',
      'sortino',
      'calmar',
      'max_drawdown',
      'max_drawdown_duration',
      'hit_rate',
      'turnover',
      'costs',
    ])
      expect(m).toHaveProperty(k);
    expect(m.max_drawdown).toBeLessThanOrEqual(0);
    expect(s.models.model.symbols.DAX.predictions).toBe(1761);
    expect(s.run.status).toBe('complete');
  });

  it('regenerates the report from the DuckDB file alone', async () => {
    const before = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'));
    const r = await runCliInProcess(['report', a]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'))).toEqual(before);
  });
});
