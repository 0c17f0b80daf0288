/**
 * Which shard decides on each symbol of a sharded live run: the symbols known at the start
 * round-robin over their sorted list (symbol i to shard i mod n), a symbol that first closes a
 * bar later to the shard with the fewest. It also keeps the order one engine would list them in
 * (the known symbols as given, then by first bar), so answers gathered from the shards come out
 * as one thread's would.
 *
 * @example
 * const p = new SymbolPlacement(['B', 'A', 'C'], 2);
 * p.groups(); // [['A', 'C'], ['B']]
 * p.place('D'); // 1 (shard 1 has fewer symbols)
 */
export class SymbolPlacement {
  private readonly shardOf = new Map<string, number>();
  private readonly order = new Map<string, number>();
  private readonly sizes: number[];
  private readonly initial: string[][];

  constructor(symbols: readonly string[], shards: number) {
    this.initial = Array.from({ length: shards }, () => []);
    for (const [i, s] of [...new Set(symbols)].sort().entries()) {
      this.initial[i % shards]?.push(s);
      this.shardOf.set(s, i % shards);
    }
    this.sizes = this.initial.map((g) => g.length);
    for (const s of symbols) if (!this.order.has(s)) this.order.set(s, this.order.size);
  }

  /** The symbols each shard starts with. */
  groups(): string[][] {
    return this.initial.map((g) => [...g]);
  }

  /** The shard of a known symbol, or undefined. */
  shardOfSymbol(symbol: string): number | undefined {
    return this.shardOf.get(symbol);
  }

  /** The shard of a symbol, placing it when new. */
  place(symbol: string): number {
    let k = this.shardOf.get(symbol);
    if (k === undefined) {
      k = this.sizes.indexOf(Math.min(...this.sizes));
      this.shardOf.set(symbol, k);
      this.order.set(symbol, this.order.size);
      this.sizes[k] = (this.sizes[k] ?? 0) + 1;
    }
    return k;
  }

  /** Every placed symbol, sorted. */
  symbols(): string[] {
    return [...this.shardOf.keys()].sort();
  }

  /** Per-symbol rows from several shards in one engine's order (stable within a symbol). */
  inEngineOrder<R extends { readonly symbol: string }>(rows: R[]): R[] {
    const at = (r: R): number => this.order.get(r.symbol) ?? 0;
    return rows.sort((a, b) => at(a) - at(b));
  }
}
