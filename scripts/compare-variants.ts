/**
 * Compares the variants of one run (and its baseline predictors) from its files alone: accuracy,
 * log loss, the portfolio's return, Sharpe and max drawdown (summary.json), lifecycle counts, and a
 * panel Diebold–Mariano test of each predictor's log loss against a reference predictor on the
 * same bars.
 *
 * The panel DM test: the loss differential d = loss(reference) − loss(predictor) is averaged
 * across symbols at each timestamp where both have a label, and the resulting time series goes
 * through `dieboldMariano(series, T, h)` (src/lifecycle: HAC long-run variance by the
 * equal-weighted cosine estimator, Harvey–Leybourne–Newbold factor, Student-t(ν) reference) with
 * h the run's label horizon. Averaging over symbols first keeps the cross-sectional correlation of
 * the symbols' losses (a common factor moves them together) inside each period's mean instead of
 * counting correlated symbols as independent evidence, and the HAC variance covers the serial
 * correlation of overlapping h-bar labels. The statistic is > 0 when the predictor's loss is
 * lower than the reference's; `pValue` is one-sided (H1: lower loss), so |DM| ≳ 2 is about 5 %
 * two-sided once ν is not small.
 *
 * @example
 *   npx tsx scripts/compare-variants.ts reports/eu-online-vs-frozen            # reference: the frozen baseline
 *   npx tsx scripts/compare-variants.ts reports/sp500-drift --ref frozen_policy  # reference: a variant's champion
 *   npx tsx scripts/compare-variants.ts reports/x --json                        # machine-readable
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { dieboldMariano } from '../src/lifecycle/index.ts';

/** One predictor of a run: a variant's champion or a baseline predictor. */
export interface PredictorRow {
  name: string;
  labelled: number;
  accuracy: number;
  logLoss: number;
  totalReturn: number | null;
  sharpe: number | null;
  maxDrawdown: number | null;
  tests: number | null;
  promotions: number | null;
  rollbacks: number | null;
  /** The panel comparison with the reference on the same bars (null for the reference itself). */
  vsRef: PanelComparison | null;
}

/** A predictor's log loss against the reference's on the (symbol, ts) pairs both have labelled. */
export interface PanelComparison {
  /** Mean of loss(reference) − loss(this) over the paired labels (> 0: this one's loss is lower). */
  meanGain: number;
  /** Panel Diebold–Mariano statistic of the per-timestamp mean differential (HAC, HLN, t(df)). */
  dm: number;
  /** One-sided p-value of `dm` (H1: this predictor's expected loss is lower). */
  pValue: number;
  /** Degrees of freedom of the HAC variance (the t reference distribution). */
  df: number;
  /** Paired labels (symbol, ts). */
  n: number;
  /** Timestamps in the DM series (each the mean over the symbols labelled then by both). */
  periods: number;
}

/**
 * The panel DM comparison from the per-timestamp mean differentials `series` (in time order) of
 * `n` paired labels with pooled mean gain `meanGain`, for labels of horizon `h` bars.
 *
 * @example
 * panelComparison([0.01, 0.03, 0.02], 6, 0.02, 1).dm; // > 0: lower loss than the reference
 */
export function panelComparison(
  series: readonly number[],
  n: number,
  meanGain: number,
  h: number,
): PanelComparison | null {
  if (series.length < 2) return null;
  const r = dieboldMariano(series, series.length, h);
  return { meanGain, dm: r.statistic, pValue: r.pValue, df: r.df, n, periods: series.length };
}

interface Summary {
  strategies: Record<
    string,
    {
      portfolio: {
        total_return: number | null;
        sharpe: number | null;
        max_drawdown: number | null;
      };
    }
  >;
  models: Record<string, { lifecycle: { tests: number; promotions: number; rollbacks: number } }>;
}

/** The predictors of the run in `dir` compared with `ref` (a variant name, or `frozen`/`naive` for a baseline predictor). */
export async function compareVariants(
  dir: string,
  ref = 'frozen',
): Promise<{ rows: PredictorRow[]; upShare: number; horizon: number }> {
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
  const instance = await DuckDBInstance.create(join(dir, 'run.duckdb'), {
    access_mode: 'READ_ONLY',
  });
  const con = await instance.connect();
  try {
    // A predictor is (variant, role): champions of every variant, the baselines of the first
    // variant (every variant records its own frozen copy; the first one's is the baseline).
    const first = `coalesce((SELECT config->'variants'->0->>'name' FROM runs LIMIT 1), 'model')`;
    const predictors = `SELECT CASE WHEN role = 'champion' THEN variant::VARCHAR ELSE role::VARCHAR END AS name, symbol, ts, score, label, loss
      FROM predictions WHERE label IS NOT NULL AND (role = 'champion' OR (role IN ('frozen', 'naive') AND variant::VARCHAR = ${first}))`;
    const refName = `'${ref.replaceAll("'", "''")}'`;
    const rows = (
      await con.runAndReadAll(`WITH p AS (${predictors}), r AS (SELECT symbol, ts, loss AS ref_loss FROM p WHERE name = ${refName})
        SELECT p.name, count(*)::DOUBLE AS labelled, avg(((p.score > 0.5) = (p.label = 1))::INT) AS accuracy, avg(p.loss) AS log_loss,
          avg(r.ref_loss - p.loss) AS gain, count(r.ref_loss)::DOUBLE AS n_ref
        FROM p LEFT JOIN r USING (symbol, ts) GROUP BY p.name ORDER BY p.name`)
    ).getRowObjectsJson() as unknown as Record<
      'name' | 'labelled' | 'accuracy' | 'log_loss' | 'gain' | 'n_ref',
      string | number | null
    >[];
    // The panel DM series: per predictor, the differential averaged over symbols at each
    // timestamp where both it and the reference have a label, in time order.
    const series = new Map<string, number[]>();
    const cells = (
      await con.runAndReadAll(`WITH p AS (${predictors}), r AS (SELECT symbol, ts, loss AS ref_loss FROM p WHERE name = ${refName})
        SELECT p.name, avg(r.ref_loss - p.loss) AS d
        FROM p JOIN r USING (symbol, ts) WHERE p.name <> ${refName} GROUP BY p.name, p.ts ORDER BY p.name, p.ts`)
    ).getRowObjectsJson() as unknown as { name: string; d: number }[];
    for (const c of cells) {
      const list = series.get(String(c.name)) ?? [];
      list.push(Number(c.d));
      series.set(String(c.name), list);
    }
    const [run] = (
      await con.runAndReadAll(`SELECT config->>'horizon' AS h FROM runs LIMIT 1`)
    ).getRowObjectsJson() as unknown as { h: string | null }[];
    const horizon = Math.max(1, Number(run?.h ?? 1) || 1);
    const [up] = (
      await con.runAndReadAll(`SELECT avg(label) AS up FROM (${predictors}) WHERE name = ${first}`)
    ).getRowObjectsJson() as unknown as { up: number }[];
    const result = rows.map((r) => {
      const name = String(r.name);
      const s = summary.strategies[name]?.portfolio ?? null;
      const m = summary.models[name]?.lifecycle ?? null;
      return {
        name,
        labelled: Number(r.labelled),
        accuracy: Number(r.accuracy),
        logLoss: Number(r.log_loss),
        totalReturn: s?.total_return ?? null,
        sharpe: s?.sharpe ?? null,
        maxDrawdown: s?.max_drawdown ?? null,
        tests: m?.tests ?? null,
        promotions: m?.promotions ?? null,
        rollbacks: m?.rollbacks ?? null,
        vsRef:
          name === ref
            ? null
            : panelComparison(series.get(name) ?? [], Number(r.n_ref), Number(r.gain), horizon),
      };
    });
    return { rows: result, upShare: Number(up?.up), horizon };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** The rows as an aligned text table. */
export function formatComparison(
  {
    rows,
    upShare,
    horizon = 1,
  }: { rows: readonly PredictorRow[]; upShare: number; horizon?: number },
  ref: string,
): string {
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
  const num = (x: number | null, d = 2) => (x === null ? '—' : x.toFixed(d));
  const head = [
    'predictor',
    'labelled',
    'accuracy',
    'log loss',
    'return',
    'Sharpe',
    'max DD',
    'tests',
    'promoted',
    'rollbacks',
    `loss gain vs ${ref}`,
    'DM',
    'p',
    'periods',
  ];
  const body = rows.map((r) => [
    r.name,
    String(r.labelled),
    pct(r.accuracy),
    num(r.logLoss, 4),
    pct(r.totalReturn),
    num(r.sharpe),
    pct(r.maxDrawdown),
    String(r.tests ?? '—'),
    String(r.promotions ?? '—'),
    String(r.rollbacks ?? '—'),
    r.vsRef === null ? '—' : r.vsRef.meanGain.toFixed(4),
    r.vsRef === null ? '—' : r.vsRef.dm.toFixed(2),
    r.vsRef === null ? '—' : r.vsRef.pValue < 1e-4 ? '<0.0001' : r.vsRef.pValue.toFixed(4),
    r.vsRef === null ? '—' : String(r.vsRef.periods),
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(width[i] as number) : c.padStart(width[i] as number)))
      .join('  ');
  const notes = [
    `labels up: ${pct(upShare)} (the accuracy of always predicting up); a coin's log loss: ${Math.LN2.toFixed(4)}`,
    `DM: panel Diebold–Mariano of loss(${ref}) − loss(predictor) averaged over symbols per timestamp (periods), HAC variance, HLN factor, t tails, h = ${horizon}; > 0 = lower loss; p one-sided`,
  ];
  return [line(head), line(width.map((w) => '-'.repeat(w))), ...body.map(line), ...notes].join(
    '\n',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--ref');
  const refAt = args.indexOf('--ref');
  const ref = refAt >= 0 ? (args[refAt + 1] ?? 'frozen') : 'frozen';
  if (dir === undefined) {
    console.error('usage: npx tsx scripts/compare-variants.ts <run dir> [--ref NAME] [--json]');
    process.exit(2);
  }
  const result = await compareVariants(dir, ref);
  console.log(
    args.includes('--json') ? JSON.stringify(result, null, 2) : formatComparison(result, ref),
  );
}
