/**
 * Neural models in a whole engine tick (child of bench/run.ts):
 * `tsx bench/neural-engine-child.ts KIND SYMBOLS MEASURED`. Replays bench/bench-neural.yaml with
 * the LSTM (hidden 32, window 32) or the transformer (d 32, 4 heads, ffDim 64, window 32) over
 * SYMBOLS symbols through the real engine and recorder — features, batched learn and predict,
 * lifecycle, books, recording — and times every clock tick (all symbols at one timestamp). The
 * figure is the wall time of the last MEASURED ticks (after warmup, when every symbol learns and
 * predicts) divided by their number. Prints one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replay } from '../src/clock/index.ts';
import { createReplayClock, Engine } from '../src/engine/index.ts';
import { openSource } from '../src/feeds/index.ts';
import { planRun, runInfoOf } from '../src/runner/index.ts';
import { openRecorder, recorderModeOf } from '../src/store/index.ts';
import { readRecordedRun } from './recorded-run.ts';

const [kind = 'lstm', symbolsText = '1000', measuredText = '10'] = process.argv.slice(2);
const symbols = Number(symbolsText);
const measured = Number(measuredText);
// features need 21 bars and the window 32 more: every symbol learns and predicts from bar 53 on
const WARMUP = 56;
const bars = WARMUP + 2 + measured;
const model =
  kind === 'lstm'
    ? '{"kind":"lstm","hidden":32,"window":32}'
    : '{"kind":"transformer","dModel":32,"heads":4,"ffDim":64,"window":32}';
const plan = await planRun({
  scenario: join(import.meta.dirname, 'bench-neural.yaml'),
  set: [
    ['data.synthetic.symbols', String(symbols)],
    ['data.synthetic.bars', String(bars)],
    ['lifecycle.warmupBars', String(WARMUP)],
    ['model', model],
  ],
});
const dir = mkdtempSync(join(tmpdir(), 'livemodel-neural-bench-'));
const file = join(dir, 'run.duckdb');
const source = await openSource(plan.data, { baseDir: plan.baseDir, seed: plan.scenario.seed });
const recorder = await openRecorder(
  file,
  runInfoOf(plan, randomUUID(), source.symbols, source.name),
);
const clock = createReplayClock();
const engine = new Engine(plan.config, clock, recorder);
const times: number[] = [];
const t0 = performance.now();
await new Promise<void>((resolve, reject) => {
  replay(source.batches(), clock).subscribe({
    next: (slice) => {
      const s = performance.now();
      engine.onSlice(slice);
      times.push(performance.now() - s);
    },
    error: reject,
    complete: () => resolve(),
  });
});
engine.finish();
await recorder.finish('complete', { bars: engine.bars, rejects: 0, finishedAtMs: Date.now() });
const seconds = (performance.now() - t0) / 1000;
const recorded = await readRecordedRun(file, { symbols, bars, ticks: engine.bars });
rmSync(dir, { recursive: true, force: true });
const last = times.slice(-measured);
const sorted = [...last].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    kind,
    symbols,
    bars,
    backend: plan.backend,
    recorder: recorderModeOf(),
    measured_ticks: last.length,
    ms_per_tick: last.reduce((a, b) => a + b, 0) / last.length,
    p50_ms: sorted[Math.floor(sorted.length / 2)],
    max_ms: sorted.at(-1),
    times: process.env['BENCH_TIMES'] ? times.map(Math.round) : undefined,
    warmup_ms_per_tick:
      times.slice(0, -measured).reduce((a, b) => a + b, 0) / (times.length - measured),
    seconds,
    recorded,
  }),
);
