import { LiveSession } from '../engine/index.ts';
import { openRecorder, type RunRecorder } from '../store/index.ts';
import { fanOut } from './fan-out.ts';
import type { LiveInput } from './live-feed.ts';
import { LiveShards } from './live-shards.ts';
import { runInfoOf } from './run-plan.ts';
import type { KernelResult, OpenedRun, OpenRunOptions } from './run-types.ts';

/**
 * The live half of the kernel (see openRun): the feed, the live clock, the engine — on this
 * thread, or with `shards` > 1 on that many worker threads ({@link LiveShards}) — and the one
 * recorder. Either way this thread owns the feed connection, its journal, the bar boundaries and
 * the run file, so a sharded run's file is readable while it runs and replays like any other.
 */
export async function openLive(
  opts: OpenRunOptions,
  input: LiveInput,
  name?: string,
  shards = 1,
): Promise<OpenedRun> {
  const { plan } = opts;
  const { feed, intervalMs, reorderWindowMs } = input;
  const dataName = name ?? `${feed.name} ${feed.status().url}`;
  const recorder = await openRecorder(
    opts.file,
    runInfoOf(plan, opts.runId, feed.symbols, dataName, false),
    { mode: opts.recorder, kind: 'live' },
  );
  const sink = fanOut([recorder, ...(opts.sinks ?? [])]);
  const stopwatch = (): number => performance.now();
  const epochClock = (): number => performance.timeOrigin + performance.now();
  let sharded: LiveShards | null = null;
  if (shards > 1) {
    try {
      sharded = await LiveShards.start({
        plan,
        shards,
        symbols: feed.symbols,
        sink,
        recorder,
        stopwatch,
        epochClock,
        onDecisionLatency: opts.onDecisionLatency,
      });
    } catch (error) {
      await finishFailed(recorder, 0, error);
      throw error;
    }
  }
  const engine = sharded;
  const session = new LiveSession({
    config: plan.config,
    feed,
    sink,
    intervalMs,
    reorderWindowMs,
    stopwatch,
    onDecisionLatency: opts.onDecisionLatency,
    epochClock,
    // the feed journal (feed_messages) that `livemodel replay` plays back
    wallClock: () => Date.now(),
    engine: engine === null ? undefined : (s) => engine.attach(s),
  });
  return {
    mode: 'live',
    engine: session.engine,
    recorder,
    replayClock: null,
    session,
    symbols: feed.symbols,
    dataName,
    async run(
      signal?: AbortSignal,
      stoppedAs?: () => 'complete' | 'incomplete',
    ): Promise<KernelResult> {
      const stop = signal ?? new AbortController().signal;
      let result: Awaited<ReturnType<LiveSession['run']>>;
      try {
        // a shard's failure stops the feed as Ctrl-C would; finishing then rethrows it
        result = await session.run(engine === null ? stop : AbortSignal.any([stop, engine.failed]));
      } catch (error) {
        await engine?.close();
        await finishFailed(recorder, session.engine.bars, error);
        throw error;
      }
      const rejects = recorder.count('data_rejects');
      const status = result.ended === 'stopped' ? (stoppedAs?.() ?? 'complete') : 'complete';
      await recorder.finish(status, { bars: result.bars, rejects, finishedAtMs: Date.now() });
      return {
        status,
        bars: result.bars,
        rejects,
        gaps: 0,
        symbols: feed.symbols,
        ended: result.ended,
      };
    },
  };
}

async function finishFailed(recorder: RunRecorder, bars: number, error: unknown): Promise<void> {
  await recorder.finish('failed', {
    bars,
    rejects: recorder.count('data_rejects'),
    error: error instanceof Error ? error.message : String(error),
    finishedAtMs: Date.now(),
  });
}
