import { type Job, Worker } from 'bullmq';
import { InputError } from '../core/index.ts';
import { DEFAULT_QUEUE_NAME, parseRedisUrl } from './redis/index.ts';
import type { JobResult, SweepJob } from './sweep-job.ts';

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  readonly url: string;
  readonly queueName?: string | undefined;
  /** Jobs run at the same time (one thread each). */
  readonly concurrency: number;
  /** This worker's name, recorded with each job (`host:pid`). */
  readonly name: string;
  /** Runs one job (on a worker thread, so the event loop keeps renewing BullMQ's locks). */
  readonly runJob: (job: SweepJob) => Promise<JobResult>;
  readonly log?: (line: string) => void;
}

/**
 * Processes sweep jobs from the BullMQ queue until closed. A job whose run does not complete
 * fails in BullMQ with the run's error message, which the sweep records.
 *
 * @throws {InputError} when Redis cannot be reached at `url`.
 * @example
 * const w = await startQueueWorker({ url: 'redis://127.0.0.1:6379', concurrency: 2, name: 'box:42', runJob: (j) => pool.run(j) });
 * await w.close();
 */
export async function startQueueWorker(
  opts: QueueWorkerOptions,
): Promise<Worker<SweepJob, JobResult>> {
  const log = opts.log ?? (() => {});
  const processor = async (bullJob: Job<SweepJob, JobResult>): Promise<JobResult> => {
    const job = bullJob.data;
    log(`start ${bullJob.id} (${job.outDir})`);
    const result = await opts.runJob(job);
    log(
      `${result.status} ${bullJob.id}${result.durationMs === null ? '' : ` in ${(result.durationMs / 1000).toFixed(1)} s`}${result.error ? `: ${result.error}` : ''}`,
    );
    if (result.status !== 'complete')
      throw new Error(result.error ?? `job ${result.status} on ${result.worker ?? opts.name}`);
    return result;
  };
  const worker = new Worker<SweepJob, JobResult>(opts.queueName ?? DEFAULT_QUEUE_NAME, processor, {
    connection: parseRedisUrl(opts.url),
    concurrency: opts.concurrency,
    name: opts.name,
    autorun: false,
  });
  // Connection errors before the first connection are the one error thrown below.
  let ready = false;
  worker.on('error', (e) => {
    if (ready) log(`error: ${e.message}`);
  });
  try {
    await worker.waitUntilReady();
  } catch (error) {
    await worker.close(true).catch(() => {});
    throw new InputError(`cannot reach Redis at ${opts.url}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  ready = true;
  worker.run().catch((e: Error) => log(`worker stopped: ${e.message}`));
  return worker;
}
