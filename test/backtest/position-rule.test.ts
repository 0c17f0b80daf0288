import { describe, expect, it } from 'vitest';
import {
  Book,
  DEFAULT_POSITION,
  type PositionConfig,
  targetPosition,
  validatePositionConfig,
} from '../../src/backtest/index.ts';
import { InputError } from '../../src/core/index.ts';

const sign: PositionConfig = { sizing: 'sign', deadBand: 0.05, maxPosition: 1, allowShort: true };

describe('targetPosition', () => {
  it('doc example', () => {
    expect(targetPosition(0.7, sign)).toBe(1);
    expect(targetPosition(0.52, sign)).toBe(0);
  });

  it('dead band: flat while |p − 0.5| <= deadBand, on both sides', () => {
    expect(targetPosition(0.55, sign)).toBe(0); // edge exactly at the band
    expect(targetPosition(0.45, sign)).toBe(0);
    expect(targetPosition(0.56, sign)).toBe(1);
    expect(targetPosition(0.44, sign)).toBe(-1);
    expect(targetPosition(Number.NaN, sign)).toBe(0);
  });

  it('confidence sizing: |p − 0.5| / 0.5 × maxPosition, capped at the limit', () => {
    const conf: PositionConfig = {
      sizing: 'confidence',
      deadBand: 0,
      maxPosition: 2,
      allowShort: true,
    };
    expect(targetPosition(0.75, conf)).toBeCloseTo(1, 15); // 0.25 / 0.5 × 2
    expect(targetPosition(0.4, conf)).toBeCloseTo(-0.4, 15); // −0.1 / 0.5 × 2
    expect(targetPosition(1, conf)).toBe(2);
    expect(targetPosition(1.7, conf)).toBe(2); // out-of-range score still within the limit
  });

  it('long-only: shorts become flat; the position limit caps sign sizing', () => {
    const longOnly: PositionConfig = {
      sizing: 'sign',
      deadBand: 0,
      maxPosition: 0.5,
      allowShort: false,
    };
    expect(targetPosition(0.9, longOnly)).toBe(0.5);
    expect(targetPosition(0.1, longOnly)).toBe(0);
  });

  it('drives a Book: limit, dead band and long-only, hand-computed', () => {
    const cfg: PositionConfig = {
      sizing: 'sign',
      deadBand: 0.05,
      maxPosition: 0.5,
      allowShort: false,
    };
    const book = new Book({ costBps: 0, slippageBps: 0, fill: 'next_close' });
    const closes = [100, 110, 121, 108.9];
    const probs = [0.9, 0.52, 0.2, 0.5];
    const pnls = closes.map((c, i) => {
      const r = book.onBar(Number.NaN, c).pnl;
      book.order(targetPosition(probs[i] as number, cfg));
      return r;
    });
    // bar 1: fill 0.5 at 110, pnl 0; bar 2: 0.5 × 10% = 0.05, then flat (dead band);
    // bar 3: flat (the short signal is refused), pnl 0.
    expect(pnls[0]).toBe(0);
    expect(pnls[1]).toBe(0);
    expect(pnls[2]).toBeCloseTo(0.05, 15);
    expect(pnls[3]).toBe(0);
    expect(book.equity).toBeCloseTo(1.05, 15);
  });

  it('validatePositionConfig rejects a bad band, limit or sizing', () => {
    expect(() => validatePositionConfig(DEFAULT_POSITION)).not.toThrow();
    expect(() => validatePositionConfig({ ...sign, deadBand: 0.5 })).toThrow(InputError);
    expect(() => validatePositionConfig({ ...sign, maxPosition: -1 })).toThrow(
      /position\.maxPosition/,
    );
    expect(() => validatePositionConfig({ ...sign, sizing: 'kelly' as 'sign' })).toThrow(/kelly/);
  });
});
