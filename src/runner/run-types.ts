import type { ReplayClock } from '../clock/index.ts';
import type { OutcomeSink } from '../core/index.ts';
import type { LiveEngine, LiveSession } from '../engine/index.ts';
import type { RecorderMode, RunRecorder } from '../store/index.ts';
import type { LiveFeedOptions, LiveInput } from './live-feed.ts';
import type { RunPlan } from './run-plan.ts';
import type { RunProgressSink } from './run-progress-sink.ts';

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
  | ({ readonly kind: 'live'; readonly feed: LiveFeedOptions } & LiveSharding)
  /** A feed already built (a live run's journal played back by `livemodel replay`). */
  | ({
      readonly kind: 'live';
      readonly prepared: LiveInput;
      readonly dataName?: string;
    } & LiveSharding);

/** How many threads decide on a live run's bars. */
export interface LiveSharding {
  /**
   * Worker threads, each running the engine over a share of the symbols while this thread keeps
   * the feed, its journal, the live clock and the recorder (live-shards.ts); default 1: the
   * engine runs on this thread.
   */
  readonly shards?: number | undefined;
}

export interface OpenRunOptions {
  readonly plan: RunPlan;
  /** The run file to write (its folder prepared by {@link prepareRunFolder}). */
  readonly file: string;
  readonly runId: string;
  readonly input: RunInput;
  /**
   * Sinks that see every outcome besides the recorder (the API's event bus and stats, printers) —
   * but in a sharded live run the bulk rows (predictions, equity, ensemble weights), which the
   * shards encode for the run file only.
   */
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
  /** The engine (a replay's; a live run's on this thread, or its shards on worker threads). */
  readonly engine: LiveEngine;
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
