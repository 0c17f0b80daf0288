import { afterEach, describe, expect, it } from 'vitest';
import { type SweepJob, ThreadPool } from '../../src/sweep/index.ts';

const STUB = new URL('../helpers/sweep-thread-stub.ts', import.meta.url).href;

function job(id: string, parameters: Record<string, unknown> = {}): SweepJob {
  return {
    id,
    index: 0,
    parameters,
    seed: 1,
    shard: 0,
    shards: 1,
    symbols: null,
    overrides: [],
    scenarioText: '',
    dataFile: '',
    outDir: '',
    strategy: 'model',
  };
}

describe('ThreadPool', () => {
  let pool: ThreadPool | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  it('doc example: runs jobs on at most `size` threads and resolves one result per job', async () => {
    pool = new ThreadPool({ size: 2, entry: STUB });
    const jobs = ['a', 'b', 'c', 'd'].map((id) => job(id, { sleepMs: 20 }));
    const results = await Promise.all(jobs.map((j) => pool!.run(j)));
    expect(results.map((r) => [r.id, r.status])).toEqual(jobs.map((j) => [j.id, 'complete']));
    expect(new Set(results.map((r) => r.worker))).toEqual(new Set(['thread-1', 'thread-2']));
  });

  it('records a failed job and a crashed thread as failed results; the other jobs complete', async () => {
    pool = new ThreadPool({ size: 2, entry: STUB });
    const results = await Promise.all(
      [job('ok1'), job('bad', { fail: 'no data' }), job('boom', { crash: true }), job('ok2')].map(
        (j) => pool!.run(j),
      ),
    );
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['ok1', 'complete'],
      ['bad', 'failed'],
      ['boom', 'failed'],
      ['ok2', 'complete'],
    ]);
    expect(results[1]?.error).toBe('no data');
    expect(results[2]?.error).toMatch(/worker thread thread-\d crashed: thread blew up/);
  });

  it('abort stops the running jobs (incomplete) and cancels the queued ones', async () => {
    pool = new ThreadPool({ size: 1, entry: STUB, name: 'w' });
    const running = pool.run(job('long', { waitForAbort: true }));
    const queued = pool.run(job('next'));
    await new Promise((r) => setTimeout(r, 50));
    pool.abort();
    expect(await running).toMatchObject({ id: 'long', status: 'incomplete', worker: 'w-1' });
    expect(await queued).toMatchObject({ id: 'next', status: 'cancelled' });
    expect(await pool.run(job('after'))).toMatchObject({ status: 'cancelled' });
  });
});
