import { describe, expect, it } from 'vitest';
import {
  Book,
  computeMetrics,
  inferPeriodsPerYear,
  StreamingMetrics,
  targetPosition,
} from '../../src/backtest/index.ts';

// The runnable example of docs/backtest.md, kept in step with it.
describe('docs/backtest.md example', () => {
  it('runs and gives the documented numbers', () => {
    const DAY = 86_400_000;
    const ts = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((k) => Date.UTC(2024, 0, 1) + k * DAY);
    const closes = [100, 101, 99, 102, 104, 103, 105, 104, 107, 108];
    const probs = [0.6, 0.7, 0.4, 0.55, 0.8, 0.3, 0.65, 0.6, 0.5, 0.7];

    const book = new Book({ costBps: 1, slippageBps: 2, fill: 'next_close' });
    const rule = { sizing: 'sign', deadBand: 0.05, maxPosition: 1, allowShort: true } as const;
    const { periodsPerYear, convention } = inferPeriodsPerYear(ts);
    const live = new StreamingMetrics(periodsPerYear);
    const returns: number[] = [];
    const turnover: number[] = [];
    const costs: number[] = [];

    closes.forEach((close, i) => {
      const bar = book.onBar(Number.NaN, close);
      returns.push(bar.pnl);
      turnover.push(bar.turnover);
      costs.push(bar.cost);
      live.update(ts[i] as number, bar.pnl, bar.turnover, bar.cost);
      book.order(targetPosition(probs[i] as number, rule));
    });

    const metrics = computeMetrics({ ts, returns, turnover, costs }, periodsPerYear);
    expect(convention).toBe('252 trading days (median spacing 1 day)');
    expect(metrics.periods).toBe(10);
    expect(metrics.total_return).toBeCloseTo(0.0549563406, 9);
    expect(metrics.sharpe).toBeCloseTo(5.0270688593, 9);
    expect(metrics.max_drawdown).toBeCloseTo(-0.0201959902, 9);
    expect(metrics.max_drawdown_duration).toBe(3);
    expect(metrics.hit_rate).toBeCloseTo(5 / 9, 15);
    // targets 1, 1, −1, 0, 1, −1, 1, 1, 0, (1): fills of 1 + 2 + 1 + 1 + 2 + 2 + 1 = 10;
    // the last order is never filled.
    expect(metrics.turnover).toBe(10);
    expect(live.value().sharpe).toBeCloseTo(metrics.sharpe as number, 12);
  });
});
