/**
 * Runs one scenario with several seeds and prints, per predictor (variant champion or baseline),
 * the mean and range over seeds of accuracy, log loss, Sharpe and the panel Diebold–Mariano
 * statistic of its log loss against a reference predictor (scripts/compare-variants.ts: the
 * differential averaged over symbols per timestamp, HAC variance, HLN factor, t tails, the run's
 * horizon), promotions and rollbacks. For scenarios whose
 * answer could hinge on one seed: neural initial weights, KSWIN sampling, a synthetic market.
 *
 * @example
 *   npx tsx scripts/seed-spread.ts scenarios/msft-model-zoo.yaml --seeds 1,2,3,4,5 --ref logistic --out reports/msft-seeds
 *   npx tsx scripts/seed-spread.ts scenarios/x.yaml --seeds 1,2 --set data.synthetic.bars=1000
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { compareVariants, type PredictorRow } from './compare-variants.ts';

const BIN = resolve(import.meta.dirname, '../bin/livemodel-dev.js');

/** Mean, min and max of the finite values. */
function spread(xs: readonly (number | null)[]): { mean: number; min: number; max: number } | null {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return null;
  return {
    mean: v.reduce((a, b) => a + b, 0) / v.length,
    min: Math.min(...v),
    max: Math.max(...v),
  };
}

/** Runs `scenario` once per seed into `out/seed-N` and returns each run's comparison. */
export function runSeeds(
  scenario: string,
  seeds: readonly number[],
  out: string,
  extra: readonly string[] = [],
): string[] {
  return seeds.map((seed) => {
    const dir = join(out, `seed-${seed}`);
    const started = Date.now();
    const r = spawnSync(
      process.execPath,
      [BIN, 'run', scenario, '--seed', String(seed), '--out', dir, '--quiet', ...extra],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (r.status !== 0) throw new Error(`seed ${seed}: livemodel run exited with ${r.status}`);
    console.error(`seed ${seed}: ${((Date.now() - started) / 1000).toFixed(1)} s → ${dir}`);
    return dir;
  });
}

/** Per predictor: the spread over runs of accuracy, log loss, Sharpe and DM vs the reference. */
export async function seedSpread(dirs: readonly string[], ref: string) {
  const runs = await Promise.all(dirs.map((d) => compareVariants(d, ref)));
  const names = [...new Set(runs.flatMap((r) => r.rows.map((x) => x.name)))];
  const pick = (name: string, f: (r: PredictorRow) => number | null) =>
    spread(
      runs
        .map((r) => r.rows.find((x) => x.name === name))
        .map((x) => (x === undefined ? null : f(x))),
    );
  return names.map((name) => ({
    name,
    accuracy: pick(name, (r) => r.accuracy),
    logLoss: pick(name, (r) => r.logLoss),
    sharpe: pick(name, (r) => r.sharpe),
    dm: pick(name, (r) => r.vsRef?.dm ?? null),
    promotions: pick(name, (r) => r.promotions),
    rollbacks: pick(name, (r) => r.rollbacks),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const value = (flag: string, fallback: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
  };
  const scenario = args[0];
  if (scenario === undefined || scenario.startsWith('--')) {
    console.error(
      'usage: npx tsx scripts/seed-spread.ts <scenario.yaml> [--seeds 1,2,3] [--ref NAME] [--out DIR] [--set path=value]…',
    );
    process.exit(2);
  }
  const seeds = value('--seeds', '1,2,3,4,5').split(',').map(Number);
  const out = value('--out', join('reports', 'seeds'));
  const sets = args.flatMap((a, i) => (a === '--set' ? ['--set', args[i + 1] as string] : []));
  const rows = await seedSpread(runSeeds(scenario, seeds, out, sets), value('--ref', 'frozen'));
  const f = (s: { mean: number; min: number; max: number } | null, d: number, pct = false) =>
    s === null
      ? '—'
      : pct
        ? `${(100 * s.mean).toFixed(1)}% [${(100 * s.min).toFixed(1)}, ${(100 * s.max).toFixed(1)}]`
        : `${s.mean.toFixed(d)} [${s.min.toFixed(d)}, ${s.max.toFixed(d)}]`;
  console.log(
    `${seeds.length} seeds (${seeds.join(', ')}); mean [min, max]; DM vs ${value('--ref', 'frozen')}`,
  );
  for (const r of rows)
    console.log(
      `${r.name.padEnd(16)} accuracy ${f(r.accuracy, 3, true)}  log loss ${f(r.logLoss, 4)}  Sharpe ${f(r.sharpe, 2)}  DM ${f(r.dm, 2)}  promotions ${f(r.promotions, 1)}  rollbacks ${f(r.rollbacks, 1)}`,
    );
}
