import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, DataError, InputError, StoreError } from '../core/index.ts';
import { openSource } from '../feeds/index.ts';
import { mergeRunFiles, type RecorderMode } from '../store/index.ts';
import type { KernelResult } from './run-kernel.ts';
import { type RunPlan, runInfoOf } from './run-plan.ts';
import type { RunProgressSink } from './run-progress-sink.ts';
import type { ShardJob, ShardProgressMessage } from './shard-worker.ts';

/**
 * The shard worker's entry: the compiled module in the built package; from the sources, a
 * bootstrap that registers tsx first (a worker thread does not inherit the parent's loader).
 */
const SHARD_WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../bin/shard-worker.js', import.meta.url)
  : new URL('./shard-worker.js', import.meta.url);

/**
 * Splits symbols into `shards` groups, round-robin over the sorted list (symbol i goes to shard
 * i mod shards), so every symbol is in exactly one group and the split is deterministic.
 *
 * @example
 * splitSymbols(['A', 'B', 'C'], 2); // [['A', 'C'], ['B']]
 */
export function splitSymbols(symbols: readonly string[], shards: number): string[][] {
  const sorted = [...symbols].sort();
  const out = Array.from({ length: Math.min(shards, sorted.length) }, () => [] as string[]);
  for (const [i, s] of sorted.entries()) out[i % out.length]?.push(s);
  return out;
}

/**
 * Runs a plan on `shards` worker threads, each replaying its own symbols through its own engine
 * into its own file (DIR/shards/k.duckdb), then merges the files into `file`. Symbols never
 * interact inside the engine, so the result equals a single-threaded run's.
 */
export async function executeSharded(
  plan: RunPlan,
  opts: {
    file: string;
    outDir: string;
    runId: string;
    shards: number;
    signal?: AbortSignal | undefined;
    progress?: RunProgressSink | undefined;
    recorder?: RecorderMode | undefined;
  },
): Promise<KernelResult> {
  const { progress } = opts;
  progress?.loading(plan.data.file ?? 'synthetic market');
  // The merged `runs` row is written at the end: keep when the run began, not when it merged.
  const startedAtMs = Date.now();
  const listing = await openSource(
    { ...plan.data, symbols: plan.symbols },
    {
      baseDir: plan.baseDir,
      seed: plan.scenario.seed,
      origin: plan.request.scenario ?? '(scenario)',
    },
  );
  const all = [...listing.symbols];
  const dataName = plan.request.data ?? plan.scenario.data.file ?? listing.name;
  const expectedBars = listing.expectedBars;
  listing.close();
  const groups = splitSymbols(all, opts.shards);
  const dir = join(opts.outDir, 'shards');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = groups.map((_, k) => join(dir, `${k}.duckdb`));
  // Overall progress: the sum of the shards' counts, as their workers report them.
  const done = groups.map(() => 0);
  progress?.replaying(
    expectedBars,
    plan.config.variants.map((v) => v.name),
  );
  const onProgress = (k: number, bars: number): void => {
    done[k] = bars;
    progress?.advanced(done.reduce((a, b) => a + b, 0));
  };
  const results = await Promise.all(
    groups.map((symbols, k) =>
      runWorker(
        {
          request: plan.request,
          symbols,
          allSymbols: all,
          file: files[k] as string,
          runId: opts.runId,
          recordRejects: k === 0,
          progress: progress !== undefined,
          recorder: opts.recorder,
        },
        opts.signal,
        (bars) => onProgress(k, bars),
      ),
    ),
  );
  progress?.closing();
  const status = results.some((r) => r.status === 'incomplete') ? 'incomplete' : 'complete';
  const bars = results.reduce((n, r) => n + r.bars, 0);
  const rejects = results.reduce((n, r) => n + r.rejects, 0);
  await mergeRunFiles(
    opts.file,
    files,
    { ...runInfoOf(plan, opts.runId, all, dataName), startedAtMs },
    { status, bars, rejects, finishedAtMs: Date.now() },
  );
  rmSync(dir, { recursive: true, force: true });
  return {
    status,
    bars,
    rejects,
    gaps: results.reduce((n, r) => n + r.gaps, 0),
    symbols: all,
    ended: status === 'incomplete' ? 'stopped' : 'source',
  };
}

function runWorker(
  job: ShardJob,
  signal: AbortSignal | undefined,
  onProgress: (bars: number) => void,
): Promise<KernelResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SHARD_WORKER, {
      workerData: job,
    });
    const abort = (): void => worker.postMessage('abort');
    signal?.addEventListener('abort', abort);
    let settled = false;
    worker.on(
      'message',
      (
        m:
          | ShardProgressMessage
          | { ok: true; result: KernelResult }
          | { ok: false; name: string; message: string },
      ) => {
        if ('type' in m) {
          onProgress(m.bars);
          return;
        }
        settled = true;
        // The worker is done; tsx's loader port would keep it alive, so end it explicitly.
        void worker.terminate();
        if (m.ok) resolve(m.result);
        else reject(rebuildError(m.name, m.message));
      },
    );
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', abort);
      if (!settled)
        reject(
          new AppError(`shard worker for ${job.symbols.length} symbols exited with code ${code}`),
        );
    });
  });
}

function rebuildError(name: string, message: string): Error {
  if (name === 'InputError') return new InputError(message);
  if (name === 'DataError') return new DataError(message);
  if (name === 'StoreError') return new StoreError(message);
  return new AppError(message);
}
