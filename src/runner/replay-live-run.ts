import { join, resolve } from 'node:path';
import { InputError } from '../core/index.ts';
import { type RunSummary, writeReport } from '../report/index.ts';
import { validateScenario } from '../scenario/index.ts';
import { openRunStore, readFeedMessages, readRun } from '../store/index.ts';
import { recordedLiveInput } from './recorded-feed.ts';
import { type KernelResult, openRun } from './run-kernel.ts';
import { prepareRunFolder } from './run-outputs.ts';
import { planOfScenario, type RunPlan } from './run-plan.ts';

export interface ReplayLiveResult {
  readonly outDir: string;
  readonly result: KernelResult;
  readonly summary: RunSummary;
}

/**
 * `livemodel replay`: plays a live run's feed journal (`feed_messages`) back through the same
 * kernel, session, live clock and engine — the scenario, seed and backend recorded in its
 * `runs` row — into a new run folder. Live and replay share one code path, so the recorded
 * predictions, transitions and equity come out identical.
 *
 * @throws {InputError} when `dir` holds no run file, or a run with no feed journal.
 * @example
 * const r = await replayLiveRun('reports/live-binance', 'reports/live-binance-replay');
 */
export async function replayLiveRun(dir: string, out?: string): Promise<ReplayLiveResult> {
  const store = await openRunStore(dir);
  let plan: RunPlan;
  let journal: Awaited<ReturnType<typeof readFeedMessages>>;
  try {
    const run = await readRun(store);
    const scenario = validateScenario(
      JSON.parse(run.config) as unknown,
      `${store.file} (runs.config)`,
    );
    plan = await planOfScenario(scenario);
    journal = await readFeedMessages(store);
  } finally {
    store.close();
  }
  if (journal.length === 0)
    throw new InputError(
      `${store.file} has no feed journal: only runs of \`livemodel live\` can be replayed`,
    );
  const folder = prepareRunFolder(resolve(out ?? `${dir.replace(/\/$/, '')}-replay`));
  try {
    let apply:
      | ((c: { kind: 'interval' | 'reorder'; payload: Record<string, number> }) => void)
      | null = null;
    const input = recordedLiveInput(journal, (c) => apply?.(c));
    const opened = await openRun({
      plan,
      file: folder.file,
      runId: folder.runId,
      input: { kind: 'live', prepared: input, dataName: `replay of ${join(dir, 'run.duckdb')}` },
    });
    const session = opened.session;
    if (session === null) throw new Error('openRun: a live input opened no live session');
    apply = (c) => {
      if (c.kind === 'interval')
        session.setInterval(String(c.payload['symbol']), Number(c.payload['intervalMs']));
      else session.setReorderWindow(Number(c.payload['windowMs']));
    };
    const result = await opened.run();
    const report = await writeReport(folder.outDir);
    return { outDir: folder.outDir, result, summary: report.summary };
  } finally {
    folder.release();
  }
}
