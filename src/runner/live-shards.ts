import type { TimeSlice } from '../clock/index.ts';
import type { Bar, EpochMs, OutcomeEvent, OutcomeSink } from '../core/index.ts';
import type {
  ActorChange,
  ActorView,
  LiveEngine,
  LiveSession,
  SymbolStatus,
} from '../engine/index.ts';
import type { ColumnBatch, Dictionaries } from '../store/index.ts';
import { ShardLink } from './live-shard-link.ts';
import { LocalShard } from './local-shard.ts';
import { packBars, type ShardCall, type ShardReport } from './live-shard-protocol.ts';
import { ShardControl } from './shard-control.ts';
import { SymbolPlacement } from './symbol-placement.ts';
import { threadCpuSeconds } from './thread-cpu.ts';
import type { RunPlan } from './run-plan.ts';

export interface LiveShardsOptions {
  readonly plan: RunPlan;
  /**
   * Shares of the symbols (≥ 2): the first is decided on this thread, each other on a worker
   * thread of its own.
   */
  readonly shards: number;
  /** Symbols known at the start (the feed's); others are placed as they first close a bar. */
  readonly symbols: readonly string[];
  /**
   * Where the workers' outcomes go, in each worker's order: the recorder and the run's sinks —
   * but for the bulk rows (predictions, equity, ensemble weights), which the workers encode
   * and which go to `recorder` only.
   */
  readonly sink: OutcomeSink;
  readonly recorder: { writeBatch(batch: ColumnBatch): void };
  /** The run file's dictionaries (live runs: none). */
  readonly dictionaries?: Dictionaries | undefined;
  /** High-resolution stopwatch in ms (performance.now): the session's. */
  readonly stopwatch: () => number;
  /** High-resolution wall time in epoch ms (see LiveSessionOptions.epochClock). */
  readonly epochClock: () => number;
  /** Told each slice's latency (ms), from the closing message to its last decision recorded. */
  readonly onDecisionLatency?: ((ms: number) => void) | undefined;
}

type Command = Parameters<LiveEngine['command']>[1];
type CommandAnswer = ReturnType<LiveEngine['command']>;

/**
 * Slices a shard may have to decide before the feed waits for it: bounds the memory of a run
 * whose shards fall behind (an engine on the main thread holds the feed back the same way).
 */
const MAX_OWED = 32;

/**
 * The engine of a sharded live run: the symbols are split into `shards` shares, each decided by
 * an {@link Engine} of its own — the first on this thread ({@link LocalShard}, on the session's
 * live clock), the others on worker threads (live-shard-worker.ts) — while this thread keeps the
 * feed, its journal, the live clock and the one recorder. Each closed slice is cut by shard: the
 * workers' shares are sent off with the slice's market time (their clocks follow this one, so
 * timers fire in the same order relative to each symbol's bars), then this thread decides its
 * own share while they decide theirs. Symbols never interact inside an engine, so the recorded
 * rows equal a one-thread run's (in another order across symbols).
 *
 * Latencies: this thread's symbol-bars are timed when decided, as on one thread; a worker's when
 * its rows reach the recorder here — per symbol-bar from the closing message and from the bar's
 * end; per slice, to its last symbol recorded.
 * A worker's failure aborts {@link failed}; `finish` then rejects with it.
 *
 * @example
 * const shards = await LiveShards.start({ plan, shards: 2, symbols, sink, recorder, stopwatch, epochClock });
 * const session = new LiveSession({ ..., engine: (s) => shards.attach(s) });
 * await session.run(AbortSignal.any([stop, shards.failed]));
 */
export class LiveShards implements LiveEngine {
  private readonly opts: LiveShardsOptions;
  /** Shard 0, on this thread. */
  private readonly local: LocalShard;
  /** Shards 1…n-1, on worker threads (`links[k - 1]` is shard k). */
  private links: ShardLink[] = [];
  private readonly placement: SymbolPlacement;
  private readonly control: ShardControl;
  private readonly barsOf: number[];
  /** Slices sent to each shard and not yet decided. */
  private readonly owed: number[];
  /** Slices sent and not yet recorded by every shard they went to. */
  private readonly pending = new Map<number, { started: number; waiting: number }>();
  private readonly abort = new AbortController();
  private session: LiveSession | null = null;
  private error: Error | null = null;
  private seq = 0;
  private done = 0;
  private started = performance.eventLoopUtilization();
  private mainBusy = Number.NaN;
  private cpuAtStart = threadCpuSeconds();
  private mainCpu: number | null = null;

  private constructor(opts: LiveShardsOptions) {
    this.opts = opts;
    this.placement = new SymbolPlacement(opts.symbols, opts.shards);
    this.barsOf = this.placement.groups().map(() => 0);
    this.owed = this.placement.groups().map(() => 0);
    this.local = new LocalShard(this.placement.groups()[0] ?? [], opts);
    const variants = opts.plan.config.variants.map((v) => v.name);
    this.control = new ShardControl(this.placement, opts.shards, variants, (k, call) =>
      this.callShard(k, call),
    );
  }

  /**
   * Starts the worker shards (the symbols known at the start round-robin over their sorted list)
   * and waits for their engines; shard 0's is built by {@link attach}.
   */
  static async start(opts: LiveShardsOptions): Promise<LiveShards> {
    const shards = new LiveShards(opts);
    const groups = shards.placement.groups().slice(1);
    const { scenario, request } = opts.plan;
    const started = await Promise.allSettled(
      groups.map((symbols, i) =>
        ShardLink.start(
          i + 1,
          { scenario, request, symbols, dictionaries: opts.dictionaries ?? {} },
          {
            out: (i, r) => shards.onOut(i, r),
            failed: (e) => shards.fail(e),
          },
        ),
      ),
    );
    shards.links = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = started.find((r) => r.status === 'rejected');
    if (refused !== undefined) {
      await shards.close();
      throw (refused as PromiseRejectedResult).reason;
    }
    return shards;
  }

  /** Aborted when a worker fails: stop the session with it. */
  get failed(): AbortSignal {
    return this.abort.signal;
  }

  /** Binds the session whose clock and latency stats this engine uses (LiveSessionOptions.engine). */
  attach(session: LiveSession): this {
    this.session = session;
    this.local.attach(session);
    this.started = performance.eventLoopUtilization();
    this.cpuAtStart = threadCpuSeconds();
    return this;
  }

  get bars(): number {
    return this.local.bars + this.barsOf.reduce((a, b) => a + b, 0);
  }

  get slices(): number {
    return this.done;
  }

  prepare(): void {
    // the workers prepared the symbols known at the start
  }

  onSlice(slice: TimeSlice, startedMs = Number.NaN): void {
    if (this.error !== null) throw this.error;
    const seq = this.seq++;
    const parts: Bar[][] = this.owed.map(() => []);
    for (const bar of slice.bars) parts[this.placement.place(bar.symbol)]?.push(bar);
    let waiting = 0;
    for (const [i, link] of this.links.entries()) {
      const bars = parts[i + 1] ?? [];
      if (bars.length === 0) continue;
      while ((this.owed[i + 1] ?? 0) >= MAX_OWED) link.awaitSlice();
      this.owed[i + 1] = (this.owed[i + 1] ?? 0) + 1;
      const { symbols, values } = packBars(bars);
      link.post({ type: 'slice', seq, ts: slice.ts, symbols, values }, [
        values.buffer as ArrayBuffer,
      ]);
      waiting++;
    }
    // this thread's share while the workers decide theirs
    const own = parts[0] ?? [];
    if (own.length > 0) this.local.decide(slice.ts, own, startedMs);
    this.pending.set(seq, { started: startedMs, waiting: waiting + 1 });
    this.sliceDone(seq); // this thread's part is done
  }

  /**
   * The share of wall time each thread's event loop was busy while the run went — this one (the
   * feed, the clock, the recorder's encoding) and each shard — known once finished (NaN before):
   * the busiest is what limits the latency.
   */
  busy(): {
    main: number;
    shards: number[];
    cpu: { main: number | null; shards: (number | null)[] };
  } {
    const cpu = { main: this.mainCpu, shards: this.links.map((l) => l.cpu) };
    return { main: this.mainBusy, shards: this.links.map((l) => l.busy), cpu };
  }

  async finish(): Promise<void> {
    this.mainBusy = performance.eventLoopUtilization(this.started).utilization;
    const cpu = threadCpuSeconds();
    this.mainCpu = cpu === null || this.cpuAtStart === null ? null : cpu - this.cpuAtStart;
    const now = this.now();
    // as an engine on one thread finishes after an error: the shards that can, record their end
    const ends = await Promise.allSettled([
      (async () => this.local.finish())(),
      ...this.links.map((l) => l.finish(now)),
    ]);
    await this.close();
    if (this.error !== null) throw this.error;
    const refused = ends.find((e) => e.status === 'rejected');
    if (refused !== undefined) throw (refused as PromiseRejectedResult).reason;
  }

  /** Ends every worker (idempotent): after `finish`, or when the run failed before it. */
  async close(): Promise<void> {
    await Promise.all(this.links.map((l) => l.close()));
  }

  status(symbol?: string): SymbolStatus[] {
    return this.control.status(symbol);
  }

  command(symbol: string, cmd: Command, variant?: string): CommandAnswer {
    return this.control.command(symbol, cmd, variant);
  }

  symbols(): string[] {
    return this.control.symbols();
  }

  reconfigure(symbol: string, change: ActorChange): boolean {
    return this.control.reconfigure(symbol, change);
  }

  actor(symbol: string, variant?: string): ActorView | undefined {
    return this.control.actor(symbol, variant);
  }

  /** A control call to shard k: this thread's engine, or a worker's (synchronously). */
  private callShard(k: number, call: ShardCall): unknown {
    return k === 0 ? this.local.call(call) : this.links[k - 1]?.call(call, this.now());
  }

  private now(): EpochMs {
    return this.session?.clock.now() ?? (0 as EpochMs);
  }

  /** A worker's outcomes, in its order: to the sink, timing each symbol-bar and slice recorded. */
  private onOut(k: number, r: Extract<ShardReport, { type: 'out' }>): void {
    // after another shard's failure too: what the others decide and finish is recorded
    try {
      this.barsOf[k] = r.bars;
      const { events, marks } = r;
      const { sink, stopwatch, epochClock, recorder } = this.opts;
      for (const b of r.batches) recorder.writeBatch(b);
      let i = 0;
      for (let m = 0; m < marks.length; m += 3) {
        for (const upTo = marks[m] as number; i < upTo; i++) sink.write(events[i] as OutcomeEvent);
        const started = this.pending.get(marks[m + 2] as number)?.started ?? Number.NaN;
        if (this.session === null || Number.isNaN(started)) continue;
        this.session.symbolLatency.add(stopwatch() - started);
        this.session.closeLatency.add(epochClock() - (marks[m + 1] as number));
      }
      for (; i < events.length; i++) sink.write(events[i] as OutcomeEvent);
      if (r.done >= 0) {
        this.owed[k] = (this.owed[k] ?? 1) - 1;
        this.sliceDone(r.done);
      }
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private sliceDone(seq: number): void {
    const p = this.pending.get(seq);
    if (p === undefined || --p.waiting > 0) return;
    this.pending.delete(seq);
    this.done++;
    if (Number.isNaN(p.started)) return;
    const ms = this.opts.stopwatch() - p.started;
    this.session?.latency.add(ms);
    this.opts.onDecisionLatency?.(ms);
  }

  private fail(error: Error): void {
    if (this.error !== null) return;
    this.error = error;
    this.abort.abort(error);
  }
}
