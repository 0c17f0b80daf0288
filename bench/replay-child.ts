/**
 * One measured replay of bench/bench-replay.yaml (run as a child process by bench/run.ts, so its
 * peak RSS is its own): `tsx bench/replay-child.ts SYMBOLS BARS SHARDS`. Prints one JSON line:
 * ticks (symbol-bars), seconds, ticks per second, peak RSS, what the run file recorded (distinct
 * symbols in `predictions`, checked against symbols × bars: bench/recorded-run.ts), and —
 * single-threaded — the V8 heap after a full GC at the end of the replay (actors alive; needs
 * --expose-gc) and the latency of each clock tick (all symbols at one timestamp) from a replay
 * loop timed around engine.onSlice. The recorder runs in LIVEMODEL_RECORDER's mode (default:
 * store's DEFAULT_RECORDER_MODE), in each shard too.
 * A fourth argument, a folder, keeps the run there (DIR/run.duckdb) for a report to be measured.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replay } from '../src/clock/index.ts';
import { createReplayClock, Engine } from '../src/engine/index.ts';
import { openSource } from '../src/feeds/index.ts';
import { executeSharded, planRun, runInfoOf } from '../src/runner/index.ts';
import { openRecorder, recorderModeOf } from '../src/store/index.ts';
import { readRecordedRun } from './recorded-run.ts';
import { mainThreadCpuSeconds } from './thread-cpu.ts';

const [symbols = 1000, bars = 1000, shards = 1] = process.argv.slice(2, 5).map(Number);
const keep = process.argv[5];
const plan = await planRun({
  scenario: join(import.meta.dirname, 'bench-replay.yaml'),
  set: [
    ['data.synthetic.symbols', String(symbols)],
    ['data.synthetic.bars', String(bars)],
  ],
});
const dir = keep ?? mkdtempSync(join(tmpdir(), 'livemodel-bench-'));
const file = join(dir, 'run.duckdb');
const t0 = performance.now();
const cpu0 = mainThreadCpuSeconds();
let ticks = 0;
let heapMb: number | null = null;
let latency: {
  p50_us: number;
  p99_us: number;
  max_us: number;
  ticks: number;
  sum_s: number;
} | null = null;
if (shards > 1) {
  const r = await executeSharded(plan, { file, outDir: dir, runId: randomUUID(), shards });
  ticks = r.bars;
} else {
  const source = await openSource(plan.data, { baseDir: plan.baseDir, seed: plan.scenario.seed });
  const recorder = await openRecorder(
    file,
    runInfoOf(plan, randomUUID(), source.symbols, source.name),
  );
  const clock = createReplayClock();
  const engine = new Engine(plan.config, clock, recorder);
  const times: number[] = [];
  await new Promise<void>((resolve, reject) => {
    replay(source.batches(), clock).subscribe({
      next: (slice) => {
        const s = process.hrtime.bigint();
        engine.onSlice(slice);
        times.push(Number(process.hrtime.bigint() - s) / 1000);
      },
      error: reject,
      complete: () => resolve(),
    });
  });
  engine.finish();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  }
  await recorder.finish('complete', { bars: engine.bars, rejects: 0, finishedAtMs: Date.now() });
  ticks = engine.bars;
  const sorted = times.sort((a, b) => a - b);
  const q = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
  latency = {
    p50_us: q(0.5),
    p99_us: q(0.99),
    max_us: sorted.at(-1) as number,
    ticks: sorted.length,
    // the engine thread's time in onSlice (recording on it included in inline mode)
    sum_s: sorted.reduce((a, b) => a + b, 0) / 1e6,
  };
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage();
const cpu1 = mainThreadCpuSeconds();
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const recorded = await readRecordedRun(file, { symbols, bars, ticks });
if (keep === undefined) rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    symbols,
    bars,
    shards,
    recorder: recorderModeOf(),
    ticks,
    seconds,
    ticks_per_s: ticks / seconds,
    // CPU seconds of every thread of the process (workers included), start-up included
    cpu_s: (cpu.user + cpu.system) / 1e6,
    // CPU seconds of the main thread alone (Linux; the engine's thread when not sharded)
    main_cpu_s: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    peak_rss_mb: maxRssMb,
    heap_mb: heapMb,
    recorded,
    latency,
  }),
);
