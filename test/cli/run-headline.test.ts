import { describe, expect, it } from 'vitest';
import { headlineOf } from '../../src/cli/run-headline.ts';
import { fakeSummary } from '../helpers/fake-summary.ts';

describe('headlineOf', () => {
  it('doc example: the variant portfolio, direction metrics and lifecycle counts', () => {
    const h = headlineOf(fakeSummary(4));
    expect(h.variants['model']).toEqual({
      total_return: 0.12,
      sharpe: 0.8,
      max_drawdown: -0.15,
      accuracy: 0.52,
      f1: 0.5,
      updates: 2,
      promotions: 2,
      rollbacks: 1,
    });
  });

  it('counts updates as versions after each symbol’s first, and lists every other strategy as a baseline', () => {
    const h = headlineOf(fakeSummary(3));
    // S01 has 3 versions (2 updates), the others 1 (none)
    expect(h.variants['model']?.updates).toBe(2);
    expect(Object.keys(h.baselines)).toEqual(['buy_and_hold', 'frozen']);
    expect(h.baselines['buy_and_hold']).toEqual({
      total_return: 0.5,
      sharpe: 1.5,
      max_drawdown: -0.2,
      accuracy: null,
      f1: null,
    });
    expect(h.baselines['frozen']).toEqual({
      total_return: -0.05,
      sharpe: -0.1,
      max_drawdown: -0.3,
      accuracy: 0.49,
      f1: 0.45,
    });
  });
});
