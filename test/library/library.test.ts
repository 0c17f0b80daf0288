/**
 * The scenario library (scenarios/*.yaml, docs/findings.md) run end to end, asserting the
 * findings' qualitative claims that do not hinge on tuning: who beats whom in log loss (panel
 * Diebold–Mariano of scripts/compare-variants.ts, on traded labels), where the S&P detectors
 * fire, that the lag-1 synthetic signal is tradeable from the next open and not from the next
 * close, that the lifecycle promotes and rolls back by itself (the transient concept included),
 * regime accuracy well above the most-frequent-regime rate. Not exact numbers: each threshold
 * sits below (or above) what docs/findings.md measured, with the measured value beside it.
 *
 * `npx vitest run test/library` (part of `npm test`) shrinks the synthetic markets with --set so
 * the file stays around a minute; `npm run test:library` (LIBRARY_FULL=1) runs every scenario at
 * full size, the 1,000-symbol stress run included, and prints wall times.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareVariants } from '../../scripts/compare-variants.ts';
import { lifecycleEvents } from '../../scripts/lifecycle-events.ts';
import { scoreSyntheticRun } from '../../scripts/regime-accuracy.ts';
import {
  barsBetween,
  realDateOf,
  SP500_ANCHORS,
  SP500_BREAKS,
  sp500Events,
} from '../../scripts/sp500-dates.ts';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

const FULL = process.env['LIBRARY_FULL'] === '1';
const dir = tempDir('livemodel-library-');
const timeout = FULL ? 900_000 : 120_000;

/** Runs a library scenario through the CLI into dir/<out> (default: its name); returns the folder. Prints the wall time. */
function run(
  name: string,
  sets: readonly string[] = [],
  extra: readonly string[] = [],
  outName = name,
): string {
  const out = join(dir, outName);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'bin/livemodel-dev.js'),
      'run',
      `scenarios/${name}.yaml`,
      '--out',
      out,
      '--quiet',
      ...sets.flatMap((s) => ['--set', s]),
      ...extra,
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: timeout - 10_000,
    },
  );
  if (r.status !== 0)
    throw new Error(`livemodel run scenarios/${name}.yaml exited with ${r.status}: ${r.stderr}`);
  console.log(
    `library: ${name}${sets.length > 0 ? ` (${sets.join(' ')})` : ''} ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return out;
}

const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
const byName = <T extends { name: string }>(rows: readonly T[], name: string): T => {
  const row = rows.find((r) => r.name === name);
  if (row === undefined) throw new Error(`no predictor ${name}`);
  return row;
};

describe('scenario library', () => {
  it('every scenario validates', () => {
    const files = [
      'eu-online-vs-frozen',
      'sp500-drift',
      'msft-model-zoo',
      'synthetic-regime-ensemble',
      'synthetic-lifecycle',
      'stress-1000',
    ].map((n) => `scenarios/${n}.yaml`);
    const r = runCli(['validate', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of files) expect(r.stdout).toContain(`ok  ${f}`);
    for (const f of files)
      expect(readFileSync(join(ROOT, f), 'utf8')).toMatch(
        /^# yaml-language-server: \$schema=\.\.\/scenario\.schema\.json\n# Question/,
      );
  });

  it('S&P file dates map to real dates exactly at the anchors and monotonically between them', () => {
    for (const a of SP500_ANCHORS) expect(realDateOf(a.file)).toBe(a.real);
    const dates = [
      '1928-06-01',
      '1931-05-05',
      '1945-03-01',
      '1960-01-04',
      '1975-10-01',
      '1980-05-05',
      '1990-06-01',
    ].map(realDateOf);
    expect([...dates].sort()).toEqual(dates);
    expect(barsBetween(SP500_BREAKS.crash1929.file, '1930-02-04')).toBe(5);
  });

  describe('Q1 eu-online-vs-frozen', { timeout }, () => {
    let out = '';
    beforeAll(() => {
      out = run('eu-online-vs-frozen');
    }, timeout);

    // measured: continuous 52.3 % vs 50.3 %, log loss 0.6947 vs 0.7105, panel DM +6.1
    it('online learning beats the frozen model in log loss (panel DM > 2) and accuracy', async () => {
      const { rows } = await compareVariants(out, 'frozen');
      const continuous = byName(rows, 'continuous');
      expect(continuous.logLoss).toBeLessThan(byName(rows, 'frozen').logLoss);
      expect(continuous.accuracy).toBeGreaterThan(byName(rows, 'frozen').accuracy);
      expect(continuous.vsRef?.dm).toBeGreaterThan(2);
    });

    it('policy none is the frozen baseline, prediction for prediction', async () => {
      const sql = (where: string) =>
        `SELECT md5(string_agg(concat_ws('|', symbol, ts, score), ';' ORDER BY symbol, ts)) AS h FROM predictions WHERE ${where}`;
      const file = join(out, 'run.duckdb');
      const [a] = await queryFile(file, sql(`variant = 'frozen_policy' AND role = 'champion'`));
      const [b] = await queryFile(file, sql(`variant = 'continuous' AND role = 'frozen'`));
      expect(a?.h).toBe(b?.h);
    });

    it('neither updating policy beats buy-and-hold’s Sharpe ratio', () => {
      const s = summaryOf(out).strategies;
      for (const v of ['continuous', 'periodic', 'frozen_policy'])
        expect(s[v].portfolio.sharpe).toBeLessThan(s.buy_and_hold.portfolio.sharpe);
    });
  });

  describe('Q2 sp500-drift', { timeout }, () => {
    let out = '';
    beforeAll(() => {
      out = run('sp500-drift');
    }, timeout);

    it('records a volatility drift within 10 bars after the crashes of 1929-10-28 and 1987-10-19, and one in the 1973–74 bear market', async () => {
      const { drifts } = await sp500Events(out);
      const vol = drifts.filter((d) => d.detector === 'page_hinkley (vol_20)');
      for (const crash of [SP500_BREAKS.crash1929, SP500_BREAKS.crash1987]) {
        expect(
          vol.some(
            (d) => barsBetween(crash.file, d.file) >= 0 && barsBetween(crash.file, d.file) <= 10,
          ),
          `a drift within 10 bars after ${crash.real} (file ${crash.file})`,
        ).toBe(true);
      }
      expect(vol.some((d) => d.real >= '1973-01-01' && d.real <= '1974-12-31')).toBe(true);
      // tuned: a handful of detections in 63 years, not one every ~100 bars
      expect(vol.length).toBeLessThan(15);
    });

    it('records the crashes as volatile regimes and 1973–74 as a long bear episode', async () => {
      const { episodes } = await sp500Events(out, 20);
      const rule = episodes.filter((e) => e.detector === 'rule');
      for (const crash of [SP500_BREAKS.crash1929, SP500_BREAKS.crash1987]) {
        expect(
          rule.some(
            (e) => e.regime === 'volatile' && Math.abs(barsBetween(crash.file, e.file)) <= 5,
          ),
          `volatile from ${crash.real}`,
        ).toBe(true);
      }
      expect(
        rule.some(
          (e) =>
            e.regime === 'bear' &&
            (e.bars ?? 0) >= 100 &&
            e.real >= '1973-01-01' &&
            e.real <= '1974-12-31',
        ),
      ).toBe(true);
    });

    it('compares every policy with the frozen model on the same bars; drift policies test challengers with recorded p-values', async () => {
      const { rows } = await compareVariants(out, 'frozen');
      for (const v of ['drift', 'drift_reset', 'periodic', 'continuous', 'frozen_policy'])
        expect(byName(rows, v).vsRef?.n).toBe(byName(rows, 'frozen').labelled);
      expect(byName(rows, 'frozen_policy').vsRef?.meanGain).toBe(0);
      const tests = await queryFile(
        join(out, 'run.duckdb'),
        `SELECT variant::VARCHAR AS v, count(*) AS n, min(p_value) AS lo, max(p_value) AS hi FROM ab_tests GROUP BY 1 ORDER BY 1`,
      );
      expect(tests.map((t) => t.v)).toEqual(['drift', 'drift_reset', 'periodic']);
      for (const t of tests) expect(t.lo >= 0 && t.hi <= 1).toBe(true);
    });

    // measured (warmup 250): continuous log loss 0.6918, next best 0.6950 (frozen), DM +5.1 (+8.3 / +5.3
    // at warmup 100 / 500), yet Sharpe −0.02; buy-and-hold 0.33, the best variant 0.09;
    // drift/refit lost all 5 tests (p 0.25–0.77) at every warmup
    it('continuous learning has the lowest log loss, yet nothing beats buy-and-hold and drift/refit never promotes', async () => {
      const { rows } = await compareVariants(out, 'frozen');
      const continuous = byName(rows, 'continuous');
      for (const r of rows)
        if (r.name !== 'continuous') expect(continuous.logLoss, r.name).toBeLessThan(r.logLoss);
      expect(continuous.vsRef?.dm).toBeGreaterThan(2);
      const s = summaryOf(out).strategies;
      for (const v of ['drift', 'drift_reset', 'periodic', 'continuous', 'frozen_policy'])
        expect(s[v].portfolio.sharpe).toBeLessThan(s.buy_and_hold.portfolio.sharpe);
      expect(byName(rows, 'drift').promotions).toBe(0);
    });

    // measured: naive 48.0 % over 16,804 labels (≈ 5 standard errors below 50 %); it scored
    // 54.4 % on the old close(t)→close(t+1) labels
    it('the index’s lag-1 autocorrelation is not tradeable at the next close: the last bar’s direction is right less than half the time', async () => {
      const { rows } = await compareVariants(out, 'frozen');
      expect(byName(rows, 'naive').accuracy).toBeLessThan(0.5);
    });
  });

  describe('Q3 msft-model-zoo', { timeout }, () => {
    let out = '';
    beforeAll(() => {
      out = run('msft-model-zoo');
    }, timeout);

    it('runs the four models on the same 208 labels, the ensemble with weights summing to 1', async () => {
      const { rows } = await compareVariants(out, 'logistic');
      for (const v of ['logistic', 'lstm', 'transformer', 'ensemble'])
        expect(byName(rows, v).labelled).toBe(208);
      const [w] = await queryFile(
        join(out, 'run.duckdb'),
        `SELECT count(DISTINCT member) AS m, max(abs(s - 1)) AS err FROM (SELECT member, sum(weight) OVER (PARTITION BY ts) AS s FROM ensemble_weights)`,
      );
      expect(w?.m).toBe('3');
      expect(w?.err).toBeLessThan(1e-9);
    });

    // measured (seed 42): DM vs logistic −1.72 (LSTM), −1.60 (transformer), −1.88 (ensemble);
    // transformer log loss 0.7652 vs 0.7018 (0.81–0.88 over seeds 1–5)
    it('no neural model or ensemble beats the logistic model significantly on 208 labels (DM < 2); the transformer’s log loss is higher', async () => {
      const { rows } = await compareVariants(out, 'logistic');
      for (const v of ['lstm', 'transformer', 'ensemble'])
        expect(byName(rows, v).vsRef?.dm).toBeLessThan(2);
      expect(byName(rows, 'transformer').logLoss).toBeGreaterThan(byName(rows, 'logistic').logLoss);
    });
  });

  describe('Q4 synthetic-regime-ensemble', { timeout }, () => {
    let out = '';
    let atClose = '';
    const shrink = FULL ? [] : ['data.synthetic.symbols=6'];
    beforeAll(() => {
      out = run('synthetic-regime-ensemble', shrink);
      // the same market and online logistic model, filled at the next close
      atClose = run(
        'synthetic-regime-ensemble',
        [...shrink, 'backtest.fill=next_close', 'variants=[{name: logistic}]'],
        [],
        'synthetic-regime-ensemble-next-close',
      );
    }, timeout);

    // measured (20 / 6 symbols): next open 53.5 % / 53.8 %, log loss 0.6894 / 0.6895;
    // next close 51.2 % / 50.7 %, log loss 0.6956 / 0.6963 (ln 2 = 0.6931)
    it('the lag-1 signal is tradeable from the next open, not from the next close', async () => {
      const open = byName((await compareVariants(out, 'frozen')).rows, 'logistic');
      const close = byName((await compareVariants(atClose, 'frozen')).rows, 'logistic');
      expect(open.logLoss).toBeLessThan(Math.LN2);
      expect(close.logLoss).toBeGreaterThan(Math.LN2);
      expect(open.accuracy - close.accuracy).toBeGreaterThan(0.015);
    });

    it('regime detection beats the most frequent regime by far; the confusion matrix covers every scored bar', async () => {
      const s = await scoreSyntheticRun(out);
      const rule = s.regimes.find((r) => r.detector === 'rule');
      const hmm = s.regimes.find((r) => r.detector === 'hmm');
      expect(rule?.accuracy).toBeGreaterThan(0.55);
      expect(rule?.accuracy).toBeGreaterThan(2 * (rule?.majority ?? 1));
      expect(hmm?.accuracy).toBeGreaterThan((hmm?.majority ?? 1) + 0.2);
      for (const r of s.regimes) expect(r.matrix.flat().reduce((a, b) => a + b, 0)).toBe(r.n);
      expect(rule?.n).toBe(s.symbols * (s.bars - s.from));
    });

    // measured: per_regime vs plain DM −1.38 (seeds 1–3: −0.98 [−2.27, 0.16]; 6 symbols −0.05)
    it('per-regime weights do not beat plain Hedge weights (DM < 2); both ensembles beat the frozen model', async () => {
      const { rows } = await compareVariants(out, 'plain');
      expect(byName(rows, 'per_regime').vsRef?.dm).toBeLessThan(2);
      expect(byName(rows, 'plain').logLoss).toBeLessThan(byName(rows, 'frozen').logLoss);
      expect(byName(rows, 'per_regime').logLoss).toBeLessThan(byName(rows, 'frozen').logLoss);
    });

    // measured (20 / 6 symbols): online logistic 17/20, median 114 / 4/6, median 93;
    // static 16/20, median 80 / 5/6, median 74
    it('Page–Hinkley on the single models’ errors finds the flip at bar 1,000 in more than half the symbols, median delay < 200 bars', async () => {
      const s = await scoreSyntheticRun(out);
      for (const variant of ['logistic', 'static']) {
        const ph = s.drift.find(
          (d) => d.variant === variant && d.detector === 'page_hinkley' && d.driftBar === 1000,
        );
        expect(ph?.detected, variant).toBeGreaterThan(s.symbols / 2);
        expect(ph?.median, variant).toBeLessThan(200);
      }
    });
  });

  describe('Q5 synthetic-lifecycle', { timeout }, () => {
    let out = '';
    beforeAll(() => {
      // shrunk: the first 1,000 bars (the flips at 600 and 850, i.e. the transient concept)
      out = run(
        'synthetic-lifecycle',
        FULL
          ? []
          : [
              'data.synthetic.bars=1000',
              'data.synthetic.drifts=[{at: 600, kind: flip}, {at: 850, kind: flip}]',
            ],
      );
    }, timeout);

    it('builds challengers after drifts, tests them with recorded p-values, promotes and rolls back by itself', async () => {
      const r = await lifecycleEvents(out);
      const c = r.counts[0];
      expect(c?.drifts).toBeGreaterThan(0);
      expect(c?.tests).toBeGreaterThan(0);
      expect(c?.promotions).toBeGreaterThanOrEqual(1);
      expect(c?.rollbacks).toBeGreaterThanOrEqual(1);
      for (const b of r.rollbacks) {
        expect(b.test?.pValue).toBeLessThan(0.05);
        expect(b.test?.n).toBeGreaterThanOrEqual(40);
      }
    });

    // measured: 7 challengers promoted for the transient concept (bars 686–763), S016's
    // (742) rolled back at 893; over seeds 1–5, 10 of 13 rollbacks are of this kind
    it('the transient concept causes a rollback: a challenger promoted for it (bars 600–850) is rolled back after the flip back', async () => {
      const r = await lifecycleEvents(out);
      expect(
        r.rollbacks.some(
          (b) =>
            (b.promotedBar ?? -1) >= 600 &&
            (b.promotedBar ?? -1) < 850 &&
            (b.rolledBackBar ?? -1) >= 850,
        ),
      ).toBe(true);
    });

    it('every rollback is a probation failure that restores the version the rolled-back one replaced', async () => {
      const file = join(out, 'run.duckdb');
      const tr = await queryFile(
        file,
        `SELECT count(*) AS n FROM transitions WHERE to_state = 'rollback' AND event = 'probation.failed'`,
      );
      const restored = await queryFile(
        file,
        `SELECT r.version AS restored, m.parent_version AS parent FROM version_events r JOIN version_events o ON o.symbol = r.symbol AND o.ts = r.ts AND o.event = 'retired' AND o.detail LIKE 'rolled back%' JOIN model_versions m ON m.symbol = o.symbol AND m.version = o.version WHERE r.event = 'restored'`,
      );
      expect(Number(tr[0]?.n)).toBe(restored.length);
      for (const x of restored) expect(x.restored).toBe(x.parent);
    });

    it('every challenger follows a drift detection, and every promotion a passed test', async () => {
      const file = join(out, 'run.duckdb');
      const [orphans] = await queryFile(
        file,
        `SELECT count(*) AS n FROM version_events c WHERE c.event = 'created' AND c.detail <> 'initial' AND NOT EXISTS (SELECT 1 FROM drift_events d WHERE d.symbol = c.symbol AND d.kind = 'drift' AND d.ts <= c.ts)`,
      );
      expect(orphans?.n).toBe('0');
      const [bad] = await queryFile(
        file,
        `SELECT count(*) AS n FROM ab_tests WHERE decision = 'promote' AND NOT (p_value < 0.05 AND n >= 40)`,
      );
      expect(bad?.n).toBe('0');
    });
  });

  describe.runIf(FULL)('Q6 stress-1000 (npm run test:library only)', { timeout: 1_800_000 }, () => {
    it('runs 1,000 symbols × 2,000 bars on two shards to completion and reports the throughput', async () => {
      const started = Date.now();
      const out = run('stress-1000', [], ['--shards', '2']);
      const seconds = (Date.now() - started) / 1000;
      const [r] = await queryFile(
        join(out, 'run.duckdb'),
        `SELECT status, bars, (SELECT count(DISTINCT symbol) FROM equity) AS symbols FROM runs`,
      );
      expect(r).toEqual({ status: 'complete', bars: '2000000', symbols: '1000' });
      console.log(
        `library: stress-1000 ${seconds.toFixed(1)} s wall, ${Math.round(2_000_000 / seconds).toLocaleString('en')} bars/s`,
      );
    }, 1_800_000);
  });
});
