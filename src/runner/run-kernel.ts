import type { AlertOutcome, OutcomeEvent } from '../core/index.ts';
import {
  createReplayClock,
  Engine,
  type PhaseSink,
  phaseSinks,
  runReplay,
} from '../engine/index.ts';
import { type Gap, type OpenedSource, openSource } from '../feeds/index.ts';
import { openRecorder, type RunRecorder } from '../store/index.ts';
import { fanOut } from './fan-out.ts';
import { createLiveInput } from './live-feed.ts';
import { openLive } from './open-live.ts';
import { runInfoOf } from './run-plan.ts';
import type { KernelResult, OpenedRun, OpenRunOptions, RunInput } from './run-types.ts';

export type {
  KernelResult,
  LiveSharding,
  OpenedRun,
  OpenRunOptions,
  RunInput,
} from './run-types.ts';

/**
 * The one kernel every mode runs through (`run`, its shards, sweep jobs, `serve`, `live`): opens
 * the source or the feed, the clock, the engine and the recorder (with the TensorFlow.js backend
 * the plan chose), wires rejected rows to `data_rejects` and data gaps to `alerts`, and owns the
 * run file from open to `complete`, `incomplete` or `failed`.
 *
 * @example
 * const opened = await openRun({ plan, file: 'reports/q/run.duckdb', runId, input: { kind: 'replay' } });
 * const result = await opened.run(signal); // the run file is finished whatever happens
 */
export async function openRun(opts: OpenRunOptions): Promise<OpenedRun> {
  if (opts.input.kind === 'replay') return openReplay(opts, opts.input);
  const shards = opts.input.shards ?? 1;
  return 'prepared' in opts.input
    ? openLive(opts, opts.input.prepared, opts.input.dataName, shards)
    : openLive(opts, createLiveInput(opts.input.feed, opts.plan.scenario.seed), undefined, shards);
}

async function openReplay(
  opts: OpenRunOptions,
  input: Extract<RunInput, { kind: 'replay' }>,
): Promise<OpenedRun> {
  const { plan, progress } = opts;
  const early: OutcomeEvent[] = [];
  // What the source refuses or finds missing leaves through the feed phase's sink (phase-sinks.ts).
  let sink: PhaseSink<'feed'> = { phase: 'feed', write: (e) => early.push(e) };
  const counts = { rejects: 0, gaps: 0 };
  const recordRejects = input.recordRejects ?? true;
  progress?.loading(plan.data.file ?? 'synthetic market');
  const source: OpenedSource = await openSource(
    { ...plan.data, symbols: input.symbols ?? plan.symbols },
    {
      baseDir: plan.baseDir,
      seed: plan.scenario.seed,
      origin: plan.request.scenario ?? '(scenario)',
      onReject: (r) => {
        counts.rejects++;
        if (recordRejects) sink.write(r);
      },
      onGap: (g) => {
        counts.gaps++;
        sink.write(gapAlert(g));
      },
    },
  );
  const dataName = plan.request.data ?? plan.scenario.data.file ?? source.name;
  let recorder: RunRecorder;
  try {
    recorder = await openRecorder(
      opts.file,
      runInfoOf(plan, opts.runId, input.allSymbols ?? source.symbols, dataName),
      { mode: opts.recorder, kind: 'replay' },
    );
  } catch (error) {
    source.close();
    throw error;
  }
  for (const e of early) recorder.write(e);
  const all = fanOut([recorder, ...(opts.sinks ?? [])]);
  sink = phaseSinks(all).feed;
  const clock = createReplayClock();
  const engine = new Engine(plan.config, clock, all);
  const rejects = (): number => (recordRejects ? counts.rejects : 0);
  return {
    mode: 'replay',
    engine,
    recorder,
    replayClock: clock,
    session: null,
    symbols: source.symbols,
    dataName,
    async run(signal?: AbortSignal): Promise<KernelResult> {
      let aborted: boolean;
      try {
        progress?.replaying(
          source.expectedBars,
          plan.config.variants.map((v) => v.name),
        );
        const result = await runReplay(source, engine, clock, signal, {
          speed: input.speed,
          onProgress:
            progress === undefined ? undefined : (bars, slices) => progress.advanced(bars, slices),
          stopwatch: () => performance.now(),
          onDecision: opts.onDecisionLatency,
        });
        aborted = result.aborted;
        progress?.closing();
      } catch (error) {
        await recorder.finish('failed', {
          bars: engine.bars,
          rejects: rejects(),
          error: (error as Error).message,
          finishedAtMs: Date.now(),
        });
        throw error;
      } finally {
        source.close();
      }
      const status = aborted ? 'incomplete' : 'complete';
      await recorder.finish(status, {
        bars: engine.bars,
        rejects: rejects(),
        finishedAtMs: Date.now(),
      });
      return {
        status,
        bars: engine.bars,
        rejects: rejects(),
        gaps: counts.gaps,
        symbols: source.symbols,
        ended: aborted ? 'stopped' : 'source',
      };
    },
  };
}

/** A gap in the data as an alert row (variant `data`, kind `data_gap`, at the first bar after it). */
function gapAlert(g: Gap): AlertOutcome {
  return {
    type: 'alert',
    variant: 'data',
    symbol: g.symbol,
    ts: g.toTs,
    kind: 'data_gap',
    severity: 'warning',
    message: g.message,
  };
}
