import type { EpochMs } from './time.ts';

/** One trade from a live feed, in the venue's own market time. */
export interface TradeTick {
  readonly kind: 'trade';
  readonly symbol: string;
  /** Trade time (epoch ms) as the venue stamped it. */
  readonly ts: EpochMs;
  readonly price: number;
  /** Quantity traded; NaN when the venue does not say. */
  readonly size: number;
}

/** One finished bar from a live feed (Binance closed kline, Alpaca minute bar, an NDJSON bar row). */
export interface BarTick {
  readonly kind: 'bar';
  readonly symbol: string;
  /** Start of the bar (epoch ms). The bar covers [ts, ts + intervalMs). */
  readonly ts: EpochMs;
  readonly intervalMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * What a live feed hands to the live clock: a trade or a finished bar, already deduplicated
 * (a tick is never delivered twice, even across reconnects). The live clock aggregates ticks
 * into bars of market time.
 *
 * @example
 * const t: MarketTick = { kind: 'trade', symbol: 'BTCUSDT', ts: epochMs(1672515782136), price: 0.001, size: 100 };
 */
export type MarketTick = TradeTick | BarTick;
