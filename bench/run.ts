/**
 * `npm run bench`: the harness's speed, measured in one run (each part in its own child process,
 * so peak memory is per part). Writes reports/bench.json (the latest figures, plus the history of
 * earlier runs so regressions show; bench/history/ keeps committed records) and prints a table.
 * Not part of `npm test`.
 *
 *   npm run bench                  # full: 1,000 symbols × 10,000 bars sharded, ~10 minutes
 *   npm run bench -- --quick       # smaller sizes, ~1 minute (figures not comparable with the full
 *                                  # run; no memory figures)
 *   npm run bench -- --memory-only # only the memory figures (bench/memory-figures.ts), merged into
 *                                  # the figures of reports/bench.json, ~10 minutes
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MemoryFigures, measureMemoryFigures } from './memory-figures.ts';

const root = join(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const memoryOnly = process.argv.includes('--memory-only');
const S = 1000;
const size = quick
  ? { bare: 500, single: 500, small: 500, big: 2000, many: 50, live: 8 }
  : { bare: 2000, single: 2000, small: 1000, big: 10_000, many: 200, live: 20 };

// biome-ignore lint/suspicious/noExplicitAny: each child prints its own JSON shape
function child(script: string, ...args: (string | number)[]): any {
  const started = Date.now();
  process.stderr.write(`bench: ${script} ${args.join(' ')} … `);
  // A fixed old-space limit, so peak RSS shows what a run needs rather than how lazily V8 collects.
  const out = execFileSync(
    process.execPath,
    [
      '--max-old-space-size=512',
      '--import',
      'tsx',
      join(root, 'bench', script),
      ...args.map(String),
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  process.stderr.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return JSON.parse(out.trim().split('\n').at(-1) as string);
}

const file = join(root, 'reports', 'bench.json');
mkdirSync(join(root, 'reports'), { recursive: true });
const machine = `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}`;

if (memoryOnly) {
  const memory = await measureMemoryFigures();
  // The other figures stay as they were; only the memory figures and their details change.
  const json = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {};
  const { details: memoryDetails, ...memoryFigures } = memory;
  const details = {
    ...((json['details'] as object | undefined) ?? {}),
    memory: { when: new Date().toISOString(), machine, ...memoryDetails },
  };
  const figures = { ...((json['figures'] as object | undefined) ?? {}), ...memoryFigures };
  writeFileSync(file, `${JSON.stringify({ ...json, ...figures, figures, details }, null, 2)}\n`);
  printMemory(memory);
  console.log(`\nwritten: ${file}`);
  process.exit(0);
}

function printMemory(m: MemoryFigures): void {
  for (const [name, value, target] of [
    ['peak RSS, CSV 1,000 × 2,000 run (MB)', m.csv_1000x2000_peak_rss_mb, '< 800'],
    ['peak RSS, report of 10 M bars (MB)', m.report_10m_peak_rss_mb, '< 1,500'],
  ] as const)
    console.log(`${name.padEnd(46)} ${String(value).padStart(12)}  ${target}`);
}

const load0 = loadavg()[0] ?? 0;
const bare = child('bare-loop.ts', S, size.bare);
const single = child('replay-child.ts', S, size.single, 1);
const small = child('replay-child.ts', S, size.small, 2);
// The full run keeps its big run for the report memory figure.
const bigRun = quick ? undefined : mkdtempSync(join(tmpdir(), 'livemodel-bench-big-'));
const big = child('replay-child.ts', S, size.big, 2, ...(bigRun === undefined ? [] : [bigRun]));
const many = child('replay-child.ts', 10_000, size.many, 2);
const lstm = child('neural-child.ts', 'lstm', S);
const lstmStateful = child('neural-child.ts', 'lstm-stateful', S);
if (!Number.isFinite(lstmStateful.ms_per_tick))
  throw new Error(`lstm-stateful: no ms_per_tick in ${JSON.stringify(lstmStateful)}`);
const transformer = child('neural-child.ts', 'transformer', S);
const recorder = child('recorder-child.ts', quick ? 500_000 : 1_000_000);
const live = child('live-child.ts', S, 10_000, size.live);
let memory: MemoryFigures | null = null;
if (bigRun !== undefined) {
  try {
    memory = await measureMemoryFigures(bigRun);
  } finally {
    rmSync(bigRun, { recursive: true, force: true });
  }
}
const load1 = loadavg()[0] ?? 0;

const figures = {
  replay_ticks_per_s: Math.round(big.ticks_per_s),
  bare_loop_ticks_per_s: Math.round(bare.ticks_per_s),
  overhead_ratio: Number((bare.ticks_per_s / single.ticks_per_s).toFixed(2)),
  peak_rss_mb: Math.round(big.peak_rss_mb),
  tick_latency_p99_us: Math.round(single.latency.p99_us),
  lstm_ms_per_tick_1000: Math.round(lstm.ms_per_tick),
  lstm_stateful_ms_per_tick_1000: Math.round(lstmStateful.ms_per_tick),
  transformer_ms_per_tick_1000: Math.round(transformer.ms_per_tick),
  duckdb_rows_per_s: Math.round(recorder.rows_per_s),
  live_p99_ms: live.p99_ms,
  symbols_max_run: many.symbols,
  csv_1000x2000_peak_rss_mb: memory?.csv_1000x2000_peak_rss_mb ?? null,
  report_10m_peak_rss_mb: memory?.report_10m_peak_rss_mb ?? null,
};
const details = {
  when: new Date().toISOString(),
  quick,
  machine,
  load_average: [Number(load0.toFixed(2)), Number(load1.toFixed(2))],
  single_thread: {
    ticks: single.ticks,
    ticks_per_s: Math.round(single.ticks_per_s),
    latency_us: single.latency,
    peak_rss_mb: Math.round(single.peak_rss_mb),
  },
  sharded_small: {
    ticks: small.ticks,
    ticks_per_s: Math.round(small.ticks_per_s),
    peak_rss_mb: Math.round(small.peak_rss_mb),
  },
  sharded_big: {
    ticks: big.ticks,
    ticks_per_s: Math.round(big.ticks_per_s),
    peak_rss_mb: Math.round(big.peak_rss_mb),
  },
  memory_per_symbol_kb: Math.round((single.peak_rss_mb * 1024) / S),
  ten_thousand_symbols: {
    ticks: many.ticks,
    ticks_per_s: Math.round(many.ticks_per_s),
    peak_rss_mb: Math.round(many.peak_rss_mb),
  },
  bare_loop: { ticks: bare.ticks, ticks_per_s: Math.round(bare.ticks_per_s) },
  neural: { lstm, lstm_stateful: lstmStateful, transformer },
  live,
  memory: memory?.details ?? null,
};

// The previous run: reports/bench.json when there is one, else the newest committed record in
// bench/history/ (so a fresh clone still compares against the figures in the README).
const historyDir = join(root, 'bench', 'history');
const committed = existsSync(historyDir)
  ? readdirSync(historyDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
const previousFile = existsSync(file)
  ? file
  : committed.length > 0
    ? join(historyDir, committed.at(-1) as string)
    : null;
const previous =
  previousFile === null
    ? null
    : (JSON.parse(readFileSync(previousFile, 'utf8')) as {
        history?: unknown[];
        figures?: unknown;
        details?: { when?: string; quick?: boolean };
      });
const history = [
  ...(previous?.history ?? []),
  ...(previous?.figures
    ? [
        {
          when: previous.details?.when,
          quick: previous.details?.quick,
          ...(previous.figures as object),
        },
      ]
    : []),
];
writeFileSync(file, `${JSON.stringify({ ...figures, figures, details, history }, null, 2)}\n`);

const rows: [string, string, string][] = [
  [
    'replay, 1,000 symbols, 2 shards (ticks/s)',
    figures.replay_ticks_per_s.toLocaleString('en'),
    '≥ 300,000',
  ],
  [
    'bare loop, same math, 1 thread (ticks/s)',
    figures.bare_loop_ticks_per_s.toLocaleString('en'),
    '',
  ],
  ['harness overhead (bare ÷ harness, 1 thread)', `${figures.overhead_ratio}×`, '≤ 3×'],
  ['tick latency p99, 1,000 symbols (µs)', figures.tick_latency_p99_us.toLocaleString('en'), ''],
  [
    'peak RSS, big run (MB)',
    String(figures.peak_rss_mb),
    `flat: ${Math.round(small.peak_rss_mb)} MB at ${(small.ticks / 1e6).toFixed(0)}M ticks`,
  ],
  ['LSTM h32 w32, 1,000 symbols (ms/tick)', String(figures.lstm_ms_per_tick_1000), '≤ 100'],
  [
    'stateful LSTM h32, 1,000 symbols (ms/tick)',
    `${figures.lstm_stateful_ms_per_tick_1000} (CPU ${Math.round(lstmStateful.cpu_ms_per_tick)})`,
    '≤ 20',
  ],
  ['transformer d32, 1,000 symbols (ms/tick)', String(figures.transformer_ms_per_tick_1000), ''],
  ['DuckDB recording (rows/s)', figures.duckdb_rows_per_s.toLocaleString('en'), '≥ 1,000,000'],
  ['live tick-to-decision p99 (ms)', String(figures.live_p99_ms), '≤ 2'],
  ['symbols in one run', figures.symbols_max_run.toLocaleString('en'), '10,000'],
];
console.log(
  `\nlivemodel benchmark${quick ? ' (quick)' : ''} — ${details.machine}, load ${details.load_average.join(' → ')}\n`,
);
for (const [name, value, target] of rows)
  console.log(`${name.padEnd(46)} ${value.padStart(12)}  ${target}`);
if (memory !== null) printMemory(memory);
console.log(`\nwritten: ${file}`);
