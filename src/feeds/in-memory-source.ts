import { mergeSorted } from '../clock/index.ts';
import type { Bar } from '../core/index.ts';
import type { BarSource } from './bar-source.ts';
import { type SymbolSeries, seriesBars } from './symbol-series.ts';

const BATCH = 4096;

/**
 * A source over per-symbol series held in memory: the k-way merge of the series by timestamp,
 * ties ordered by symbol.
 *
 * @example
 * const src = new InMemorySource('demo', [seriesA, seriesB]);
 * for await (const batch of src.batches()) handle(batch);
 */
export class InMemorySource implements BarSource {
  readonly name: string;
  readonly symbols: readonly string[];
  readonly series: readonly SymbolSeries[];

  constructor(name: string, series: readonly SymbolSeries[]) {
    this.name = name;
    this.series = [...series].sort((a, b) =>
      a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0,
    );
    this.symbols = this.series.map((s) => s.symbol);
  }

  /** Total number of bars. */
  get size(): number {
    return this.series.reduce((n, s) => n + s.ts.length, 0);
  }

  async *batches(): AsyncGenerator<readonly Bar[]> {
    let batch: Bar[] = [];
    for (const bar of mergeSorted(this.series.map(seriesBars), (a, b) => a.ts - b.ts)) {
      batch.push(bar);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}
