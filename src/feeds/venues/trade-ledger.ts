/** What the ledger says about one id. */
export type LedgerVerdict =
  | { readonly fresh: false }
  | { readonly fresh: true; readonly missing: number; readonly after: number | null };

/**
 * Remembers, per symbol, which trades (or bars) have been delivered, across reconnects, so that
 * nothing is processed twice and lost trades show up as gaps.
 * - `sequential`: ids are consecutive integers per symbol (Binance `t`/`a`, Coinbase `trade_id`).
 *   An id at or below the last one is a duplicate; a jump of more than one is a gap.
 * - `monotonic`: increasing but not consecutive (Coinbase Advanced Trade ids, bar start times):
 *   duplicates as above, no gap accounting.
 * - `unique`: no order (Alpaca trade ids are per exchange): a bounded set of recent keys.
 * Memory is O(symbols) for the first two, O(symbols · recent) for `unique`.
 *
 * @example
 * const l = new TradeLedger('sequential');
 * l.check('BTCUSDT', 10); // { fresh: true, missing: 0, after: null }
 * l.check('BTCUSDT', 10); // { fresh: false }
 * l.check('BTCUSDT', 13); // { fresh: true, missing: 2, after: 10 }
 */
export class TradeLedger {
  private readonly mode: 'sequential' | 'monotonic' | 'unique';
  private readonly recent: number;
  private readonly last = new Map<string, number>();
  private readonly seen = new Map<string, Set<string>>();

  constructor(mode: 'sequential' | 'monotonic' | 'unique', recent = 10_000) {
    this.mode = mode;
    this.recent = recent;
  }

  check(symbol: string, id: number | string): LedgerVerdict {
    if (this.mode === 'unique') return this.checkUnique(symbol, String(id));
    const n = typeof id === 'number' ? id : Number(id);
    const prev = this.last.get(symbol);
    if (prev !== undefined && n <= prev) return { fresh: false };
    this.last.set(symbol, n);
    const missing = this.mode === 'sequential' && prev !== undefined ? n - prev - 1 : 0;
    return { fresh: true, missing, after: prev ?? null };
  }

  /** The last id delivered for a symbol (ordered modes). */
  lastId(symbol: string): number | undefined {
    return this.last.get(symbol);
  }

  /** Marks everything up to `id` as passed (a heartbeat said so); returns how many were skipped. */
  skipTo(symbol: string, id: number): number {
    const prev = this.last.get(symbol);
    if (prev === undefined || id <= prev) return 0;
    this.last.set(symbol, id);
    return id - prev;
  }

  private checkUnique(symbol: string, key: string): LedgerVerdict {
    let set = this.seen.get(symbol);
    if (set === undefined) {
      set = new Set();
      this.seen.set(symbol, set);
    }
    if (set.has(key)) return { fresh: false };
    set.add(key);
    if (set.size > this.recent) set.delete(set.values().next().value as string);
    return { fresh: true, missing: 0, after: null };
  }
}
