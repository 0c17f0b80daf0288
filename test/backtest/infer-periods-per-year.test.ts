import { describe, expect, it } from 'vitest';
import { inferPeriodsPerYear } from '../../src/backtest/index.ts';
import { InputError } from '../../src/core/index.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const MON = Date.UTC(2024, 0, 1); // Monday 2024-01-01

/** Every `stepMs` in [start, end), on weekdays only when `weekdays`. */
function grid(start: number, end: number, stepMs: number, weekdays: boolean): number[] {
  const out: number[] = [];
  for (let t = start; t < end; t += stepMs) {
    const d = new Date(t).getUTCDay();
    if (!weekdays || (d !== 0 && d !== 6)) out.push(t);
  }
  return out;
}

/** US equity session bars (14:30–20:30 UTC starts) every `stepMs`, weekdays, `nDays` days. */
function session(stepMs: number, nDays: number): number[] {
  const out: number[] = [];
  for (const day of grid(MON, MON + nDays * DAY, DAY, true)) {
    for (let t = day + 14.5 * HOUR; t < day + 21 * HOUR; t += stepMs) out.push(t);
  }
  return out;
}

describe('inferPeriodsPerYear', () => {
  it('doc example: daily bars on weekdays → 252', () => {
    const ts = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((k) => Date.UTC(2024, 0, 1) + k * DAY);
    expect(inferPeriodsPerYear(ts)).toEqual({
      periodsPerYear: 252,
      convention: '252 trading days (median spacing 1 day)',
    });
  });

  it('calendar-daily bars with weekends (crypto) → 365', () => {
    expect(inferPeriodsPerYear(grid(MON, MON + 60 * DAY, DAY, false))).toEqual({
      periodsPerYear: 365,
      convention: '365 calendar days (median spacing 1 day)',
    });
  });

  it('daily equity bars stamped at Asian midnight (Monday bars on Sunday UTC) are still weekday bars', () => {
    const tokyo = grid(MON, MON + 60 * DAY, DAY, true).map((t) => t - 9 * HOUR);
    expect(inferPeriodsPerYear(tokyo).periodsPerYear).toBe(252);
  });

  it('hourly: 252 × 6.5 on a weekday session, 365 × 24 around the clock', () => {
    const equity = inferPeriodsPerYear(session(HOUR, 14));
    expect(equity.periodsPerYear).toBeCloseTo(1638, 9);
    expect(equity.convention).toBe('252 trading days × 6.5 h / 1 h = 1638 (median spacing 1 h)');
    const crypto = inferPeriodsPerYear(grid(MON, MON + 14 * DAY, HOUR, false));
    expect(crypto.periodsPerYear).toBe(8760);
    expect(crypto.convention).toBe(
      '365 days × 24 h / 1 h = 8760 (median spacing 1 h, bars on weekends)',
    );
  });

  it('minutes: 252 × 390 / k on weekdays, 365 × 1440 / k with weekends', () => {
    expect(inferPeriodsPerYear(session(5 * MIN, 8)).periodsPerYear).toBeCloseTo(252 * 78, 9);
    expect(inferPeriodsPerYear(session(MIN, 8)).periodsPerYear).toBeCloseTo(98_280, 9);
    expect(inferPeriodsPerYear(grid(MON, MON + 8 * DAY, MIN, false)).periodsPerYear).toBeCloseTo(
      525_600,
      9,
    );
  });

  it('a bar as long as the session is one per trading day', () => {
    // 6.5-hour bars (one per US session) on weekdays: 252 × 6.5 h / 6.5 h.
    const sessions = grid(MON, MON + 30 * DAY, DAY, true).flatMap((t) => [t + 14.5 * HOUR]);
    expect(inferPeriodsPerYear(sessions).periodsPerYear).toBe(252);
    // 8-hour bars on weekdays (a 24×5 market) are still capped at one per session: pass your own P.
    expect(inferPeriodsPerYear(grid(MON, MON + 30 * DAY, 8 * HOUR, true)).periodsPerYear).toBe(252);
  });

  it('weekly → 52, monthly → 12, quarterly → 4, yearly → 1', () => {
    expect(inferPeriodsPerYear(grid(MON, MON + 70 * 7 * DAY, 7 * DAY, false))).toEqual({
      periodsPerYear: 52,
      convention: '52 weeks (median spacing 7 days)',
    });
    const months = Array.from({ length: 24 }, (_, i) => Date.UTC(2023, i, 1));
    expect(inferPeriodsPerYear(months).periodsPerYear).toBe(12);
    expect(inferPeriodsPerYear(months).convention).toMatch(
      /^12 months \(median spacing 3\d days\)$/,
    );
    const quarters = Array.from({ length: 8 }, (_, i) => Date.UTC(2020, 3 * i, 1));
    expect(inferPeriodsPerYear(quarters)).toEqual({
      periodsPerYear: 4,
      convention: '12 months / 3 (median spacing 91 days)',
    });
    const years = Array.from({ length: 5 }, (_, i) => Date.UTC(2015 + i, 0, 1));
    expect(inferPeriodsPerYear(years).periodsPerYear).toBe(1);
  });

  it('ignores zero spacings (several symbols on one clock)', () => {
    const ts = grid(MON, MON + 14 * DAY, DAY, false).flatMap((t) => [t, t]);
    expect(inferPeriodsPerYear(ts).periodsPerYear).toBe(365);
  });

  it('documented limit: less than a week without a Saturday gets the trading-day convention', () => {
    expect(inferPeriodsPerYear(grid(MON, MON + 4 * DAY, HOUR, false)).periodsPerYear).toBeCloseTo(
      1638,
      9,
    );
  });

  it('rejects fewer than two distinct timestamps and time going backwards', () => {
    expect(() => inferPeriodsPerYear([MON])).toThrow(InputError);
    expect(() => inferPeriodsPerYear([MON, MON])).toThrow(/at least 2 distinct timestamps/);
    expect(() => inferPeriodsPerYear([MON + DAY, MON])).toThrow(/non-decreasing/);
    expect(() => inferPeriodsPerYear([MON, Number.NaN])).toThrow(/ts\[1\]/);
  });
});
