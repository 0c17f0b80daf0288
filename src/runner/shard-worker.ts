import { parentPort, workerData } from 'node:worker_threads';
import type { RecorderMode } from '../store/index.ts';
import { openRun } from './run-kernel.ts';
import { planRun, type RunRequest } from './run-plan.ts';
import type { RunProgressSink } from './run-progress-sink.ts';

/** What the parent sends a shard worker (structured-cloneable). */
export interface ShardJob {
  readonly request: RunRequest;
  readonly symbols: readonly string[];
  readonly allSymbols: readonly string[];
  readonly file: string;
  readonly runId: string;
  readonly recordRejects: boolean;
  /** Post `{ type: 'progress', bars }` messages as the replay goes. */
  readonly progress?: boolean;
  /** Where the shard's DuckDB appends run (default as in openRun). */
  readonly recorder?: RecorderMode | undefined;
}

/** A shard worker's progress message (the last message is its result, with `ok`). */
export interface ShardProgressMessage {
  readonly type: 'progress';
  readonly bars: number;
}

const job = workerData as ShardJob;
const controller = new AbortController();
parentPort?.on('message', (m: unknown) => {
  if (m === 'abort') controller.abort();
});

// Counts only: the parent reads the clock and draws the line.
const post = (bars: number): void =>
  parentPort?.postMessage({ type: 'progress', bars } satisfies ShardProgressMessage);
const progress: RunProgressSink | undefined =
  job.progress === true
    ? {
        loading: () => {},
        replaying: () => post(0),
        advanced: (bars) => post(bars),
        closing: () => {},
      }
    : undefined;

try {
  const plan = await planRun(job.request);
  const opened = await openRun({
    plan,
    file: job.file,
    runId: job.runId,
    input: {
      kind: 'replay',
      symbols: job.symbols,
      allSymbols: job.allSymbols,
      recordRejects: job.recordRejects,
    },
    progress,
    recorder: job.recorder,
  });
  const result = await opened.run(controller.signal);
  parentPort?.postMessage({ ok: true, result });
} catch (error) {
  const e = error as Error;
  parentPort?.postMessage({ ok: false, name: e.name, message: e.message });
}
