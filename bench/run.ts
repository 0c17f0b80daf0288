/**
 * `npm run bench`: the harness's speed, measured in one run (each part in its own child process,
 * so peak memory is per part). Writes reports/bench.json (the latest figures, plus the history of
 * earlier runs so regressions show; bench/history/ keeps committed records) and prints a table.
 * Every figure must be a finite number read from a child's output: one that is missing or cannot
 * be parsed (a child that failed, a log line that changed) fails the bench with a message naming
 * it, and nothing is written. Not part of `npm test`.
 *
 *   npm run bench                  # full: 1,000 symbols × 10,000 bars sharded, both recorder
 *                                  # modes, the memory figures, ~20 minutes
 *   npm run bench -- --quick       # smaller sizes, ~4 minutes (figures not comparable with the
 *                                  # full run; no memory figures)
 *   npm run bench -- --memory-only # only the memory figures (bench/memory-figures.ts), merged into
 *                                  # the figures of reports/bench.json, ~10 minutes
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { recorderModeOf } from '../src/store/index.ts';
import { BenchFailure, historyOf, num, printMemory, printTable } from './bench-report.ts';
import { type MemoryFigures, measureMemoryFigures } from './memory-figures.ts';

const root = join(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const memoryOnly = process.argv.includes('--memory-only');
const S = 1000;
const size = quick
  ? {
      bare: 500,
      single: 500,
      small: 500,
      big: 2000,
      many: 50,
      live: 12,
      neuralS: 200,
      mem: [250, 750],
    }
  : {
      bare: 2000,
      single: 2000,
      small: 1000,
      big: 10_000,
      many: 200,
      live: 30,
      neuralS: S,
      mem: [1000, 3000],
    };
const MEM_BARS = 200;
const mode = recorderModeOf();
const liveMode = recorderModeOf(undefined, 'live');

// biome-ignore lint/suspicious/noExplicitAny: each child prints its own JSON shape
function child(script: string, args: (string | number)[], env: Record<string, string> = {}): any {
  const started = Date.now();
  const what = `${Object.entries(env)
    .map(([k, v]) => `${k}=${v} `)
    .join('')}${script} ${args.join(' ')}`;
  process.stderr.write(`bench: ${what} … `);
  let out: string;
  try {
    // A fixed old-space limit, so peak RSS shows what a run needs rather than how lazily V8
    // collects; --expose-gc lets a child measure its heap after a full collection.
    out = execFileSync(
      process.execPath,
      [
        '--max-old-space-size=512',
        '--expose-gc',
        '--import',
        'tsx',
        join(root, 'bench', script),
        ...args.map(String),
      ],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 << 20,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
      },
    );
  } catch (error) {
    const e = error as { status?: number | null; stderr?: string };
    const tail = (e.stderr ?? '').trim().split('\n').slice(-5).join('\n').slice(-1500);
    throw new BenchFailure(`${what} failed (exit ${e.status ?? '?'}):\n${tail}`);
  }
  process.stderr.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const last = out.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new BenchFailure(
      `${what} printed no JSON line at the end: ${JSON.stringify(last.slice(-300))}`,
    );
  }
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
    memory_figures: { when: new Date().toISOString(), machine, ...memoryDetails },
  };
  const figures = { ...((json['figures'] as object | undefined) ?? {}), ...memoryFigures };
  writeFileSync(file, `${JSON.stringify({ ...json, ...figures, figures, details }, null, 2)}\n`);
  printMemory(memory);
  console.log(`\nwritten: ${file}`);
  process.exit(0);
}

// The full run keeps its big replay for the report's memory figure.
const bigRun = quick ? undefined : mkdtempSync(join(tmpdir(), 'livemodel-bench-big-'));
try {
  const load0 = loadavg()[0] ?? 0;
  // The recorder's two modes side by side (same sizes, adjacent runs): the default one gives the
  // headline figures, the other the comparison in details.recorder_modes.
  const other = { LIVEMODEL_RECORDER: mode === 'thread' ? 'inline' : 'thread' };
  const liveOtherMode = { LIVEMODEL_RECORDER: liveMode === 'thread' ? 'inline' : 'thread' };
  const bare = child('bare-loop.ts', [S, size.bare]);
  const single = child('replay-child.ts', [S, size.single, 1]);
  const singleOther = child('replay-child.ts', [S, size.single, 1], other);
  const small = child('replay-child.ts', [S, size.small, 2]);
  const big = child('replay-child.ts', [S, size.big, 2, ...(bigRun === undefined ? [] : [bigRun])]);
  const bigOther = child('replay-child.ts', [S, size.big, 2], other);
  const many = child('replay-child.ts', [10_000, size.many, 2]);
  const [m0, m1] = size.mem as [number, number];
  const mem0 = child('replay-child.ts', [m0, MEM_BARS, 1]);
  const mem1 = child('replay-child.ts', [m1, MEM_BARS, 1]);
  const lstm = child('neural-child.ts', ['lstm', size.neuralS]);
  const lstmStateful = child('neural-child.ts', ['lstm-stateful', size.neuralS]);
  const transformer = child('neural-child.ts', ['transformer', size.neuralS]);
  const ticks = quick ? 4 : 10;
  const lstmEngine = child('neural-engine-child.ts', ['lstm', size.neuralS, ticks]);
  const transformerEngine = child('neural-engine-child.ts', ['transformer', size.neuralS, ticks]);
  const recorder = child('recorder-child.ts', [quick ? 500_000 : 1_000_000]);
  const recorderOther = child('recorder-child.ts', [quick ? 500_000 : 1_000_000], other);
  const live = child('live-child.ts', [S, 10_000, size.live]);
  const liveOther = child('live-child.ts', [S, 10_000, size.live], liveOtherMode);
  let memory: MemoryFigures | null = null;
  if (bigRun !== undefined) memory = await measureMemoryFigures(bigRun);
  const load1 = loadavg()[0] ?? 0;

  // Memory per symbol: the slope of peak RSS (and of the live V8 heap after a full GC) between
  // two sizes of the same single-threaded run — not a total divided by the symbols.
  const perSymbolKb = (a: number, b: number) => ((b - a) * 1024) / (m1 - m0);
  const figures = {
    replay_ticks_per_s: Math.round(num(big.ticks_per_s, 'replay_ticks_per_s')),
    bare_loop_ticks_per_s: Math.round(num(bare.ticks_per_s, 'bare_loop_ticks_per_s')),
    overhead_ratio: Number(
      (num(bare.ticks_per_s, 'bare') / num(single.ticks_per_s, 'single')).toFixed(2),
    ),
    peak_rss_mb: Math.round(num(big.peak_rss_mb, 'peak_rss_mb')),
    memory_per_symbol_kb: Math.round(
      perSymbolKb(
        num(mem0.peak_rss_mb, 'memory run 0 RSS'),
        num(mem1.peak_rss_mb, 'memory run 1 RSS'),
      ),
    ),
    heap_per_symbol_kb: Math.round(
      perSymbolKb(num(mem0.heap_mb, 'memory run 0 heap'), num(mem1.heap_mb, 'memory run 1 heap')),
    ),
    tick_latency_p99_us: Math.round(num(single.latency?.p99_us, 'tick_latency_p99_us')),
    lstm_ms_per_tick_1000: Math.round(num(lstm.ms_per_tick, 'lstm_ms_per_tick_1000')),
    lstm_stateful_ms_per_tick_1000: Math.round(
      num(lstmStateful.ms_per_tick, 'lstm_stateful_ms_per_tick_1000'),
    ),
    transformer_ms_per_tick_1000: Math.round(
      num(transformer.ms_per_tick, 'transformer_ms_per_tick_1000'),
    ),
    lstm_engine_ms_per_tick_1000: Math.round(
      num(lstmEngine.ms_per_tick, 'lstm_engine_ms_per_tick_1000'),
    ),
    transformer_engine_ms_per_tick_1000: Math.round(
      num(transformerEngine.ms_per_tick, 'transformer_engine_ms_per_tick_1000'),
    ),
    duckdb_rows_per_s: Math.round(num(recorder.rows_per_s, 'duckdb_rows_per_s')),
    live_p50_ms: num(live.p50_ms, 'live_p50_ms'),
    live_p99_ms: num(live.p99_ms, 'live_p99_ms'),
    live_max_ms: num(live.max_ms, 'live_max_ms'),
    // read back from the recorded file (distinct symbols in predictions, ticks = symbols × bars)
    symbols_max_run: num(many.recorded?.symbols, 'symbols_max_run'),
    ...(memory === null
      ? {}
      : {
          csv_1000x2000_peak_rss_mb: num(
            memory.csv_1000x2000_peak_rss_mb,
            'csv_1000x2000_peak_rss_mb',
          ),
          report_10m_peak_rss_mb: num(memory.report_10m_peak_rss_mb, 'report_10m_peak_rss_mb'),
        }),
  };
  BenchFailure.throwIfAny(live.log);

  const details = {
    when: new Date().toISOString(),
    quick,
    machine,
    load_average: [Number(load0.toFixed(2)), Number(load1.toFixed(2))],
    single_thread: { ...pick(single), latency_us: single.latency },
    sharded_small: pick(small),
    sharded_big: pick(big),
    memory: {
      bars: MEM_BARS,
      runs: [mem0, mem1].map((m) => ({ ...pick(m), heap_mb: Math.round(m.heap_mb) })),
      method: 'slope of peak RSS (and of V8 heap after a full GC) between the two runs, 1 thread',
    },
    ten_thousand_symbols: { ...pick(many), recorded: many.recorded },
    bare_loop: { ticks: bare.ticks, ticks_per_s: Math.round(bare.ticks_per_s) },
    neural: { lstm, lstm_stateful: lstmStateful, transformer },
    memory_figures: memory?.details ?? null,
    neural_engine: { lstm: lstmEngine, transformer: transformerEngine },
    live,
    recorder_modes: {
      default: mode,
      replay_ticks_per_s: {
        [mode]: Math.round(big.ticks_per_s),
        [other.LIVEMODEL_RECORDER]: Math.round(
          num(bigOther.ticks_per_s, 'replay, other recorder mode'),
        ),
      },
      single_thread_ticks_per_s: {
        [mode]: Math.round(single.ticks_per_s),
        [other.LIVEMODEL_RECORDER]: Math.round(
          num(singleOther.ticks_per_s, 'single thread, other recorder mode'),
        ),
      },
      duckdb_rows_per_s: {
        [mode]: Math.round(recorder.rows_per_s),
        [other.LIVEMODEL_RECORDER]: Math.round(
          num(recorderOther.rows_per_s, 'recording, other recorder mode'),
        ),
      },
      live_default: liveMode,
      live: { [liveMode]: live, [liveOtherMode.LIVEMODEL_RECORDER]: liveOther },
    },
  };
  BenchFailure.throwIfAny(liveOther.log);

  const history = historyOf(file, join(root, 'bench', 'history'));
  writeFileSync(file, `${JSON.stringify({ ...figures, figures, details, history }, null, 2)}\n`);
  printTable(figures, details, { small, quick, lstmStateful });
  if (memory !== null) printMemory(memory);
  console.log(`\nwritten: ${file}`);
} catch (error) {
  if (!(error instanceof BenchFailure)) throw error;
  console.error(`\nbench failed: ${error.message}\nnothing written.`);
  process.exit(1);
} finally {
  if (bigRun !== undefined) rmSync(bigRun, { recursive: true, force: true });
}

// biome-ignore lint/suspicious/noExplicitAny: a child's JSON line
function pick(r: any) {
  return {
    symbols: r.symbols,
    bars: r.bars,
    ticks: r.ticks,
    ticks_per_s: Math.round(r.ticks_per_s),
    peak_rss_mb: Math.round(r.peak_rss_mb),
  };
}
