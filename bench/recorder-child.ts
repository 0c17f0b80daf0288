/**
 * Recording benchmark (child of bench/run.ts): `tsx bench/recorder-child.ts ROWS`. Writes ROWS
 * prediction rows and ROWS equity rows through the real recorder (LIVEMODEL_RECORDER's mode)
 * into a file on disk (ENUM dictionaries for 1,000 symbols), flushes and checkpoints. Prints
 * rows per second, the finish included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochMs } from '../src/core/index.ts';
import { openRecorder, recorderModeOf } from '../src/store/index.ts';
import { mainThreadCpuSeconds } from './thread-cpu.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'livemodel-rec-bench-'));
const symbols = Array.from({ length: 1000 }, (_, i) => `S${String(i).padStart(4, '0')}`);
const rec = await openRecorder(join(dir, 'run.duckdb'), {
  runId: 'bench',
  scenario: 'bench',
  seed: 1,
  startedAtMs: 0,
  backend: 'js',
  config: {},
  data: '',
  symbols,
  version: '0',
  dictionaries: {
    symbol: symbols,
    role: ['champion', 'challenger', 'previous', 'frozen', 'naive'],
    variant: ['model', 'data'],
    strategy: ['model', 'buy_and_hold', 'frozen', 'naive'],
  },
});
const t0 = performance.now();
const cpu0 = mainThreadCpuSeconds();
for (let i = 0; i < rows; i++) {
  const symbol = symbols[i % 1000] as string;
  const ts = (1_700_000_000_000 + Math.floor(i / 1000) * 60_000) as EpochMs;
  rec.write({
    type: 'prediction',
    variant: 'model',
    symbol,
    ts,
    horizonTs: (ts + 60_000) as EpochMs,
    role: 'champion',
    modelVersion: 1,
    score: 0.5 + (i % 7) * 0.01,
    label: i % 2,
    loss: 0.69,
  });
  rec.write({
    type: 'equity',
    symbol,
    ts,
    strategy: 'model',
    position: 1,
    pnl: 0.001,
    equity: 1.01,
    cost: 0,
    turnover: 0,
  });
}
const writeSeconds = (performance.now() - t0) / 1000;
const cpuWrite = mainThreadCpuSeconds();
await rec.finish('complete', { bars: rows, rejects: 0, finishedAtMs: 0 });
const seconds = (performance.now() - t0) / 1000;
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    recorder: recorderModeOf(),
    rows: rows * 2,
    seconds,
    // the writing thread's share: write() calls only (recording thread's appends overlap them)
    write_seconds: writeSeconds,
    // CPU of the writing thread alone in write() calls (Linux), however loaded the machine
    write_cpu_s: cpu0 === null || cpuWrite === null ? null : cpuWrite - cpu0,
    rows_per_s: (rows * 2) / seconds,
  }),
);
