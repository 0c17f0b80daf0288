import type { JobResult, SweepJob } from '../../src/sweep/index.ts';

/**
 * A stand-in for src/cli/sweep-thread.ts in thread-pool tests: behaves by the job's parameters
 * (`sleepMs`, `fail`, `crash`, `waitForAbort`) instead of running a scenario.
 */
export async function runSweepJob(
  job: SweepJob,
  signal: AbortSignal,
  worker: string,
): Promise<JobResult> {
  const p = job.parameters as {
    sleepMs?: number;
    fail?: string;
    crash?: boolean;
    waitForAbort?: boolean;
  };
  const started = Date.now();
  if (p.crash)
    setTimeout(() => {
      throw new Error('thread blew up');
    }, 0);
  if (p.waitForAbort && !signal.aborted)
    await new Promise<void>((resolve) =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  if (p.crash) await new Promise(() => {});
  await new Promise((r) => setTimeout(r, p.sleepMs ?? 0));
  const base = { id: job.id, durationMs: Date.now() - started, bars: 1, worker };
  if (p.fail !== undefined) return { ...base, status: 'failed', error: p.fail, bars: null };
  return { ...base, status: signal.aborted ? 'incomplete' : 'complete', error: null };
}
