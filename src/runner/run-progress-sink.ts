/**
 * What a run reports about its progress, as counts only (no time): the CLI renders it on the
 * terminal, a shard worker forwards it to its parent as messages.
 */
export interface RunProgressSink {
  /** The data is being opened or loaded (the number of bars is not known yet). */
  loading(what: string): void;
  /** The replay starts: bars expected (undefined when unknown) and the variants replayed in this one pass. */
  replaying(expectedBars: number | undefined, variants: readonly string[]): void;
  /** Bars and slices (timestamps) replayed so far; slices are not counted across shards. */
  advanced(bars: number, slices?: number): void;
  /** The replay is over: the run file is being flushed and closed (or shards merged). */
  closing(): void;
}
