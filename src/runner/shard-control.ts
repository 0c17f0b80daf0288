import type { ActorChange, ActorView, LiveEngine, SymbolStatus } from '../engine/index.ts';
import type { ShardCall } from './live-shard-protocol.ts';
import type { SymbolPlacement } from './symbol-placement.ts';

type Command = Parameters<LiveEngine['command']>[1];
type CommandAnswer = ReturnType<LiveEngine['command']>;

/**
 * The control API's side of a sharded live run's engine (LiveEngine's status, command,
 * symbols, reconfigure and actor): each question goes to the shard of its symbol — or to every
 * shard for `*`, the answers merged in the order one engine lists its symbols — through
 * `callShard`, which answers synchronously (this thread's engine, or a worker's, in order with
 * the bars already sent to it).
 *
 * @example
 * const control = new ShardControl(placement, 2, ['model'], (k, call) => shard(k).call(call));
 * control.status('AAA'); // [{ symbol: 'AAA', variant: 'model', state: 'serving', … }]
 */
export class ShardControl {
  private readonly placement: SymbolPlacement;
  private readonly shards: number;
  private readonly variants: readonly string[];
  private readonly callShard: (k: number, call: ShardCall) => unknown;

  constructor(
    placement: SymbolPlacement,
    shards: number,
    variants: readonly string[],
    callShard: (k: number, call: ShardCall) => unknown,
  ) {
    this.placement = placement;
    this.shards = shards;
    this.variants = variants;
    this.callShard = callShard;
  }

  status(symbol?: string): SymbolStatus[] {
    return this.ask(symbol ?? '*', { method: 'status', symbol }) as SymbolStatus[];
  }

  command(symbol: string, cmd: Command, variant?: string): CommandAnswer {
    return this.ask(symbol, { method: 'command', symbol, cmd, variant }) as CommandAnswer;
  }

  symbols(): string[] {
    return this.placement.symbols();
  }

  reconfigure(symbol: string, change: ActorChange): boolean {
    const k = this.placement.shardOfSymbol(symbol);
    if (k === undefined) return false;
    return this.callShard(k, { method: 'reconfigure', symbol, change }) === true;
  }

  /** A view whose reads each ask the symbol's shard (nothing is asked until one is made). */
  actor(symbol: string, variant?: string): ActorView | undefined {
    const k = this.placement.shardOfSymbol(symbol);
    const known = variant === undefined || this.variants.includes(variant);
    if (k === undefined || !known) return undefined;
    type Answer = { driftSpecs: ActorView['driftSpecs']; sizes: ReturnType<ActorView['sizes']> };
    const ask = (): Answer => {
      const a = this.callShard(k, { method: 'actor', symbol, variant }) as Answer | null;
      if (a === null) throw new Error(`ShardControl: shard ${k} has no actor for ${symbol}`);
      return a;
    };
    return {
      get driftSpecs() {
        return ask().driftSpecs;
      },
      sizes: () => ask().sizes,
    };
  }

  /**
   * Asks the shard of `symbol`, or every shard for `*`: their answers (lists of per-symbol rows)
   * merged in the order one engine lists its symbols.
   */
  private ask(symbol: string, call: ShardCall): unknown[] {
    if (symbol === '*') {
      const rows = Array.from(
        { length: this.shards },
        (_, k) => this.callShard(k, call) as { symbol: string }[],
      ).flat();
      return this.placement.inEngineOrder(rows);
    }
    const k = this.placement.shardOfSymbol(symbol);
    return k === undefined ? [] : ((this.callShard(k, call) as unknown[] | undefined) ?? []);
  }
}
