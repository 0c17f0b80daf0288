import { describe, expect, it } from 'vitest';
import {
  type EpochMs,
  isTickRowSink,
  type OutcomeEvent,
  type TickRowSink,
} from '../../src/core/index.ts';

describe('isTickRowSink', () => {
  it('doc example: a sink with bound writers takes the rows through them', () => {
    const rows: unknown[][] = [];
    const sink: TickRowSink = {
      write: () => {},
      equityWriter:
        (symbol, strategy) =>
        (ts, ...rest) =>
          rows.push([symbol, ts, strategy, ...rest]),
      predictionWriter: () => () => {},
    };
    if (isTickRowSink(sink)) sink.equityWriter('MSFT', 'model')(0 as EpochMs, 1, 0.001, 1.02, 0, 0);
    expect(rows).toEqual([['MSFT', 0, 'model', 1, 0.001, 1.02, 0, 0]]);
  });

  it('a sink with only write() is not one', () => {
    const seen: OutcomeEvent[] = [];
    expect(isTickRowSink({ write: (e) => seen.push(e) })).toBe(false);
  });
});
