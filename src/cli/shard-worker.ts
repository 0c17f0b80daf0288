import { parentPort, workerData } from 'node:worker_threads';
import { executeRun, planRun, type RunRequest } from './run-plan.ts';

/** What the parent sends a shard worker (structured-cloneable). */
export interface ShardJob {
  readonly request: RunRequest;
  readonly symbols: readonly string[];
  readonly allSymbols: readonly string[];
  readonly file: string;
  readonly runId: string;
  readonly recordRejects: boolean;
}

const job = workerData as ShardJob;
const controller = new AbortController();
parentPort?.on('message', (m: unknown) => {
  if (m === 'abort') controller.abort();
});

try {
  const plan = await planRun(job.request);
  const result = await executeRun(plan, { file: job.file, runId: job.runId, symbols: job.symbols, allSymbols: job.allSymbols, recordRejects: job.recordRejects, signal: controller.signal });
  parentPort?.postMessage({ ok: true, result });
} catch (error) {
  const e = error as Error;
  parentPort?.postMessage({ ok: false, name: e.name, message: e.message });
}
