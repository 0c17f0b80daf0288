import { describe, expect, it } from 'vitest';
import {
  lifecycleBars,
  nonServingCounts,
  stateShares,
} from '../../src/report/lifecycle-section.ts';
import type { StateInterval, VersionInterval } from '../../src/store/index.ts';

const st = (
  symbol: string,
  state: string,
  start_ts: number,
  end_ts: number,
  variant = 'm',
): StateInterval => ({ variant, symbol, state, start_ts, end_ts });

describe('lifecycle views', () => {
  it('doc example: counts symbols in each non-serving state over time, from 0', () => {
    expect(nonServingCounts([st('A', 'testing', 5, 9)], 0).get('testing')).toEqual([
      [0, 0],
      [5, 1],
      [9, 0],
    ]);
  });

  it('adds up overlapping intervals of several symbols and leaves serving out', () => {
    const counts = nonServingCounts([
      st('A', 'testing', 5, 9),
      st('B', 'testing', 7, 12),
      st('B', 'serving', 0, 7),
      st('C', 'rollback', 9, 10),
    ]);
    expect(counts.get('testing')).toEqual([
      [5, 1],
      [7, 2],
      [9, 1],
      [12, 0],
    ]);
    expect(counts.get('rollback')).toEqual([
      [9, 1],
      [10, 0],
    ]);
    expect(counts.has('serving')).toBe(false);
  });

  it('gives each variant’s share of time per state', () => {
    const shares = stateShares([
      st('A', 'serving', 0, 6),
      st('A', 'testing', 6, 8),
      st('B', 'serving', 0, 2, 'v'),
    ]);
    expect(shares.get('m')).toEqual(
      new Map([
        ['serving', 0.75],
        ['testing', 0.25],
      ]),
    );
    expect(shares.get('v')).toEqual(new Map([['serving', 1]]));
  });

  it('lays out one symbol’s states, serving versions and challengers in rows per variant', () => {
    const v = (
      version: number,
      kind: VersionInterval['kind'],
      start_ts: number,
      end_ts: number,
    ): VersionInterval => ({ variant: 'm', symbol: 'A', version, kind, start_ts, end_ts });
    const g = lifecycleBars(
      [st('A', 'serving', 0, 5), st('A', 'testing', 5, 8)],
      [v(1, 'champion', 0, 8), v(2, 'challenger', 5, 8)],
      ['m', 'other'],
    );
    expect(g.rows).toEqual(['m · state', 'm · serving version', 'm · challengers']);
    expect(g.bars.map((b) => [b.row, b.start, b.end, b.label])).toEqual([
      [0, 0, 5, 'serving'],
      [0, 5, 8, 'testing'],
      [1, 0, 8, 'v1'],
      [2, 5, 8, 'v2'],
    ]);
    expect(lifecycleBars([], [], ['m']).rows).toEqual([]);
  });
});
