import { Book, type BookConfig, type PositionConfig, targetPosition } from '../backtest/index.ts';
import type { Bar, EquityRowWriter } from '../core/index.ts';
import type { PhaseSinks } from './phase-sinks.ts';

interface Strategy {
  readonly name: string;
  /** Prediction role that drives it, or null for buy-and-hold. */
  readonly role: string | null;
  readonly book: Book;
  /** Records the strategy's equity rows. */
  readonly record: EquityRowWriter;
}

/**
 * The backtest books of one symbol: the variant's model and, for the primary variant, the
 * baselines. Each bar first marks every book (PnL of the position held over (t-1, t]), then
 * orders the next position from the prediction made at t; fills happen at the next bar.
 */
export class StrategyBooks {
  private readonly strategies: Strategy[];
  private readonly position: PositionConfig;
  private started = false;

  constructor(
    symbol: string,
    strategies: readonly { name: string; role: string | null }[],
    book: BookConfig,
    position: PositionConfig,
    sink: PhaseSinks['book'],
  ) {
    this.strategies = strategies.map((s) => ({
      name: s.name,
      role: s.role,
      book: new Book(book),
      record: sink.equity(symbol, s.name),
    }));
    this.position = position;
  }

  /** The books of one symbol: the variant's model, and the given baselines beside it. */
  static of(
    symbol: string,
    variant: string,
    baselines: readonly string[],
    book: BookConfig,
    position: PositionConfig,
    sink: PhaseSinks['book'],
  ): StrategyBooks {
    const strategies = [{ name: variant, role: 'champion' as string | null }];
    for (const b of baselines) strategies.push({ name: b, role: b === 'buy_and_hold' ? null : b });
    return new StrategyBooks(symbol, strategies, book, position, sink);
  }

  /** Marks all books at this bar and records their equity. */
  mark(bar: Bar): void {
    this.started = true;
    for (const s of this.strategies) {
      const r = s.book.onBar(bar.open, bar.close);
      s.record(bar.ts, r.position, r.pnl, r.equity, r.cost, r.turnover);
    }
  }

  /**
   * Orders each strategy's next position from the prediction of its role at this bar
   * (`roles[i]` scored `scores[i]`; `upOf` turns a score into an up-probability).
   */
  order(
    roles: readonly string[],
    scores: ArrayLike<number>,
    upOf: (role: string, score: number) => number,
  ): void {
    if (!this.started) return;
    for (const s of this.strategies) {
      if (s.role === null) {
        s.book.order(1);
        continue;
      }
      const i = roles.indexOf(s.role);
      s.book.order(i < 0 ? 0 : targetPosition(upOf(s.role, scores[i] as number), this.position));
    }
  }
}
