import { InputError } from '../core/index.ts';

/** How orders decided at bar t are filled. */
export type FillPolicy = 'next_close' | 'next_open';

export interface BookConfig {
  /** Commission in basis points of traded notional (turnover). */
  readonly costBps: number;
  /** Slippage in basis points of traded notional, added to the cost. */
  readonly slippageBps: number;
  readonly fill: FillPolicy;
}

export const DEFAULT_BOOK: BookConfig = { costBps: 1, slippageBps: 0, fill: 'next_close' };

/** What one bar did to the book. Returns are fractions of equity. */
export interface PeriodResult {
  /** Position held over the period (t-1, t] (after any fill inside it, for next_open). */
  readonly position: number;
  /** Net return of the period after costs. */
  readonly pnl: number;
  /** Costs charged this period, as a fraction of equity. */
  readonly cost: number;
  /** |Δposition| traded this period. */
  readonly turnover: number;
  /** Equity after the period, starting at 1. */
  readonly equity: number;
}

/**
 * A single-symbol position book with no look-ahead: an order decided at bar t (from data up to
 * and including t's close) is filled at the next bar — at its close (`next_close`, the default,
 * works with close-only data) or at its open (`next_open`, needs OHLC). The position held over
 * (t-1, t] earns the price change over that period.
 *
 * @example
 * const book = new Book({ costBps: 0, slippageBps: 0, fill: 'next_close' });
 * book.onBar(Number.NaN, 100); // first bar: nothing held
 * book.order(1);               // decided at bar 1, filled at bar 2's close
 * book.onBar(Number.NaN, 110).pnl; // 0: the fill happens at this close
 * book.onBar(Number.NaN, 121).pnl; // 0.1
 */
export class Book {
  readonly config: BookConfig;
  private position = 0;
  private pending: number | null = null;
  private lastClose = Number.NaN;
  private equityValue = 1;

  constructor(config: BookConfig) {
    if (!(config.costBps >= 0) || !(config.slippageBps >= 0)) {
      throw new InputError(`Expected \`backtest.costBps\` and \`backtest.slippageBps\` to be >= 0, got ${config.costBps} and ${config.slippageBps}`);
    }
    this.config = config;
  }

  get equity(): number {
    return this.equityValue;
  }

  /** Position currently held. */
  get held(): number {
    return this.position;
  }

  /** Sets the target position to be filled at the next bar. */
  order(target: number): void {
    this.pending = target;
  }

  /** Marks a new bar: realises the period's return and executes a pending order. */
  onBar(open: number, close: number): PeriodResult {
    const prev = this.lastClose;
    this.lastClose = close;
    if (Number.isNaN(prev)) return this.result(0, 0, 0, this.position);
    const rate = (this.config.costBps + this.config.slippageBps) / 10_000;
    const target = this.pending ?? this.position;
    this.pending = null;
    const traded = Math.abs(target - this.position);
    let gross: number;
    let heldOver: number;
    if (this.config.fill === 'next_open' && Number.isFinite(open)) {
      gross = this.position * (open / prev - 1) + target * (close / open - 1);
      heldOver = target;
    } else {
      gross = this.position * (close / prev - 1);
      heldOver = this.position;
    }
    this.position = target;
    const cost = traded * rate;
    return this.result(gross - cost, cost, traded, heldOver);
  }

  private result(pnl: number, cost: number, turnover: number, position: number): PeriodResult {
    this.equityValue *= 1 + pnl;
    return { position, pnl, cost, turnover, equity: this.equityValue };
  }
}
