/**
 * Size and power of the promotion tests, by simulation through the project's own code
 * (`PairedLossTest`, the class the lifecycle driver runs). Loss differentials are drawn under
 * the null (mean 0) and under alternatives (mean δ·sd) from four processes: iid normal, iid
 * t(3), MA(h − 1) (the overlap of h-bar labels) and AR(1) with φ = 0.3. Every series has unit
 * variance, so δ is the standardised effect mean(d)/sd(d).
 *
 * - `dm`: one decision at n = minSamples (30, 60, 100); size = P(promote | null).
 * - `sprt`: the e-process watched after every label from minSamples = 30 to maxSamples = 500;
 *   size = P(ever promote | null), power = P(promote by 500), with the median labels used.
 * - family-wise: one symbol runs 20 successive null tests at α·6/(π²k²); size = P(any promotion).
 *
 * The seeded suite in test/lifecycle/calibration.test.ts runs the same cells at fewer
 * replications and asserts size ≤ α + 3 standard errors and the power documented here.
 *
 * @example
 *   npx tsx scripts/calibrate-tests.ts                # 10,000 replications per cell, markdown table
 *   npx tsx scripts/calibrate-tests.ts --reps 2000 --json
 *   npx tsx scripts/calibrate-tests.ts --reference   # also the size of the old and the textbook DM
 */
import { createRandom, normalCdf, type Random } from '../src/core/index.ts';
import {
  DEFAULT_PAIRED_TEST,
  hlnFactor,
  PairedLossTest,
  type PairedTestConfig,
  spentAlpha,
  studentTSurvival,
} from '../src/lifecycle/index.ts';

export type Process = 'normal' | 't3' | 'ma' | 'ar1';

/** One cell of the table: a method, a process, a horizon, a sample size and an effect. */
export interface Cell {
  readonly method: 'dm' | 'sprt' | 'dm-familywise' | 'sprt-familywise';
  readonly process: Process;
  readonly h: number;
  /** `dm`: the decision's sample size; `sprt`: maxSamples. */
  readonly n: number;
  /** Standardised effect δ (0: the null). */
  readonly delta: number;
}

export interface CellResult extends Cell {
  readonly reps: number;
  /** Share of replications that promoted. */
  readonly rate: number;
  /** Its Monte Carlo standard error. */
  readonly se: number;
  /** `sprt`: median labels at promotion (null when none promoted). */
  readonly medianLabels: number | null;
}

export const ALPHA = 0.05;
const PHI = 0.3;
const FAMILY_TESTS = 20;

/**
 * n loss differentials with unit variance and mean δ: iid N(0,1); iid t(3)/√3; MA(h − 1) as the
 * sum of h consecutive N(0,1) over √h; stationary AR(1) with φ = 0.3 scaled by √(1 − φ²).
 */
export function differentials(
  rng: Random,
  process: Process,
  n: number,
  h: number,
  delta: number,
): Float64Array {
  const d = new Float64Array(n);
  if (process === 'normal') for (let i = 0; i < n; i++) d[i] = rng.normal();
  else if (process === 't3') {
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      const chi = rng.normal() ** 2 + rng.normal() ** 2 + rng.normal() ** 2;
      d[i] = z / Math.sqrt(chi / 3) / Math.sqrt(3);
    }
  } else if (process === 'ma') {
    const e = new Float64Array(n + h - 1);
    for (let i = 0; i < e.length; i++) e[i] = rng.normal();
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < h; k++) s += e[i + k] as number;
      d[i] = s / Math.sqrt(h);
    }
  } else {
    let x = rng.normal() / Math.sqrt(1 - PHI * PHI);
    for (let i = 0; i < n; i++) {
      d[i] = x * Math.sqrt(1 - PHI * PHI);
      x = PHI * x + rng.normal();
    }
  }
  for (let i = 0; i < n; i++) d[i] = (d[i] as number) + delta;
  return d;
}

function testConfig(method: 'dm' | 'sprt', n: number): PairedTestConfig {
  return method === 'dm'
    ? { ...DEFAULT_PAIRED_TEST, method, minSamples: n, maxSamples: n }
    : { ...DEFAULT_PAIRED_TEST, method, minSamples: 30, maxSamples: n };
}

/** Runs one test over `d`; returns the labels used when it promoted, else null. */
function promotesAt(
  d: Float64Array,
  method: 'dm' | 'sprt',
  n: number,
  h: number,
  level: number,
): number | null {
  const t = new PairedLossTest(testConfig(method, n), { horizon: h, level });
  for (let i = 0; i < d.length; i++) {
    t.add(1 + (d[i] as number), 1);
    const decision = t.result().decision;
    if (decision === 'promote') return i + 1;
    if (decision === 'reject') return null;
  }
  return null;
}

/** Simulates one cell with its own seeded stream (cells are independent of each other's order). */
export function runCell(cell: Cell, reps: number, seed: number): CellResult {
  const rng = createRandom(seed).fork(
    `${cell.method}/${cell.process}/${cell.h}/${cell.n}/${cell.delta}`,
  );
  const base = cell.method.startsWith('dm') ? 'dm' : 'sprt';
  const familywise = cell.method.endsWith('familywise');
  let hits = 0;
  const labels: number[] = [];
  for (let r = 0; r < reps; r++) {
    if (!familywise) {
      const at = promotesAt(
        differentials(rng, cell.process, cell.n, cell.h, cell.delta),
        base,
        cell.n,
        cell.h,
        ALPHA,
      );
      if (at !== null) {
        hits++;
        labels.push(at);
      }
      continue;
    }
    for (let k = 1; k <= FAMILY_TESTS; k++) {
      const d = differentials(rng, cell.process, cell.n, cell.h, cell.delta);
      if (promotesAt(d, base, cell.n, cell.h, spentAlpha(ALPHA, k)) !== null) {
        hits++;
        break;
      }
    }
  }
  labels.sort((a, b) => a - b);
  const rate = hits / reps;
  return {
    ...cell,
    reps,
    rate,
    se: Math.sqrt((Math.max(rate, ALPHA) * (1 - Math.max(rate, ALPHA))) / reps),
    medianLabels: labels.length === 0 ? null : (labels[Math.floor(labels.length / 2)] as number),
  };
}

const NULLS: readonly (readonly [Process, number])[] = [
  ['normal', 1],
  ['t3', 1],
  ['ar1', 1],
  ['normal', 5],
  ['t3', 5],
  ['ma', 5],
  ['ar1', 5],
];

/**
 * Reference recipes the lifecycle does not use, measured on the same draws to show why:
 * `old` is what livemodel shipped before (sample variance, normal p-value, no HLN);
 * `nw-hln-t` is the textbook recipe: Newey–West (Bartlett) variance with h − 1 lags, the HLN
 * factor and t(n − 1).
 */
export function referencePValue(d: Float64Array, n: number, h: number, recipe: 'old' | 'nw-hln-t'): number {
  let mean = 0;
  for (let t = 0; t < n; t++) mean += d[t] as number;
  mean /= n;
  const gamma = (j: number): number => {
    let g = 0;
    for (let t = j; t < n; t++) g += ((d[t] as number) - mean) * ((d[t - j] as number) - mean);
    return g / n;
  };
  if (recipe === 'old') {
    const s = mean / Math.sqrt((gamma(0) * n) / (n - 1) / n);
    return 1 - normalCdf(s);
  }
  let lrv = gamma(0);
  for (let j = 1; j <= h - 1; j++) lrv += 2 * (1 - j / h) * gamma(j);
  return studentTSurvival((mean / Math.sqrt(lrv / n)) * hlnFactor(n, h), n - 1);
}

/** Size of a reference recipe under one process (not asserted: they are known to fail). */
export function runReferenceCell(
  recipe: 'old' | 'nw-hln-t',
  process: Process,
  h: number,
  n: number,
  reps: number,
  seed: number,
): CellResult {
  const rng = createRandom(seed).fork(`${recipe}/${process}/${h}/${n}`);
  let hits = 0;
  for (let r = 0; r < reps; r++)
    if (referencePValue(differentials(rng, process, n, h, 0), n, h, recipe) < ALPHA) hits++;
  const rate = hits / reps;
  return {
    method: recipe as Cell['method'],
    process,
    h,
    n,
    delta: 0,
    reps,
    rate,
    se: Math.sqrt((rate * (1 - rate)) / reps),
    medianLabels: null,
  };
}

/** Every cell of the table. */
export function cells(): Cell[] {
  const out: Cell[] = [];
  for (const [process, h] of NULLS) {
    for (const n of [30, 60, 100]) out.push({ method: 'dm', process, h, n, delta: 0 });
    out.push({ method: 'sprt', process, h, n: 500, delta: 0 });
  }
  for (const [process, h] of [
    ['normal', 1],
    ['ma', 5],
  ] as const) {
    for (const delta of [0.3, 0.5])
      for (const n of [30, 60, 100]) out.push({ method: 'dm', process, h, n, delta });
    for (const delta of [0.1, 0.2, 0.3]) out.push({ method: 'sprt', process, h, n: 500, delta });
  }
  for (const [process, h] of [
    ['normal', 1],
    ['ma', 5],
    ['ar1', 1],
  ] as const) {
    out.push({ method: 'dm-familywise', process, h, n: 30, delta: 0 });
    out.push({ method: 'sprt-familywise', process, h, n: 500, delta: 0 });
  }
  return out;
}

/**
 * Power documented in docs/statistics.md (10,000 replications, seed 1), keyed by
 * `method/process/h/n/delta`; the seeded suite asserts at least this minus 3 standard errors.
 */
export const DOCUMENTED_POWER: ReadonlyMap<string, number> = new Map([
  ['dm/normal/1/30/0.3', 0.3498],
  ['dm/normal/1/60/0.3', 0.6502],
  ['dm/normal/1/100/0.3', 0.8618],
  ['dm/normal/1/30/0.5', 0.6519],
  ['dm/normal/1/60/0.5', 0.9608],
  ['dm/normal/1/100/0.5', 0.9982],
  ['sprt/normal/1/500/0.1', 0.3085],
  ['sprt/normal/1/500/0.2', 0.8887],
  ['sprt/normal/1/500/0.3', 0.9689],
  ['dm/ma/5/30/0.3', 0.1295],
  ['dm/ma/5/60/0.3', 0.231],
  ['dm/ma/5/100/0.3', 0.3407],
  ['dm/ma/5/30/0.5', 0.2196],
  ['dm/ma/5/60/0.5', 0.4517],
  ['dm/ma/5/100/0.5', 0.6559],
  ['sprt/ma/5/500/0.1', 0.0375],
  ['sprt/ma/5/500/0.2', 0.1539],
  ['sprt/ma/5/500/0.3', 0.3901],
]);

export function keyOf(c: Cell): string {
  return `${c.method}/${c.process}/${c.h}/${c.n}/${c.delta}`;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}

/** The markdown table of docs/statistics.md. */
export function toMarkdown(results: readonly CellResult[]): string {
  const lines = [
    '| method | process | h | n | δ | promoted | ± 1 s.e. | median labels |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.method} | ${r.process} | ${r.h} | ${r.n} | ${r.delta} | ${pct(r.rate)} | ${pct(r.se)} | ${r.medianLabels ?? '—'} |`,
    );
  }
  return lines.join('\n');
}

function main(argv: readonly string[]): void {
  const option = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    return i < 0 ? fallback : Number(argv[i + 1]);
  };
  const reps = option('--reps', 10_000);
  const seed = option('--seed', 1);
  const started = Date.now();
  const results = cells().map((c) => runCell(c, reps, seed));
  if (argv.includes('--reference'))
    for (const recipe of ['old', 'nw-hln-t'] as const)
      for (const [process, h] of NULLS)
        for (const n of [30, 100]) results.push(runReferenceCell(recipe, process, h, n, reps, seed));
  if (argv.includes('--json')) console.log(JSON.stringify(results, null, 1));
  else console.log(toMarkdown(results));
  console.error(
    `${results.length} cells × ${reps} replications in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
