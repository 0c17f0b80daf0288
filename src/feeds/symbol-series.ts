import type { Bar, EpochMs } from '../core/index.ts';

/** Columnar bars of one symbol, in increasing time order. NaN marks absent OHLV fields. */
export interface SymbolSeries {
  readonly symbol: string;
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Iterates a series as Bar objects. */
export function* seriesBars(s: SymbolSeries): Generator<Bar> {
  for (let i = 0; i < s.ts.length; i++) {
    yield {
      symbol: s.symbol,
      ts: s.ts[i] as EpochMs,
      open: s.open[i] as number,
      high: s.high[i] as number,
      low: s.low[i] as number,
      close: s.close[i] as number,
      volume: s.volume[i] as number,
    };
  }
}

/** Growable column builder for one symbol. */
export class SeriesBuilder {
  readonly symbol: string;
  private readonly cols: number[][] = [[], [], [], [], [], []];

  constructor(symbol: string) {
    this.symbol = symbol;
  }

  get length(): number {
    return (this.cols[0] as number[]).length;
  }

  get lastTs(): number {
    const ts = this.cols[0] as number[];
    return ts.length > 0 ? (ts[ts.length - 1] as number) : Number.NEGATIVE_INFINITY;
  }

  push(ts: number, open: number, high: number, low: number, close: number, volume: number): void {
    const c = this.cols as [number[], number[], number[], number[], number[], number[]];
    c[0].push(ts);
    c[1].push(open);
    c[2].push(high);
    c[3].push(low);
    c[4].push(close);
    c[5].push(volume);
  }

  build(): SymbolSeries {
    const [ts, open, high, low, close, volume] = this.cols.map((c) => Float64Array.from(c)) as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    return { symbol: this.symbol, ts, open, high, low, close, volume };
  }
}
