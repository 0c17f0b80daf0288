import { describeValue, InputError, InvariantError } from '../core/index.ts';
import { type CostConfig, tradeCost, validateCostConfig } from './trade-cost.ts';

/** How orders decided at bar t are filled: at bar t+1's close, or at bar t+1's open. */
export type FillPolicy = 'next_close' | 'next_open';

/** The price an order decided at the previous bar fills at in this bar: its open for `next_open` (its close when the open is NaN), else its close. */
export function fillPrice(
  fill: FillPolicy,
  bar: { readonly open: number; readonly close: number },
): number {
  return fill === 'next_open' && Number.isFinite(bar.open) ? bar.open : bar.close;
}

export interface BookConfig extends CostConfig {
  readonly fill: FillPolicy;
}

export const DEFAULT_BOOK: BookConfig = { costBps: 1, slippageBps: 0, fill: 'next_close' };

/** What one bar did to the book. Returns and costs are fractions of equity. */
export interface PeriodResult {
  /**
   * Exposure that earned the end of the period: the position held over (t-1, t] for
   * `next_close`; for a `next_open` fill, the new position held from t's open to t's close.
   */
  readonly position: number;
  /** Net return of the period after costs: equity_t / equity_{t-1} − 1. */
  readonly pnl: number;
  /**
   * Equity lost to trading this period (commission + slippage, including what the spent
   * cash would have earned for the rest of the bar), as a fraction of equity_{t-1}:
   * `pnl = gross − cost` exactly.
   */
  readonly cost: number;
  /** The slippage part of `cost`. */
  readonly slippage: number;
  /** |Δposition| traded this period. */
  readonly turnover: number;
  /** Equity after the period, starting at 1. */
  readonly equity: number;
  /**
   * Where an order was filled this bar: `open`, `close`, or null when nothing traded. With
   * `next_open` and a NaN open (close-only data) the fill falls back to `close`.
   */
  readonly fill: 'open' | 'close' | null;
}

/**
 * A single-symbol position book with no look-ahead. An order decided at bar t (from data up
 * to and including t's close) is filled at bar t+1 — at its close (`next_close`, the default,
 * works with close-only data) or at its open (`next_open`; when that open is NaN the fill
 * falls back to the close and `PeriodResult.fill` says `close`).
 *
 * Positions are fractions of equity (1 = fully long, −1 = fully short) and are held at a
 * constant weight from bar to bar, so the gross return of a period with no trade is
 * `position × (close_t / close_{t−1} − 1)`. That implicit re-weighting is not charged.
 * With a `next_open` fill, the old position earns prev close → open and the new one
 * open → close, compounded: `(1 + p·r₁)(1 + q·r₂) − 1`. Costs are charged at the fill on
 * |Δposition| (see {@link tradeCost}). The first bar only sets the reference price.
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
  private fallbacks = 0;

  /** @throws {InputError} when a cost is negative or not finite, or the fill policy is unknown. */
  constructor(config: BookConfig) {
    validateCostConfig(config);
    if (config.fill !== 'next_close' && config.fill !== 'next_open') {
      throw new InputError(
        `Expected \`backtest.fill\` to be 'next_close' or 'next_open', got ${describeValue(config.fill)}`,
      );
    }
    this.config = config;
  }

  /** Equity, starting at 1. */
  get equity(): number {
    return this.equityValue;
  }

  /** Position currently held (after any fill at the last bar). */
  get held(): number {
    return this.position;
  }

  /** Number of `next_open` fills that fell back to the close because the open was NaN. */
  get openFallbacks(): number {
    return this.fallbacks;
  }

  /** Sets the target position to be filled at the next bar; a later call replaces it. */
  order(target: number): void {
    if (!Number.isFinite(target))
      throw new InvariantError(`order target must be finite: got ${target}`);
    this.pending = target;
  }

  /**
   * Marks a new bar: realises the period's return and executes a pending order.
   *
   * @param open the bar's open, NaN when unknown (close-only data).
   * @param close the bar's close, a finite positive price.
   * @param volatility per-bar volatility for volatility-proportional slippage (see
   *   {@link tradeCost}); omitted or NaN adds none.
   */
  onBar(open: number, close: number, volatility?: number): PeriodResult {
    // Checked inline (no closure per call): this runs for every strategy on every bar.
    if (!(Number.isFinite(close) && close > 0))
      throw new InvariantError(`close must be finite and > 0: got ${close}`);
    if (!(Number.isNaN(open) || (Number.isFinite(open) && open > 0)))
      throw new InvariantError(`open must be NaN or finite and > 0: got ${open}`);
    const prev = this.lastClose;
    this.lastClose = close;
    const p = this.position;
    if (Number.isNaN(prev)) return this.result(0, 0, 0, 0, p, null);
    const q = this.pending ?? p;
    this.pending = null;
    const traded = Math.abs(q - p);
    if (traded === 0) return this.result(p * (close / prev - 1), 0, 0, 0, p, null);

    const { commission, slippage } = tradeCost(traded, this.config, volatility);
    const rate = commission + slippage;
    this.position = q;
    if (this.config.fill === 'next_open') {
      if (!Number.isNaN(open)) {
        // Old position to the open, trade there, new position to the close.
        const atOpen = 1 + p * (open / prev - 1);
        const after = 1 + q * (close / open - 1);
        return this.result(
          atOpen * after - 1,
          atOpen * rate * after,
          atOpen * slippage * after,
          traded,
          q,
          'open',
        );
      }
      this.fallbacks++;
    }
    const atClose = 1 + p * (close / prev - 1);
    return this.result(atClose - 1, atClose * rate, atClose * slippage, traded, p, 'close');
  }

  private result(
    gross: number,
    cost: number,
    slippage: number,
    turnover: number,
    position: number,
    fill: PeriodResult['fill'],
  ): PeriodResult {
    // `+ 0` turns the −0 of a flat or short position over a flat price into 0.
    const pnl = gross - cost + 0;
    this.equityValue *= 1 + pnl;
    return {
      position: position + 0,
      pnl,
      cost,
      slippage,
      turnover,
      equity: this.equityValue,
      fill,
    };
  }
}
