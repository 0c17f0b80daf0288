import type { ReplayClock } from '../clock/index.ts';
import type { AlertOutcome, OutcomeEvent, OutcomeSink } from '../core/index.ts';
import {
  createReplayClock,
  Engine,
  LiveSession,
  type PhaseSink,
  phaseSinks,
  runReplay,
} from '../engine/index.ts';
import { type Gap, type OpenedSource, openSource } from '../feeds/index.ts';
import { openRecorder, type RecorderMode, type RunRecorder } from '../store/index.ts';
import { createLiveInput, type LiveFeedOptions, type LiveInput } from './live-feed.ts';
import type { RunProgressSink } from './run-progress-sink.ts';
import { type RunPlan, runInfoOf } from './run-plan.ts';

/** What a run reads: the plan's data replayed on a virtual clock, or a live feed. */
export type RunInput =
  | {
      readonly kind: 'replay';
      /** Paced replay: market ms per real ms; default as fast as possible. */
      readonly speed?: number | undefined;
      /** Symbols of this execution (a shard), or all the plan asks for. */
      readonly symbols?: readonly string[] | undefined;
      /** Every symbol of the run, for the dictionaries (shards share them so their files merge). */
      readonly allSymbols?: readonly string[] | undefined;
      /** Record rejected input rows (shards other than the first skip them: they read the same file). */
      readonly recordRejects?: boolean | undefined;
    }
  | { readonly kind: 'live'; readonly feed: LiveFeedOptions }
  /** A feed already built (a live run's journal played back by `livemodel replay`). */
  | { readonly kind: 'live'; readonly prepared: LiveInput; readonly dataName?: string };

export interface OpenRunOptions {
  readonly plan: RunPlan;
  /** The run file to write (its folder prepared by {@link prepareRunFolder}). */
  readonly file: string;
  readonly runId: string;
  readonly input: RunInput;
  /** Sinks that see every outcome besides the recorder (the API's event bus and stats, printers). */
  readonly sinks?: readonly OutcomeSink[] | undefined;
  /** Told what is being done, with counts (never read by the run: it only observes). */
  readonly progress?: RunProgressSink | undefined;
  /**
   * Told the wall time (ms) from each bar close to the engine's recorded decision on it (a
   * replay: from the clock releasing the slice; live: from the arrival of the message that
   * closed the bar). Observes only, for `/metrics`.
   */
  readonly onDecisionLatency?: ((ms: number) => void) | undefined;
  /** Where the DuckDB appends run (default: `LIVEMODEL_RECORDER`, else store's default for replay or live). */
  readonly recorder?: RecorderMode | undefined;
}

export interface KernelResult {
  /** `complete`, or `incomplete` when a replay was stopped. A live run that was stopped is complete (docs/live.md). */
  readonly status: 'complete' | 'incomplete';
  readonly bars: number;
  readonly rejects: number;
  readonly gaps: number;
  readonly symbols: readonly string[];
  /** Live: whether the source ended or the run was stopped. */
  readonly ended: 'source' | 'stopped';
}

/** A run whose source (or feed), clock, engine and recorder are open; nothing has been read yet. */
export interface OpenedRun {
  readonly mode: 'replay' | 'live';
  readonly engine: Engine;
  readonly recorder: RunRecorder;
  /** The replay's virtual clock (null in live mode). */
  readonly replayClock: ReplayClock | null;
  /** The live session (null in replay mode). */
  readonly session: LiveSession | null;
  readonly symbols: readonly string[];
  /** What the `runs` row names as the data. */
  readonly dataName: string;
  /**
   * Runs to the end of the source, the end of the feed, or `signal`; then finishes the engine and
   * the run file (`complete`, `incomplete` or, rethrowing the error, `failed`) and closes the source.
   * A replay stopped by `signal` is `incomplete`; a live run stopped by it is `stoppedAs()`
   * (default `complete`: stopping is how a live session normally ends).
   */
  run(signal?: AbortSignal, stoppedAs?: () => 'complete' | 'incomplete'): Promise<KernelResult>;
}

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
  return 'prepared' in opts.input
    ? openLive(opts, opts.input.prepared, opts.input.dataName)
    : openLive(opts, createLiveInput(opts.input.feed, opts.plan.scenario.seed));
}

/** Fans one outcome out to several sinks. */
function fanOut(sinks: readonly OutcomeSink[]): OutcomeSink {
  if (sinks.length === 1) return sinks[0] as OutcomeSink;
  return {
    write: (e) => {
      for (const s of sinks) s.write(e);
    },
  };
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

async function openLive(opts: OpenRunOptions, input: LiveInput, name?: string): Promise<OpenedRun> {
  const { plan } = opts;
  const { feed, intervalMs, reorderWindowMs } = input;
  const dataName = name ?? `${feed.name} ${feed.status().url}`;
  const recorder = await openRecorder(
    opts.file,
    runInfoOf(plan, opts.runId, feed.symbols, dataName, false),
    { mode: opts.recorder, kind: 'live' },
  );
  const session = new LiveSession({
    config: plan.config,
    feed,
    sink: fanOut([recorder, ...(opts.sinks ?? [])]),
    intervalMs,
    reorderWindowMs,
    stopwatch: () => performance.now(),
    onDecisionLatency: opts.onDecisionLatency,
    epochClock: () => performance.timeOrigin + performance.now(),
    // the feed journal (feed_messages) that `livemodel replay` plays back
    wallClock: () => Date.now(),
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
        result = await session.run(stop);
      } catch (error) {
        await recorder.finish('failed', {
          bars: session.engine.bars,
          rejects: recorder.count('data_rejects'),
          error: error instanceof Error ? error.message : String(error),
          finishedAtMs: Date.now(),
        });
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
