/**
 * Hand benchmark (not a test): rows per second through the real `Recorder` into a DuckDB file on
 * disk, for predictions-shaped rows, equity-shaped rows and the mix of a real run (3 predictions
 * and 4 equity rows per symbol and bar). Each case writes ROWS rows `REPEATS` times into a fresh
 * file; `write` is the time of the `write()` calls (chunk appends and the 1,000,000-row flushes
 * included), `total` adds `finish()` (last flush, the runs row update, CHECKPOINT, close).
 * Prints a table and writes reports/bench-recorder.json.
 *
 * Run: npx tsx bench/recorder.ts [rows] [repeats]     (default 2,000,000 rows, 3 repeats)
 *      FLUSH_ROWS=250000 npx tsx bench/recorder.ts   (another flush threshold)
 * The load average is recorded too: on a shared 2-core machine the figures move by ±30%.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochMs, OutcomeEvent } from '../src/core/index.ts';
import { Recorder, type RunInfo } from '../src/store/index.ts';

const ROWS = Number(process.argv[2] ?? 2_000_000);
const REPEATS = Number(process.argv[3] ?? 3);
const SYMBOLS = Array.from({ length: 100 }, (_, i) => `S${String(i).padStart(3, '0')}`);
const ROLES = ['champion', 'frozen', 'naive'] as const;
const STRATEGIES = ['model', 'buy_and_hold', 'frozen', 'naive'] as const;
const DAY = 86_400_000;
const POOL = 8192;

const run: RunInfo = {
  runId: 'bench',
  scenario: 'bench-recorder',
  seed: 1,
  startedAtMs: 0,
  backend: 'js',
  config: {},
  data: 'synthetic',
  symbols: SYMBOLS,
  version: 'bench',
  dictionaries: {
    symbol: SYMBOLS,
    role: [...ROLES, 'challenger', 'previous'],
    strategy: [...STRATEGIES],
    variant: ['model'],
  },
};

/** Events are made before the clock starts (the engine makes them anyway); the pool is cycled. */
function predictions(): OutcomeEvent[] {
  return Array.from({ length: POOL }, (_, i): OutcomeEvent => {
    const bar = Math.floor(i / (SYMBOLS.length * 3));
    return {
      type: 'prediction',
      variant: 'model',
      symbol: SYMBOLS[Math.floor(i / 3) % SYMBOLS.length] as string,
      ts: (bar * DAY) as EpochMs,
      horizonTs: i % 97 === 0 ? null : (((bar + 1) * DAY) as EpochMs),
      role: ROLES[i % 3] as (typeof ROLES)[number],
      modelVersion: 1 + (i % 5),
      score: (i % 1000) / 1000,
      label: i % 97 === 0 ? null : i % 2,
      loss: i % 97 === 0 ? null : 0.5 + (i % 13) / 100,
    };
  });
}

function equity(): OutcomeEvent[] {
  return Array.from(
    { length: POOL },
    (_, i): OutcomeEvent => ({
      type: 'equity',
      symbol: SYMBOLS[Math.floor(i / 4) % SYMBOLS.length] as string,
      ts: (Math.floor(i / (SYMBOLS.length * 4)) * DAY) as EpochMs,
      strategy: STRATEGIES[i % 4] as string,
      position: (i % 3) - 1,
      pnl: ((i % 21) - 10) / 1000,
      equity: 1 + (i % 100) / 1000,
      cost: i % 7 === 0 ? 0.0001 : 0,
      turnover: i % 7 === 0 ? 1 : 0,
    }),
  );
}

/** 3 predictions then 4 equity rows per symbol and bar, as a replay records them. */
function mixed(): OutcomeEvent[] {
  const p = predictions();
  const e = equity();
  const out: OutcomeEvent[] = [];
  for (let k = 0; out.length < POOL; k++)
    out.push(...p.slice(3 * k, 3 * k + 3), ...e.slice(4 * k, 4 * k + 4));
  return out.slice(0, POOL);
}

interface Timing {
  writeS: number;
  totalS: number;
  fileMB: number;
}

async function once(events: readonly OutcomeEvent[], dir: string): Promise<Timing> {
  const file = join(dir, `bench-${process.hrtime.bigint()}.duckdb`);
  const t0 = performance.now();
  const rec = await Recorder.open(
    file,
    run,
    process.env['FLUSH_ROWS'] === undefined
      ? {}
      : { flushEveryRows: Number(process.env['FLUSH_ROWS']) },
  );
  const t1 = performance.now();
  for (let i = 0; i < ROWS; i++) rec.write(events[i % POOL] as OutcomeEvent);
  const t2 = performance.now();
  await rec.finish('complete', { bars: ROWS, rejects: 0, finishedAtMs: 0 });
  const t3 = performance.now();
  const fileMB = statSync(file).size / 1e6;
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  return { writeS: (t2 - t1) / 1000, totalS: (t3 - t0) / 1000, fileMB };
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const dir = mkdtempSync(join(tmpdir(), 'livemodel-bench-'));
const cases = { predictions: predictions(), equity: equity(), mixed: mixed() };
const results: Record<string, unknown> = {};
console.log(
  `recorder: ${ROWS.toLocaleString('en-US')} rows × ${REPEATS} per case into ${dir} (${cpus().length} × ${cpus()[0]?.model ?? 'cpu'})`,
);
console.log('case          write rows/s   total rows/s   (best; median write / total)   file MB');
await once(cases.predictions, dir); // warm-up: DuckDB and the JIT
for (const [name, events] of Object.entries(cases)) {
  const runs: Timing[] = [];
  for (let r = 0; r < REPEATS; r++) runs.push(await once(events, dir));
  const write = runs.map((t) => ROWS / t.writeS);
  const total = runs.map((t) => ROWS / t.totalS);
  results[name] = {
    rows: ROWS,
    repeats: REPEATS,
    write_rows_per_s: { best: Math.round(Math.max(...write)), median: Math.round(median(write)) },
    total_rows_per_s: { best: Math.round(Math.max(...total)), median: Math.round(median(total)) },
    seconds: runs.map((t) => ({
      write: Number(t.writeS.toFixed(3)),
      total: Number(t.totalS.toFixed(3)),
    })),
    file_mb: Number((runs[0]?.fileMB ?? 0).toFixed(1)),
  };
  const f = (x: number) => Math.round(x).toLocaleString('en-US').padStart(12);
  console.log(
    `${name.padEnd(12)} ${f(Math.max(...write))}   ${f(Math.max(...total))}   (${f(median(write)).trim()} / ${f(median(total)).trim()})   ${(runs[0]?.fileMB ?? 0).toFixed(1)}`,
  );
}
rmSync(dir, { recursive: true, force: true });
mkdirSync('reports', { recursive: true });
const out = {
  bench: 'recorder',
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  target_rows_per_s: 1_000_000,
  load_average_1m: Number((loadavg()[0] ?? 0).toFixed(2)),
  flush_every_rows:
    process.env['FLUSH_ROWS'] === undefined ? 1_000_000 : Number(process.env['FLUSH_ROWS']),
  note: 'write = Recorder.write() calls incl. data-chunk appends and 1M-row flushes (FLUSH_ROWS=n changes it); total adds open and finish (final flush, runs update, CHECKPOINT, close). File on disk in the OS temp folder.',
  results,
};
writeFileSync(join('reports', 'bench-recorder.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log('written: reports/bench-recorder.json');
