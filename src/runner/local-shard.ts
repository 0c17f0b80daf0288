import type { TimeSlice } from '../clock/index.ts';
import type { Bar, EpochMs, OutcomeSink } from '../core/index.ts';
import { Engine, type LiveSession } from '../engine/index.ts';
import { answerCall, type ShardCall } from './live-shard-protocol.ts';
import type { RunPlan } from './run-plan.ts';

/** What the shard on the main thread needs besides its symbols. */
export interface LocalShardOptions {
  readonly plan: RunPlan;
  /** The run's sink: the recorder and the run's sinks, every outcome as on one thread. */
  readonly sink: OutcomeSink;
  readonly stopwatch: () => number;
  readonly epochClock: () => number;
}

/**
 * Shard 0 of a sharded live run: an {@link Engine} on the main thread, over its share of the
 * symbols, on the session's own live clock, writing straight to the run's sink — exactly what a
 * one-thread run does for all symbols. It decides its bars while the worker shards decide theirs,
 * with no hand-off to wait for; its symbol-bars are timed when decided, as on one thread.
 *
 * @example
 * const local = new LocalShard(['AAA'], { plan, sink, stopwatch, epochClock });
 * local.attach(session); // the engine, on session.clock
 * local.decide({ ts, bars }, startedMs);
 */
export class LocalShard {
  private readonly symbols: readonly string[];
  private readonly opts: LocalShardOptions;
  private engine: Engine | null = null;
  private startedMs = Number.NaN;

  constructor(symbols: readonly string[], opts: LocalShardOptions) {
    this.symbols = symbols;
    this.opts = opts;
  }

  /** Builds the engine on the session's clock and creates the actors of its known symbols. */
  attach(session: LiveSession): void {
    const { stopwatch, epochClock } = this.opts;
    this.engine = new Engine(this.opts.plan.config, session.clock, this.opts.sink, (_s, ts) => {
      if (Number.isNaN(this.startedMs)) return;
      session.symbolLatency.add(stopwatch() - this.startedMs);
      session.closeLatency.add(epochClock() - ts);
    });
    this.engine.prepare(this.symbols);
  }

  get bars(): number {
    return this.engine?.bars ?? 0;
  }

  /** Decides on this shard's bars of a slice, now. */
  decide(ts: EpochMs, bars: Bar[], startedMs: number): void {
    this.startedMs = startedMs;
    this.attached().onSlice({ ts, bars } satisfies TimeSlice);
  }

  /** Answers a control call at once (the engine is on this thread). */
  call(call: ShardCall): unknown {
    return answerCall(this.attached(), call);
  }

  finish(): void {
    this.engine?.finish();
  }

  private attached(): Engine {
    if (this.engine === null) throw new Error('LocalShard: used before attach(session)');
    return this.engine;
  }
}
