import { DuckDBInstance } from '@duckdb/node-api';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMPTY } from '../../src/report/events-section.ts';
import { ROOT, runCliInProcess, tempDir } from '../helpers/cli.ts';

/**
 * Test fixture rows, made up but shaped like what the drift, regime, alert and ensemble features
 * will record, added to a copy of a real run file so every report section has data.
 */
const ENRICH = [
  `INSERT INTO regimes SELECT symbol, ts, CASE WHEN stddev_samp(pnl) OVER w > 0.012 THEN 'volatile' ELSE 'calm' END, 'vol20', 'periodic'
    FROM equity WHERE strategy = 'buy_and_hold' WINDOW w AS (PARTITION BY symbol ORDER BY ts ROWS BETWEEN 19 PRECEDING AND CURRENT ROW)`,
  `INSERT INTO drift_events SELECT symbol, ts, 'page_hinkley', 'error', NULL, variant FROM version_events WHERE event = 'created' AND version > 1`,
  `INSERT INTO drift_events SELECT symbol, ts, 'psi', 'feature', 'ret_5', 'periodic' FROM equity WHERE strategy = 'buy_and_hold' AND abs(pnl) > 0.04`,
  `INSERT INTO alerts SELECT symbol, ended_ts, 'test.rejected', CASE WHEN p_value > 0.9 THEN 'warning' ELSE 'info' END,
    'challenger v' || challenger_version || ' lost (p = ' || round(p_value, 3) || ')', variant FROM ab_tests WHERE decision = 'reject'`,
  'CREATE TABLE IF NOT EXISTS ensemble_weights (symbol VARCHAR, ts TIMESTAMP, member VARCHAR, weight DOUBLE, regime VARCHAR, variant VARCHAR)',
  `INSERT INTO ensemble_weights
    WITH a AS (SELECT symbol, ts, 0.5 + 0.3 * sin(epoch(ts) / 1e7 + length(symbol)) AS w FROM equity WHERE strategy = 'buy_and_hold')
    SELECT symbol, ts, 'logistic', w, NULL, 'periodic' FROM a
    UNION ALL SELECT symbol, ts, 'lstm', (1 - w) * 0.6, NULL, 'periodic' FROM a
    UNION ALL SELECT symbol, ts, 'transformer', (1 - w) * 0.4, NULL, 'periodic' FROM a`,
  `INSERT INTO data_rejects VALUES ('eu-stock-markets.csv', 17, 'non-numeric close "n/a"'), ('eu-stock-markets.csv', 912, 'duplicate bar for DAX')`,
];

describe('reports of a real run with challengers, promotions and a rollback, before and after adding fixture events', () => {
  const dir = tempDir('livemodel-full-');
  const plain = join(dir, 'plain');
  const full = join(dir, 'full');
  let plainHtml = '';
  let fullHtml = '';

  beforeAll(async () => {
    const scenario = join(dir, 'mix.yaml');
    writeFileSync(
      scenario,
      `name: mix\nseed: 3\ndata:\n  file: ${join(ROOT, 'data/eu-stock-markets.csv')}\nlifecycle:\n  warmupBars: 100\nvariants:\n  - name: continuous\n  - name: periodic\n    lifecycle: { policy: periodic, periodBars: 200, probationBars: 30, probationMargin: 0 }\n`,
    );
    const r = await runCliInProcess(['run', scenario, '--out', plain, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    plainHtml = readFileSync(join(plain, 'report.html'), 'utf8');
    mkdirSync(full);
    copyFileSync(join(plain, 'run.duckdb'), join(full, 'run.duckdb'));
    const instance = await DuckDBInstance.create(join(full, 'run.duckdb'));
    const con = await instance.connect();
    try {
      for (const sql of ENRICH) await con.run(sql);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
    const again = await runCliInProcess(['report', full]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    fullHtml = readFileSync(join(full, 'report.html'), 'utf8');
  });

  it('the run’s own report shows its tests, promotions and rollback, and says drift, alerts and rejects are empty', () => {
    expect(plainHtml).toMatch(/<td><b>periodic<\/b><\/td><td>\d+<\/td><td>\d+<\/td><td>\d+<\/td>/);
    expect(plainHtml).toContain('<span class="good">promote</span>');
    expect(plainHtml).toContain('challengers are drawn per test');
    for (const e of [EMPTY.drift, EMPTY.alerts, EMPTY.rejects]) expect(plainHtml).toContain(e);
    expect(plainHtml).not.toContain(EMPTY.tests);
    expect(plainHtml).not.toContain('id="ensemble"');
    expect(plainHtml).toContain('periodic · serving version');
    expect(plainHtml).toContain('periodic · challengers');
  });

  it('with the fixture events, every table is filled and the charts carry markers, regimes and weights', () => {
    for (const e of Object.values(EMPTY)) expect(fullHtml).not.toContain(e);
    expect(fullHtml).toContain('page_hinkley · error');
    expect(fullHtml).toContain('psi · feature');
    expect(fullHtml).toMatch(/challenger v\d+ lost \(p = /);
    expect(fullHtml).toContain('duplicate bar for DAX');
    expect(fullHtml).toMatch(/regimes \(vol20\): <span>/);
    expect(fullHtml).toContain('Mean ensemble weight over all symbols — periodic');
    expect(fullHtml).toContain('CAC: ensemble weights — periodic');
    const figures = fullHtml.match(/<figure class="chart"/g)?.length ?? 0;
    expect(
      fullHtml.match(/<figure class="chart" id="c\d+"[^>]*><h3>[^<]*<\/h3><svg /g)?.length,
    ).toBe(figures);
    expect(figures).toBeGreaterThan(18);
  });

  it('compares the two runs side by side in one page, drawing shared baselines once', async () => {
    const out = join(dir, 'cmp', 'compare.html');
    const r = await runCliInProcess(['report', plain, full, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`comparison: ${out}\n`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h1>Comparison of 2 runs</h1>');
    for (const label of ['plain', 'full'])
      expect(html).toContain(`<td><b>${label}</b></td><td>mix</td>`);
    expect(html).toMatch(
      /<td><b>full<\/b><\/td><td>periodic<\/td><td>variant<\/td><td>-?\d+\.\d\d%<\/td>/,
    );
    // The fixture rows do not change equity: both runs' curves coincide and are drawn once.
    expect(html).toContain('plain, full · periodic');
    expect(html).toContain('plain, full · continuous');
    expect(html).toMatch(/>buy_and_hold<\/text>/);
    expect(html).not.toContain('· buy_and_hold');
    expect(html.match(/<figure class="chart" id="k1"[^>]*><h3>[^<]*<\/h3><svg /)).not.toBeNull();
  });

  it('refuses --out with a single run and a comparison of missing runs, in one line', async () => {
    const one = await runCliInProcess(['report', plain, '--out', join(dir, 'x.html')]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/^livemodel: --out names the comparison page/);
    const missing = await runCliInProcess(['report', plain, join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `livemodel: no run file at ${join(dir, 'nope')} (expected a run folder with run.duckdb, or the .duckdb file)\n`,
    );
  });
});
