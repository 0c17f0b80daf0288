/**
 * Model benchmarks (not a test): `npx tsx bench/models.ts [--quick]`.
 * - online logistic updates per second on one core (target ≥ 1,000,000/s);
 * - LSTM (hidden 32, window 32) and transformer (d 32, 4 heads, window 32): one clock tick for
 *   1,000 symbols = one batched predictMany + one batched learnMany (target ≤ 100 ms), on the
 *   wasm and cpu backends.
 * Prints a table and writes reports/bench-models.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createRandom } from '../src/core/index.ts';
import {
  BankRegistry,
  createModel,
  DEFAULT_LOGISTIC,
  initTfBackend,
  type ModelSpec,
  OnlineLogistic,
  type TfBackendPreference,
} from '../src/models/index.ts';

const quick = process.argv.includes('--quick');
const FEATURES = 6; // ret_1, ret_2, ret_5, ret_10, vol_20, ema_ratio: the default feature pipeline
const SYMBOLS = 1000;

interface Row {
  readonly name: string;
  readonly backend: string;
  readonly value: number;
  readonly unit: string;
  readonly target: string;
  readonly met: boolean;
  readonly detail?: string;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function benchLogistic(): Row {
  const rng = createRandom(1);
  const xs = Array.from({ length: 1024 }, () =>
    Float64Array.from({ length: FEATURES }, () => rng.normal() * 0.01),
  );
  const ys = xs.map((x) => ((x[0] as number) > 0 ? 1 : 0));
  const model = new OnlineLogistic({ ...DEFAULT_LOGISTIC, features: FEATURES });
  const n = quick ? 500_000 : 3_000_000;
  for (let i = 0; i < 200_000; i++)
    model.learn(xs[i & 1023] as Float64Array, ys[i & 1023] as number); // warm-up (JIT)
  const rates: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) model.learn(xs[i & 1023] as Float64Array, ys[i & 1023] as number);
    rates.push(n / ((performance.now() - t0) / 1000));
  }
  const value = median(rates);
  const detail = `${FEATURES} features, adagrad, standardised; median of 3 × ${n.toLocaleString('en-US')} updates`;
  return {
    name: 'online logistic updates',
    backend: 'js',
    value,
    unit: 'updates/s',
    target: '>= 1,000,000',
    met: value >= 1e6,
    detail,
  };
}

function benchNeural(name: string, spec: ModelSpec, backend: string): Row[] {
  const banks = new BankRegistry();
  const models = Array.from({ length: SYMBOLS }, (_, i) =>
    createModel(spec, FEATURES, i, { banks }),
  );
  const window = models[0]?.inputWindow as number;
  const rng = createRandom(2);
  const xs = models.map(() =>
    Float64Array.from({ length: window * FEATURES }, () => rng.normal() * 0.01),
  );
  const ys = models.map(() => (rng.next() < 0.5 ? 1 : 0));
  const kernel = models[0]?.kernel;
  if (kernel === undefined) throw new Error('no models');
  const out = new Float64Array(SYMBOLS);
  const ticks = quick ? 2 : backend === 'cpu' ? 3 : 7;
  const predictMs: number[] = [];
  const learnMs: number[] = [];
  for (let t = -1; t < ticks; t++) {
    const t0 = performance.now();
    kernel.learnMany(models, xs, ys);
    const t1 = performance.now();
    kernel.predictMany(models, xs, out);
    const t2 = performance.now();
    if (t < 0) continue; // warm-up tick
    learnMs.push(t1 - t0);
    predictMs.push(t2 - t1);
  }
  for (const m of models) m.dispose?.();
  const tick = median(predictMs.map((p, i) => p + (learnMs[i] as number)));
  const detail = `predict ${median(predictMs).toFixed(0)} ms + learn ${median(learnMs).toFixed(0)} ms; median of ${ticks} ticks`;
  return [
    { name, backend, value: tick, unit: 'ms/tick', target: '<= 100', met: tick <= 100, detail },
  ];
}

const loadBefore = loadavg()[0] ?? 0;
const rows: Row[] = [benchLogistic()];
const neural: [string, ModelSpec][] = [
  ['LSTM h32 w32, 1000 symbols', { kind: 'lstm', hidden: 32, window: 32 }],
  ['LSTM h32 w32 bptt 8, 1000 symbols', { kind: 'lstm', hidden: 32, window: 32, bpttSteps: 8 }],
  [
    'transformer d32 4h w32, 1000 symbols',
    { kind: 'transformer', dModel: 32, heads: 4, ffDim: 64, window: 32 },
  ],
];
for (const prefer of ['wasm', 'cpu'] as TfBackendPreference[]) {
  const backend = await initTfBackend(prefer);
  for (const [name, spec] of neural) {
    if (backend === 'cpu' && name.includes('bptt 8') && quick) continue;
    rows.push(...benchNeural(name, spec, backend));
    console.error(`done: ${name} on ${backend}`);
  }
}

const fmt = (r: Row) =>
  r.unit === 'updates/s' ? Math.round(r.value).toLocaleString('en-US') : r.value.toFixed(1);
const load = [loadBefore, loadavg()[0] ?? 0].map((v) => v.toFixed(1)).join(' → ');
console.log(
  `\nlivemodel model benchmarks — Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}`,
);
console.log(`1-min load average ${load} (other processes on the machine slow every number)\n`);
console.log(
  [
    'benchmark'.padEnd(40),
    'backend'.padEnd(8),
    'value'.padStart(12),
    'unit'.padEnd(10),
    'target'.padEnd(14),
    'met',
  ].join(' '),
);
for (const r of rows) {
  console.log(
    [
      r.name.padEnd(40),
      r.backend.padEnd(8),
      fmt(r).padStart(12),
      r.unit.padEnd(10),
      r.target.padEnd(14),
      r.met ? 'yes' : 'NO',
    ].join(' '),
  );
  if (r.detail !== undefined) console.log(`${''.padEnd(41)}${r.detail}`);
}
mkdirSync('reports', { recursive: true });
const report = {
  node: process.version,
  cpu: cpus()[0]?.model ?? null,
  cores: cpus().length,
  loadAverage: [loadBefore, loadavg()[0] ?? 0],
  quick,
  rows,
};
writeFileSync('reports/bench-models.json', `${JSON.stringify(report, null, 2)}\n`);
console.log('\nwrote reports/bench-models.json');
