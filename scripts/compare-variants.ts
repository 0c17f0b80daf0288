/**
 * Compares the variants of one run (and its baseline predictors) from its files alone: accuracy,
 * log loss, the portfolio's return, Sharpe and max drawdown (summary.json), lifecycle counts, and a
 * paired test of each variant's log loss against a reference predictor on the same bars
 * (Diebold–Mariano statistic, horizon 1: mean loss difference / its standard error; > 0 means the
 * variant's loss is lower than the reference's, ≈ 2 is significant at 5 %).
 *
 * @example
 *   npx tsx scripts/compare-variants.ts reports/eu-online-vs-frozen            # reference: the frozen baseline
 *   npx tsx scripts/compare-variants.ts reports/sp500-drift --ref frozen_policy  # reference: a variant's champion
 *   npx tsx scripts/compare-variants.ts reports/x --json                        # machine-readable
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

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
  /** Paired log-loss difference vs the reference (reference − this), its DM statistic and n. */
  vsRef: { meanGain: number; dm: number; n: number } | null;
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
): Promise<{ rows: PredictorRow[]; upShare: number }> {
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
    const rows = (
      await con.runAndReadAll(`WITH p AS (${predictors}), r AS (SELECT symbol, ts, loss AS ref_loss FROM p WHERE name = '${ref.replaceAll("'", "''")}')
        SELECT p.name, count(*)::DOUBLE AS labelled, avg(((p.score > 0.5) = (p.label = 1))::INT) AS accuracy, avg(p.loss) AS log_loss,
          avg(r.ref_loss - p.loss) AS gain, stddev_samp(r.ref_loss - p.loss) AS sd, count(r.ref_loss)::DOUBLE AS n_ref
        FROM p LEFT JOIN r USING (symbol, ts) GROUP BY p.name ORDER BY p.name`)
    ).getRowObjectsJson() as unknown as Record<
      'name' | 'labelled' | 'accuracy' | 'log_loss' | 'gain' | 'sd' | 'n_ref',
      string | number | null
    >[];
    const [up] = (
      await con.runAndReadAll(`SELECT avg(label) AS up FROM (${predictors}) WHERE name = ${first}`)
    ).getRowObjectsJson() as unknown as { up: number }[];
    const result = rows.map((r) => {
      const name = String(r.name);
      const s = summary.strategies[name]?.portfolio ?? null;
      const m = summary.models[name]?.lifecycle ?? null;
      const n = Number(r.n_ref);
      const sd = Number(r.sd);
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
          n > 1 && name !== ref
            ? { meanGain: Number(r.gain), dm: sd > 0 ? Number(r.gain) / (sd / Math.sqrt(n)) : 0, n }
            : null,
      };
    });
    return { rows: result, upShare: Number(up?.up) };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** The rows as an aligned text table. */
export function formatComparison(
  { rows, upShare }: { rows: readonly PredictorRow[]; upShare: number },
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
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(width[i] as number) : c.padStart(width[i] as number)))
      .join('  ');
  const note = `labels up: ${pct(upShare)} (the accuracy of always predicting up); a coin's log loss: ${Math.LN2.toFixed(4)}`;
  return [line(head), line(width.map((w) => '-'.repeat(w))), ...body.map(line), note].join('\n');
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
