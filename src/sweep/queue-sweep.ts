import { randomUUID } from 'node:crypto';
import { type Job, Queue, QueueEvents } from 'bullmq';
import { InputError } from '../core/index.ts';
import { DEFAULT_QUEUE_NAME, parseRedisUrl } from './redis/index.ts';
import type { JobResult, SweepJob } from './sweep-job.ts';

/** Options of {@link runQueueSweep}. */
export interface QueueSweepOptions {
  /** `redis://host:port[/db]`. */
  readonly url: string;
  readonly queueName?: string | undefined;
  /** Aborting removes the jobs still waiting (cancelled) and stops waiting for running ones. */
  readonly signal?: AbortSignal | undefined;
  /** Called as each job ends, in completion order. */
  readonly onResult?: (result: JobResult) => void;
}

/**
 * Submits a sweep's jobs to a BullMQ queue on Redis and waits until each has completed or
 * failed (QueueEvents), for `livemodel worker` processes on any machine to run them. A failed
 * job is a result with its error (one attempt, no retry); it never hangs the sweep.
 *
 * @returns one result per job, in job order.
 * @throws {InputError} when Redis cannot be reached at `url`.
 * @example
 * const results = await runQueueSweep(plan.jobs, { url: 'redis://127.0.0.1:6379' });
 */
export async function runQueueSweep(
  jobs: readonly SweepJob[],
  opts: QueueSweepOptions,
): Promise<JobResult[]> {
  const connection = parseRedisUrl(opts.url);
  const name = opts.queueName ?? DEFAULT_QUEUE_NAME;
  const queue = new Queue<SweepJob, JobResult>(name, { connection });
  const events = new QueueEvents(name, { connection });
  const errors: Error[] = [];
  queue.on('error', (e) => errors.push(e));
  events.on('error', (e) => errors.push(e));
  try {
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    } catch (error) {
      throw new InputError(`cannot reach Redis at ${opts.url}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const sweepId = randomUUID().slice(0, 8);
    const added = await queue.addBulk(
      jobs.map((job) => ({
        name: job.id,
        data: job,
        opts: {
          jobId: `${sweepId}-${job.id}`,
          attempts: 1,
          removeOnComplete: { age: 7 * 86_400 },
          removeOnFail: { age: 7 * 86_400 },
        },
      })),
    );
    const aborted = new Promise<'aborted'>((resolve) => {
      if (opts.signal?.aborted) resolve('aborted');
      opts.signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
    });
    return await Promise.all(
      added.map(async (bullJob, i) => {
        const job = jobs[i] as SweepJob;
        const outcome = await Promise.race([waitForJob(bullJob, events, job, queue), aborted]);
        const result = outcome === 'aborted' ? await cancel(bullJob, job) : outcome;
        opts.onResult?.(result);
        return result;
      }),
    );
  } finally {
    await events.close().catch(() => {});
    await queue.close().catch(() => {});
  }
}

async function waitForJob(
  bullJob: Job<SweepJob, JobResult>,
  events: QueueEvents,
  job: SweepJob,
  queue: Queue<SweepJob, JobResult>,
): Promise<JobResult> {
  try {
    const value = (await bullJob.waitUntilFinished(events)) as JobResult | string;
    return typeof value === 'string' ? (JSON.parse(value) as JobResult) : value;
  } catch (error) {
    const latest = await queue.getJob(bullJob.id as string).catch(() => undefined);
    const durationMs =
      latest?.finishedOn !== undefined && latest.processedOn !== undefined
        ? latest.finishedOn - latest.processedOn
        : null;
    return {
      id: job.id,
      status: 'failed',
      error: (error as Error).message.split('\n')[0] as string,
      durationMs,
      bars: null,
      worker: latest?.processedBy ?? null,
    };
  }
}

/** Removes a job that has not started; one already running is left to finish on its worker. */
async function cancel(bullJob: Job<SweepJob, JobResult>, job: SweepJob): Promise<JobResult> {
  await bullJob.remove().catch(() => {});
  return {
    id: job.id,
    status: 'cancelled',
    error: null,
    durationMs: null,
    bars: null,
    worker: null,
  };
}
