import { availableParallelism, hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { InputError } from '../core/index.ts';
import { parseRedisUrl, startQueueWorker, ThreadPool } from '../sweep/index.ts';
import { SWEEP_JOB_ENTRY } from '../sweep/index.ts';
import { SWEEP_USAGE } from './usage.ts';

/**
 * `livemodel worker --queue redis://host:port [--concurrency N] [--queue-name NAME]`: runs sweep
 * jobs from the BullMQ queue on `N` worker threads (default: the CPU count) until SIGINT or
 * SIGTERM; then it stops taking jobs and lets the running ones finish (a second signal aborts
 * them: BullMQ hands a job whose lock lapses to another worker).
 *
 * @returns the exit code (0 after a clean stop).
 * @throws {InputError} for bad arguments or an unreachable Redis.
 */
export async function workerMain(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(SWEEP_USAGE);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      queue: { type: 'string' },
      concurrency: { type: 'string' },
      'queue-name': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      verbose: { type: 'boolean' },
    },
  });
  if (positionals.length > 0)
    throw new InputError(
      `worker takes no file (jobs carry their scenario), got \`${positionals[0]}\``,
    );
  // the queue: --queue, else the REDIS_URL environment variable (containers, docker compose)
  const queue = values.queue ?? process.env['REDIS_URL'];
  if (queue === undefined || queue === '')
    throw new InputError(
      'worker expects --queue redis://host:port (or REDIS_URL in the environment)',
    );
  const concurrency =
    values.concurrency === undefined ? availableParallelism() : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InputError(`--concurrency expects an integer >= 1, got \`${values.concurrency}\``);
  const name = `${hostname()}:${process.pid}`;
  const log = values.quiet ? () => {} : (line: string) => console.log(`worker ${name}: ${line}`);
  parseRedisUrl(queue);
  const pool = new ThreadPool({
    size: concurrency,
    entry: SWEEP_JOB_ENTRY,
    name: `${name}/thread`,
  });
  let worker: Awaited<ReturnType<typeof startQueueWorker>>;
  try {
    worker = await startQueueWorker({
      url: queue,
      queueName: values['queue-name'],
      concurrency,
      name,
      runJob: (job) => pool.run(job),
      log,
    });
  } catch (error) {
    await pool.close();
    throw error;
  }
  pool.warm();
  log(`waiting for jobs on ${queue.replace(/\/\/[^@/]*@/, '//***@')} (concurrency ${concurrency})`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) {
        pool.abort();
        return;
      }
      stopping = true;
      log('stopping: finishing the running jobs (signal again to abort them)');
      worker
        .close()
        .catch(() => {})
        .finally(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await pool.close();
  log('stopped');
  return 0;
}
