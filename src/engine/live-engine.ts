import type { TimeSlice } from '../clock/index.ts';
import type { CommandResult, LifecycleCommand } from '../lifecycle/index.ts';
import type { DriftMonitorSpec } from './config.ts';
import type { SymbolStatus } from './symbol-status.ts';

/** What the control API reads of one symbol's actor (a SymbolActor matches it). */
export interface ActorView {
  /** The drift detectors being fed. */
  readonly driftSpecs: DriftMonitorSpec[];
  /** Sizes of the actor's bounded buffers. */
  sizes(): { pending: number; recent: number; snapshots: number; versions: number };
}

/** A change to one symbol's monitoring and buffers while running (see SymbolActor.reconfigure). */
export interface ActorChange {
  readonly drift?: readonly DriftMonitorSpec[];
  readonly recentWindow?: number;
}

/**
 * What a {@link LiveSession} hands its closed bars to and the control API drives: the
 * {@link Engine} on the session's thread matches it structurally; a sharded live run
 * (runner/live-shards.ts) implements it over engines on worker threads.
 */
export interface LiveEngine {
  /** Bars decided so far (every symbol). */
  readonly bars: number;
  /** Slices decided so far. */
  readonly slices: number;
  /** Creates the actors of known symbols now rather than on their first bar. */
  prepare(symbols: Iterable<string>): void;
  /**
   * Decides on all bars of one timestamp. `startedMs`: the session's stopwatch at the arrival of
   * the message that closed the slice (NaN when none did: the end of the stream).
   */
  onSlice(slice: TimeSlice, startedMs?: number): void;
  /** Ends the run: unresolved predictions and the version registry are recorded. */
  finish(): void | Promise<void>;
  status(symbol?: string): SymbolStatus[];
  command(
    symbol: string,
    cmd: LifecycleCommand,
    variant?: string,
  ): { symbol: string; variant: string; result: CommandResult }[];
  /** Known symbols, sorted. */
  symbols(): string[];
  /** Reconfigures every variant's actor of a symbol; false for an unknown symbol. */
  reconfigure(symbol: string, change: ActorChange): boolean;
  /** One symbol's actor (of one variant, default the first), as the API reads it. */
  actor(symbol: string, variant?: string): ActorView | undefined;
}
