import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobResult, SweepJob } from './sweep-job.ts';

/**
 * The thread's bootstrap (plain JavaScript, so it needs no loader): registers tsx, imports the
 * entry module and runs each job it is sent with that module's `runSweepJob(job, signal, name)`.
 */
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
let controller = null;
const entry = (async () => {
  const { register } = await import(workerData.tsx);
  register();
  return import(workerData.entry);
})();
const fail = (job, error) => ({ id: job.id, status: 'failed', error: String((error && error.message) || error).split('\\n')[0], durationMs: null, bars: null, worker: workerData.name });
parentPort.on('message', async (msg) => {
  if (msg.type === 'abort') { if (controller !== null) controller.abort(); return; }
  controller = new AbortController();
  let result;
  try {
    result = await (await entry).runSweepJob(msg.job, controller.signal, workerData.name);
  } catch (error) {
    result = fail(msg.job, error);
  }
  controller = null;
  parentPort.postMessage(result);
});
`;

interface Pending {
  readonly job: SweepJob;
  readonly resolve: (r: JobResult) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly name: string;
  current: Pending | undefined;
}

/** Options of a {@link ThreadPool}. */
export interface ThreadPoolOptions {
  /** Maximum number of threads (started on demand). */
  readonly size: number;
  /** URL of the module the threads import; it exports `runSweepJob(job, signal, workerName)`. */
  readonly entry: string;
  /** Prefix of the worker names recorded with each result (default `thread`). */
  readonly name?: string;
}

/**
 * A pool of worker threads running sweep jobs, at most `size` at a time, in submission order.
 * A thread that crashes fails its job (with the crash's message) and is replaced; `abort()`
 * stops the running jobs (they end `incomplete`) and cancels the queued ones.
 *
 * @example
 * const pool = new ThreadPool({ size: 2, entry: new URL('./sweep-thread.ts', import.meta.url).href });
 * const results = await Promise.all(jobs.map((j) => pool.run(j)));
 * await pool.close();
 */
export class ThreadPool {
  readonly #opts: ThreadPoolOptions;
  readonly #queue: Pending[] = [];
  readonly #slots = new Set<Slot>();
  #started = 0;
  #aborted = false;

  constructor(opts: ThreadPoolOptions) {
    this.#opts = opts;
  }

  /** Queues a job; resolves with its result (never rejects). */
  run(job: SweepJob): Promise<JobResult> {
    if (this.#aborted) return Promise.resolve(cancelled(job));
    return new Promise((resolve) => {
      this.#queue.push({ job, resolve });
      this.#dispatch();
    });
  }

  /** Starts every thread now (they load the entry module while idle), instead of on demand. */
  warm(): void {
    while (this.#slots.size < this.#opts.size) this.#spawn();
  }

  /** Stops running jobs and cancels queued ones. */
  abort(): void {
    this.#aborted = true;
    for (const p of this.#queue.splice(0)) p.resolve(cancelled(p.job));
    for (const slot of this.#slots)
      if (slot.current !== undefined) slot.worker.postMessage({ type: 'abort' });
  }

  /** Terminates every thread (after their jobs have resolved, or at once). */
  async close(): Promise<void> {
    const slots = [...this.#slots];
    this.#slots.clear();
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = [...this.#slots].find((s) => s.current === undefined);
      if (slot === undefined && this.#slots.size < this.#opts.size) slot = this.#spawn();
      if (slot === undefined) return;
      const next = this.#queue.shift() as Pending;
      slot.current = next;
      slot.worker.postMessage({ type: 'run', job: next.job });
    }
  }

  #spawn(): Slot {
    const name = `${this.#opts.name ?? 'thread'}-${++this.#started}`;
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { tsx: tsxApiUrl(), entry: this.#opts.entry, name },
    });
    const slot: Slot = { worker, name, current: undefined };
    this.#slots.add(slot);
    const finish = (result: JobResult): void => {
      const p = slot.current;
      slot.current = undefined;
      p?.resolve(result);
    };
    worker.on('message', (result: JobResult) => {
      finish(result);
      this.#dispatch();
    });
    const lost = (message: string): void => {
      if (!this.#slots.delete(slot)) return;
      const p = slot.current;
      if (p !== undefined)
        finish({
          id: p.job.id,
          status: 'failed',
          error: message,
          durationMs: null,
          bars: null,
          worker: name,
        });
      this.#dispatch();
    };
    worker.on('error', (error) =>
      lost(`worker thread ${name} crashed: ${error.message.split('\n')[0]}`),
    );
    worker.on('exit', (code) => lost(`worker thread ${name} exited with code ${code}`));
    return slot;
  }
}

function cancelled(job: SweepJob): JobResult {
  return {
    id: job.id,
    status: 'cancelled',
    error: null,
    durationMs: null,
    bars: null,
    worker: null,
  };
}

let tsxUrl: string | undefined;

/** URL of tsx's ESM API (the threads register it to import TypeScript). */
function tsxApiUrl(): string {
  // The ESM build: its CommonJS twin would register the CommonJS loader only.
  tsxUrl ??=
    typeof import.meta.resolve === 'function'
      ? import.meta.resolve('tsx/esm/api')
      : pathToFileURL(
          join(dirname(createRequire(import.meta.url).resolve('tsx')), 'esm/api/index.mjs'),
        ).href;
  return tsxUrl;
}
