import { describe, expect, it } from 'vitest';
import {
  Book,
  type BookConfig,
  DEFAULT_BOOK,
  type PeriodResult,
} from '../../src/backtest/index.ts';
import { InputError, InvariantError } from '../../src/core/index.ts';

const NaN_ = Number.NaN;

function expectPeriod(got: PeriodResult, want: Partial<PeriodResult>): void {
  for (const [key, value] of Object.entries(want)) {
    const actual = got[key as keyof PeriodResult];
    if (typeof value === 'number') expect(actual, key).toBeCloseTo(value, 12);
    else expect(actual, key).toBe(value);
  }
}

describe('Book', () => {
  it('doc example: an order decided at bar 1 is filled at bar 2 and earns from bar 3', () => {
    const book = new Book({ costBps: 0, slippageBps: 0, fill: 'next_close' });
    expect(book.onBar(Number.NaN, 100).pnl).toBe(0);
    book.order(1);
    expect(book.onBar(Number.NaN, 110).pnl).toBe(0);
    expect(book.onBar(Number.NaN, 121).pnl).toBeCloseTo(0.1, 15);
  });

  it('next_close: hand-computed PnL with commission, a reversal to short, and an exit', () => {
    const book = new Book({ costBps: 10, slippageBps: 0, fill: 'next_close' });
    // bar 0: reference price only.
    expectPeriod(book.onBar(NaN_, 100), {
      pnl: 0,
      cost: 0,
      turnover: 0,
      equity: 1,
      fill: null,
      position: 0,
    });
    book.order(1);
    // bar 1: held 0 over (0,1] → gross 0; buy 1 at the close: cost = 1 × 10 bp = 0.001.
    expectPeriod(book.onBar(NaN_, 110), {
      position: 0,
      pnl: -0.001,
      cost: 0.001,
      turnover: 1,
      equity: 0.999,
      fill: 'close',
    });
    expect(book.held).toBe(1);
    book.order(-1);
    // bar 2: held 1, r = 99/110 − 1 = −0.1 → equity factor before trading 0.9; sell 2 at the close:
    // cost = 0.9 × 2 × 0.001 = 0.0018 (of equity at bar 1); pnl = −0.1 − 0.0018 = −0.1018;
    // equity = 0.999 × 0.8982 = 0.8973018.
    expectPeriod(book.onBar(NaN_, 99), {
      position: 1,
      pnl: -0.1018,
      cost: 0.0018,
      turnover: 2,
      equity: 0.8973018,
    });
    // bar 3: short 1 while the price rises 10% (99 → 108.9): pnl = −0.1, no trade;
    // equity = 0.8973018 × 0.9 = 0.80757162.
    expectPeriod(book.onBar(NaN_, 108.9), {
      position: -1,
      pnl: -0.1,
      cost: 0,
      turnover: 0,
      equity: 0.80757162,
      fill: null,
    });
    book.order(0);
    // bar 4: flat price; cover 1: cost 0.001; equity = 0.80757162 × 0.999 = 0.80676404838.
    expectPeriod(book.onBar(NaN_, 108.9), {
      position: -1,
      pnl: -0.001,
      cost: 0.001,
      turnover: 1,
      equity: 0.80676404838,
    });
    expect(book.held).toBe(0);
    expect(book.equity).toBeCloseTo(0.80676404838, 12);
  });

  it('next_open: old position to the open, new one from the open, compounded', () => {
    const book = new Book({ costBps: 10, slippageBps: 0, fill: 'next_open' });
    book.onBar(NaN_, 100);
    book.order(1);
    // bar 1 (open 105, close 110): held 0 to the open; buy 1 at 105 (cost 0.001 of equity);
    // pnl = 1 × (1 − 0.001) × 110/105 − 1 = 0.0465714285714…; gross 5/105, cost 0.001 × 110/105.
    expectPeriod(book.onBar(105, 110), {
      position: 1,
      pnl: (0.999 * 110) / 105 - 1,
      cost: (0.001 * 110) / 105,
      turnover: 1,
      fill: 'open',
    });
    const e1 = (0.999 * 110) / 105;
    book.order(-0.5);
    // bar 2 (open 120, close 99): long 1 from 110 to 120 → ×120/110 = 1.0909…; trade 1.5
    // (cost 0.0015); short 0.5 from 120 to 99 → ×(1 + 0.5 × 0.175) = 1.0875.
    // pnl = 1.090909… × 0.9985 × 1.0875 − 1 = 0.18458409…, cost = 1.090909… × 0.0015 × 1.0875.
    const atOpen = 120 / 110;
    expectPeriod(book.onBar(120, 99), {
      position: -0.5,
      pnl: atOpen * 0.9985 * 1.0875 - 1,
      cost: atOpen * 0.0015 * 1.0875,
      turnover: 1.5,
      equity: e1 * atOpen * 0.9985 * 1.0875,
      fill: 'open',
    });
    // bar 3: no trade, so no re-weighting at the open: pnl = −0.5 × (108.9/99 − 1) = −0.05.
    expectPeriod(book.onBar(99, 108.9), {
      position: -0.5,
      pnl: -0.05,
      cost: 0,
      turnover: 0,
      fill: null,
    });
  });

  it('next_open falls back to the close when the open is NaN (close-only data), and says so', () => {
    const open = new Book({ costBps: 10, slippageBps: 0, fill: 'next_open' });
    const close = new Book({ costBps: 10, slippageBps: 0, fill: 'next_close' });
    const bars: Array<[number, number]> = [
      [NaN_, 100],
      [NaN_, 110],
      [NaN_, 99],
      [NaN_, 120],
    ];
    const targets = [1, -1, 0, 0];
    bars.forEach(([o, c], i) => {
      const a = open.onBar(o, c);
      const b = close.onBar(o, c);
      expect(a).toEqual(b);
      if (i > 0) expect(a.fill).toBe(a.turnover > 0 ? 'close' : null);
      open.order(targets[i] as number);
      close.order(targets[i] as number);
    });
    expect(open.openFallbacks).toBe(3);
    expect(close.openFallbacks).toBe(0);
  });

  it('fixed and volatility-proportional slippage on turnover', () => {
    const book = new Book({
      costBps: 1,
      slippageBps: 5,
      slippageVolMultiplier: 0.5,
      fill: 'next_close',
    });
    book.onBar(NaN_, 100);
    book.order(1);
    // flat price, traded 1, bar volatility 2%: commission 1 bp = 0.0001;
    // slippage = 1 × (5 bp + 0.5 × 0.02) = 0.0005 + 0.01 = 0.0105; cost = 0.0106.
    expectPeriod(book.onBar(NaN_, 100, 0.02), {
      pnl: -0.0106,
      cost: 0.0106,
      slippage: 0.0105,
      turnover: 1,
    });
    book.order(-1);
    // traded 2, volatility unknown (NaN, e.g. still warming up): slippage = 2 × 5 bp = 0.001,
    // commission 2 × 1 bp = 0.0002.
    expectPeriod(book.onBar(NaN_, 100, NaN_), {
      pnl: -0.0012,
      cost: 0.0012,
      slippage: 0.001,
      turnover: 2,
    });
    expect(book.equity).toBeCloseTo((1 - 0.0106) * (1 - 0.0012), 15);
  });

  it('the volatility component is off by default', () => {
    const book = new Book({ costBps: 0, slippageBps: 2, fill: 'next_close' });
    book.onBar(NaN_, 100);
    book.order(0.5);
    // 0.5 × 2 bp = 0.0001 whatever the volatility
    expectPeriod(book.onBar(NaN_, 100, 0.5), { cost: 0.0001, slippage: 0.0001 });
  });

  it('a short position gains when the price falls', () => {
    const book = new Book({ costBps: 0, slippageBps: 0, fill: 'next_close' });
    book.onBar(NaN_, 100);
    book.order(-0.5);
    book.onBar(NaN_, 100);
    // −0.5 × (80/100 − 1) = +0.1
    expectPeriod(book.onBar(NaN_, 80), { position: -0.5, pnl: 0.1, equity: 1.1 });
  });

  it('a later order replaces a pending one; an order to the held position trades nothing', () => {
    const book = new Book(DEFAULT_BOOK);
    book.onBar(NaN_, 100);
    book.order(1);
    book.order(0);
    expectPeriod(book.onBar(NaN_, 100), { turnover: 0, cost: 0, fill: null });
    expect(book.held).toBe(0);
  });

  it('the first bar only sets the reference price: an earlier order waits for the second bar', () => {
    const book = new Book({ costBps: 0, slippageBps: 0, fill: 'next_open' });
    book.order(1);
    expectPeriod(book.onBar(90, 100), { pnl: 0, turnover: 0, fill: null });
    expect(book.held).toBe(0);
    // filled at bar 1's open 105: 110 / 105 − 1
    expectPeriod(book.onBar(105, 110), { pnl: 110 / 105 - 1, turnover: 1, fill: 'open' });
  });

  it('rejects bad configuration with InputError and broken prices with InvariantError', () => {
    const bad = (patch: Partial<Record<keyof BookConfig, unknown>>) => () =>
      new Book({ ...DEFAULT_BOOK, ...patch } as BookConfig);
    expect(bad({ costBps: -1 })).toThrow(InputError);
    expect(bad({ slippageBps: Number.NaN })).toThrow(/backtest\.slippageBps/);
    expect(bad({ slippageVolMultiplier: -0.1 })).toThrow(/slippageVolMultiplier/);
    expect(bad({ fill: 'same_close' })).toThrow(/backtest\.fill.*same_close/);
    const book = new Book(DEFAULT_BOOK);
    expect(() => book.onBar(NaN_, Number.NaN)).toThrow(InvariantError);
    expect(() => book.onBar(0, 100)).toThrow(/open must be NaN or finite and > 0/);
    expect(() => book.order(Number.POSITIVE_INFINITY)).toThrow(InvariantError);
  });
});
