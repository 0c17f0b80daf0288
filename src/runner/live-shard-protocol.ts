import type { MessagePort } from 'node:worker_threads';
import type { Bar, EpochMs, OutcomeEvent } from '../core/index.ts';
import type { ActorChange, Engine, LiveEngine } from '../engine/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { ColumnBatch, Dictionaries } from '../store/index.ts';
import type { RunRequest } from './run-plan.ts';

/*
 * The messages between a sharded live run's main thread (live-shards.ts: the feed, the live
 * clock, the recorder) and its shard workers (live-shard-worker.ts: an engine over a share of
 * the symbols). Commands go to a worker in order on its own port; everything a worker sends —
 * outcomes, replies, its end — comes back in order on one port, which the main thread reads
 * asynchronously, or synchronously while it waits for a reply.
 */

/** What a shard worker starts with (structured-cloneable, the port transferred). */
export interface LiveShardJob {
  readonly index: number;
  /** The run's validated scenario: the worker plans its engine from it, as the main thread did. */
  readonly scenario: Scenario;
  readonly request: RunRequest;
  /** Symbols known at the start: their actors are created before the first bar. */
  readonly symbols: readonly string[];
  /** The run file's dictionaries (live runs: none), for encoding the bulk rows as it will. */
  readonly dictionaries: Dictionaries;
  /** Worker → main, in order. */
  readonly port: MessagePort;
  /** Int32 slot 0: reports posted so far (the main thread waits on it during a call). */
  readonly state: SharedArrayBuffer;
}

/** A question or command for the engine of a shard (the control API's). */
export type ShardCall =
  | { readonly method: 'status'; readonly symbol?: string | undefined }
  | {
      readonly method: 'command';
      readonly symbol: string;
      readonly cmd: Parameters<LiveEngine['command']>[1];
      readonly variant?: string | undefined;
    }
  | { readonly method: 'reconfigure'; readonly symbol: string; readonly change: ActorChange }
  | { readonly method: 'actor'; readonly symbol: string; readonly variant?: string | undefined };

/**
 * Main → worker. Every message carries the market time it applies at: the worker's clock
 * advances to it first (firing the timers due by then, as the live clock did on the main
 * thread), so timers fire in the same order relative to the symbol's bars as in one thread.
 */
export type ShardCommand =
  /**
   * The shard's bars of one slice (sorted by symbol; see {@link packBars}); `seq` numbers the
   * run's slices.
   */
  | {
      readonly type: 'slice';
      readonly seq: number;
      readonly ts: EpochMs;
      readonly symbols: string[];
      readonly values: Float64Array;
    }
  | { readonly type: 'call'; readonly id: number; readonly now: EpochMs; readonly call: ShardCall }
  /** The feed has ended and every bar is sent: finish the engine. */
  | { readonly type: 'finish'; readonly now: EpochMs };

/** Worker → main. */
export type ShardReport =
  | { readonly type: 'ready' }
  /**
   * What the engine wrote since the last report: the bulk rows (predictions, equity, ensemble
   * weights — only the run file reads them) already encoded for the recorder, their buffers
   * transferred; the other outcomes as they are, in order. `marks`: per decided symbol-bar,
   * three numbers — how many of `events` were written up to its decision, its bar's end, its
   * slice's `seq`. `done`: the slice this message completes (-1: none). `bars`: the engine's
   * count.
   */
  | {
      readonly type: 'out';
      readonly batches: ColumnBatch[];
      readonly events: OutcomeEvent[];
      readonly marks: Float64Array;
      readonly done: number;
      readonly bars: number;
    }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | {
      readonly type: 'reply';
      readonly id: number;
      readonly ok: false;
      readonly name: string;
      readonly message: string;
    }
  /**
   * `busy`: the share of wall time the worker's event loop was busy since its engine was ready;
   * `cpu`: the CPU seconds its thread used meanwhile (null where the OS does not tell).
   */
  | {
      readonly type: 'finished';
      readonly bars: number;
      readonly busy: number;
      readonly cpu: number | null;
    }
  | { readonly type: 'failed'; readonly name: string; readonly message: string };

/**
 * A shard engine's answer to a control call (in a worker, or for the shard on the main thread):
 * lists of per-symbol rows, a boolean, or an actor's drift detectors and buffer sizes (null for
 * an unknown symbol or variant).
 *
 * @throws {InputError} when the engine refuses a setting (a detector threshold out of range).
 * @example
 * answerCall(engine, { method: 'status', symbol: 'BTCUSDT' }); // [{ symbol: 'BTCUSDT', … }]
 */
export function answerCall(e: Engine, call: ShardCall): unknown {
  switch (call.method) {
    case 'status':
      return e.status(call.symbol);
    case 'command':
      return e.command(call.symbol, call.cmd, call.variant);
    case 'reconfigure':
      return e.reconfigure(call.symbol, call.change);
    case 'actor': {
      const a = e.actor(call.symbol, call.variant);
      return a === undefined ? null : { driftSpecs: a.driftSpecs, sizes: a.sizes() };
    }
  }
}

/** Numbers of a bar, in {@link packBars}' order. */
const FIELDS = 6;

/**
 * Bars as one array of symbols and one of numbers (ts, open, high, low, close, volume per bar):
 * a structured clone of a thousand bar objects costs milliseconds; these move for almost nothing.
 *
 * @example
 * const { symbols, values } = packBars(bars);
 * unpackBars(symbols, values); // equal to bars
 */
export function packBars(bars: readonly Bar[]): { symbols: string[]; values: Float64Array } {
  const values = new Float64Array(bars.length * FIELDS);
  const symbols: string[] = [];
  for (const [i, b] of bars.entries()) {
    symbols.push(b.symbol);
    values.set([b.ts, b.open, b.high, b.low, b.close, b.volume], i * FIELDS);
  }
  return { symbols, values };
}

/** The bars of {@link packBars}. */
export function unpackBars(symbols: readonly string[], values: Float64Array): Bar[] {
  return symbols.map((symbol, i) => {
    const o = i * FIELDS;
    return {
      symbol,
      ts: values[o] as EpochMs,
      open: values[o + 1] as number,
      high: values[o + 2] as number,
      low: values[o + 3] as number,
      close: values[o + 4] as number,
      volume: values[o + 5] as number,
    };
  });
}
