import type { TimeSlice } from '../clock/index.ts';
import {
  type Bar,
  type Clock,
  createRandom,
  type EpochMs,
  type OutcomeSink,
  type Random,
} from '../core/index.ts';
import type { CommandResult, LifecycleCommand } from '../lifecycle/index.ts';
import { BankRegistry } from '../models/index.ts';
import type { EngineConfig } from './config.ts';
import { type PhaseSinks, phaseSinks } from './phase-sinks.ts';
import { ModelBatch } from './model-batch.ts';
import { SymbolActor } from './symbol-actor.ts';
import type { SymbolStatus } from './symbol-status.ts';

/**
 * Wires a scenario: one {@link SymbolActor} per (variant, symbol), created on the symbol's first
 * bar; routes every clock tick through the three phases with batched model calls in between.
 * The same engine serves replay and live: only the clock and the source differ.
 *
 * @example
 * const engine = new Engine(config, clock, sink);
 * replay(source.batches(), clock).subscribe({ next: (s) => engine.onSlice(s) });
 */
export class Engine {
  readonly config: EngineConfig;
  private readonly clock: Clock;
  private readonly sinks: PhaseSinks;
  private readonly random: Random;
  private readonly actors = new Map<string, SymbolActor[]>();
  private readonly batch = new ModelBatch();
  /** Neural banks of this engine's models (one batched kernel per architecture). */
  readonly banks = new BankRegistry();
  private barsSeen = 0;
  /** The actors of each bar of the current slice (reused). */
  private readonly groups: SymbolActor[][] = [];
  private slicesSeen = 0;
  private readonly settled: ((symbol: string, ts: EpochMs) => void) | undefined;

  /**
   * @param settled told when a symbol's bar is decided — every variant's predictions made, books
   *   re-ordered, its rows handed to the sink — in the order of the slice (a live session times
   *   each symbol's latency from it); it only observes.
   */
  constructor(
    config: EngineConfig,
    clock: Clock,
    sink: OutcomeSink,
    settled?: (symbol: string, ts: EpochMs) => void,
  ) {
    this.config = config;
    this.clock = clock;
    this.sinks = phaseSinks(sink);
    this.settled = settled;
    this.random = createRandom(config.seed);
  }

  get bars(): number {
    return this.barsSeen;
  }

  get slices(): number {
    return this.slicesSeen;
  }

  /** Processes all bars of one timestamp. */
  onSlice(slice: TimeSlice): void {
    const { bars } = slice;
    const batch = this.batch;
    batch.reset();
    const groups = this.groups;
    groups.length = bars.length;
    for (let i = 0; i < bars.length; i++) {
      const bar = barAt(bars, i);
      const group = this.actorsOf(bar.symbol);
      groups[i] = group;
      for (const a of group) a.resolve(bar, batch);
    }
    batch.flushLearning();
    for (let i = 0; i < bars.length; i++) {
      const bar = barAt(bars, i);
      for (const a of groupAt(groups, i)) a.observe(bar, batch);
    }
    batch.flushPredictions();
    const settled = this.settled;
    for (let i = 0; i < bars.length; i++) {
      const bar = barAt(bars, i);
      for (const a of groupAt(groups, i)) a.settle(bar, batch);
      settled?.(bar.symbol, bar.ts);
    }
    this.barsSeen += bars.length;
    this.slicesSeen++;
  }

  /**
   * Creates the actors of known symbols now rather than on their first bar (a live session does
   * this at start, so the first bar close does not pay for building a thousand actors).
   */
  prepare(symbols: Iterable<string>): void {
    for (const s of symbols) this.actorsOf(s);
  }

  /** Ends the run: unresolved predictions and the version registry are recorded. */
  finish(): void {
    for (const group of this.actors.values()) for (const a of group) a.finish();
  }

  /** Sends a command to one symbol (or every symbol with `*`) of one variant (default: all). */
  command(
    symbol: string,
    cmd: LifecycleCommand,
    variant?: string,
  ): { symbol: string; variant: string; result: CommandResult }[] {
    const targets =
      symbol === '*' ? [...this.actors.values()].flat() : (this.actors.get(symbol) ?? []);
    return targets
      .filter((a) => variant === undefined || a.variant.name === variant)
      .map((a) => ({ symbol: a.symbol, variant: a.variant.name, result: a.command(cmd) }));
  }

  /** Status of one symbol, or of all. */
  status(symbol?: string): SymbolStatus[] {
    const groups =
      symbol === undefined ? [...this.actors.values()] : [this.actors.get(symbol) ?? []];
    return groups.flat().map((a) => a.status());
  }

  /**
   * Reconfigures every variant's actor of a symbol while running (see SymbolActor.reconfigure).
   * Returns false for an unknown symbol.
   */
  reconfigure(symbol: string, change: Parameters<SymbolActor['reconfigure']>[0]): boolean {
    const group = this.actors.get(symbol);
    if (group === undefined) return false;
    for (const a of group) a.reconfigure(change);
    return true;
  }

  /** Known symbols, sorted. */
  symbols(): string[] {
    return [...this.actors.keys()].sort();
  }

  /** The actor of one symbol and variant (tests, API). */
  actor(symbol: string, variant?: string): SymbolActor | undefined {
    return this.actors
      .get(symbol)
      ?.find((a) => variant === undefined || a.variant.name === variant);
  }

  private actorsOf(symbol: string): SymbolActor[] {
    let group = this.actors.get(symbol);
    if (group === undefined) {
      group = this.config.variants.map(
        (variant, i) =>
          new SymbolActor({
            config: this.config,
            variant,
            symbol,
            primary: i === 0,
            clock: this.clock,
            sinks: this.sinks,
            random: this.random.fork(`${variant.name}:${symbol}`),
            banks: this.banks,
          }),
      );
      this.actors.set(symbol, group);
    }
    return group;
  }
}

function barAt(bars: readonly Bar[], i: number): Bar {
  const bar = bars[i];
  if (bar === undefined) throw new Error(`Engine: the slice has no bar at index ${i}`);
  return bar;
}

function groupAt(groups: readonly SymbolActor[][], i: number): SymbolActor[] {
  const group = groups[i];
  if (group === undefined) throw new Error(`Engine: no actors were resolved for bar ${i}`);
  return group;
}
