import type { Bar, EpochMs, MarketTick } from '../core/index.ts';

/**
 * Accumulates the ticks of one symbol's bar [start, end) into OHLCV, by tick time rather than
 * arrival order: `open` is the price of the earliest tick (the first to arrive wins a tie),
 * `close` the price of the latest (the last to arrive wins a tie), so ticks that arrive out of
 * order inside the reordering window give the same bar as ticks in order. A finished bar tick
 * counts as its open at its start and its close at its last millisecond. O(1) per tick.
 *
 * @example
 * const b = new BarBucket('BTCUSDT', 0 as EpochMs, 1000 as EpochMs);
 * b.add({ kind: 'trade', symbol: 'BTCUSDT', ts: 500 as EpochMs, price: 11, size: 1 });
 * b.add({ kind: 'trade', symbol: 'BTCUSDT', ts: 100 as EpochMs, price: 10, size: 2 });
 * b.toBar(); // { symbol: 'BTCUSDT', ts: 1000, open: 10, high: 11, low: 10, close: 11, volume: 3 }
 */
export class BarBucket {
  readonly symbol: string;
  readonly start: EpochMs;
  readonly end: EpochMs;
  private openTs = Number.POSITIVE_INFINITY;
  private closeTs = Number.NEGATIVE_INFINITY;
  private open = Number.NaN;
  private close = Number.NaN;
  private high = Number.NEGATIVE_INFINITY;
  private low = Number.POSITIVE_INFINITY;
  private volume = 0;
  private hasVolume = false;
  /** Ticks added. */
  ticks = 0;

  constructor(symbol: string, start: EpochMs, end: EpochMs) {
    this.symbol = symbol;
    this.start = start;
    this.end = end;
  }

  add(tick: MarketTick): void {
    this.ticks++;
    if (tick.kind === 'trade') {
      this.point(tick.ts, tick.price, tick.price);
      this.high = Math.max(this.high, tick.price);
      this.low = Math.min(this.low, tick.price);
      this.addVolume(tick.size);
      return;
    }
    const o = Number.isFinite(tick.open) ? tick.open : tick.close;
    this.point(tick.ts, o, Number.NaN);
    this.point(tick.ts + tick.intervalMs - 1, Number.NaN, tick.close);
    this.high = Math.max(
      this.high,
      Number.isFinite(tick.high) ? tick.high : Math.max(o, tick.close),
    );
    this.low = Math.min(this.low, Number.isFinite(tick.low) ? tick.low : Math.min(o, tick.close));
    this.addVolume(tick.volume);
  }

  /** The finished bar, stamped with the bar's end: it is known only once the bar has closed. */
  toBar(): Bar {
    return {
      symbol: this.symbol,
      ts: this.end,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.hasVolume ? this.volume : Number.NaN,
    };
  }

  private point(ts: number, openPrice: number, closePrice: number): void {
    if (!Number.isNaN(openPrice) && ts < this.openTs) {
      this.openTs = ts;
      this.open = openPrice;
    }
    if (!Number.isNaN(closePrice) && ts >= this.closeTs) {
      this.closeTs = ts;
      this.close = closePrice;
    }
  }

  private addVolume(v: number): void {
    if (!Number.isFinite(v)) return;
    this.volume += v;
    this.hasVolume = true;
  }
}
