import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/index.ts';
import {
  checkTransitionMatrix,
  nextState,
  stationaryDistribution,
} from '../../../src/feeds/index.ts';

describe('stationaryDistribution', () => {
  it('doc example', () => {
    const pi = stationaryDistribution([
      [0.9, 0.1],
      [0.3, 0.7],
    ]);
    expect(pi[0]).toBeCloseTo(0.75, 12);
    expect(pi[1]).toBeCloseTo(0.25, 12);
  });

  it('solves πP = π for a 4-state chain, and handles a periodic chain', () => {
    const P = [
      [0.97, 0.01, 0.01, 0.01],
      [0.05, 0.9, 0.03, 0.02],
      [0.02, 0.02, 0.95, 0.01],
      [0.1, 0.1, 0.1, 0.7],
    ];
    const pi = stationaryDistribution(P);
    for (let j = 0; j < 4; j++)
      expect(pi.reduce((a, p, i) => a + p * P[i]![j]!, 0)).toBeCloseTo(pi[j]!, 12);
    expect(pi.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(
      stationaryDistribution([
        [0, 1],
        [1, 0],
      ]),
    ).toEqual([0.5, 0.5]);
  });

  it('is exact for the default persistences (π ∝ 1 / (1 − p) when the rest is spread evenly)', () => {
    const p = [0.985, 0.97, 0.98, 0.95];
    const P = p.map((stay, i) => p.map((_, j) => (i === j ? stay : (1 - stay) / 3)));
    const w = p.map((stay) => 1 / (1 - stay));
    const total = w.reduce((a, b) => a + b, 0);
    for (const [i, x] of stationaryDistribution(P).entries())
      expect(x).toBeCloseTo(w[i]! / total, 14);
  });

  it('falls back to iteration for a reducible chain', () => {
    const pi = stationaryDistribution([
      [1, 0],
      [0, 1],
    ]);
    expect(pi).toEqual([0.5, 0.5]);
  });
});

describe('nextState and checkTransitionMatrix', () => {
  it('doc examples', () => {
    expect(
      nextState(
        [
          [0.9, 0.1],
          [0.3, 0.7],
        ],
        0,
        0.95,
      ),
    ).toBe(1);
    expect(() =>
      checkTransitionMatrix(
        [
          [1, 0],
          [0.5, 0.5],
        ],
        'synthetic.transitions',
      ),
    ).not.toThrow();
  });

  it('never picks a state of probability 0, even when u is at the top of a row that sums just below 1', () => {
    expect(nextState([[0.5, 0.5 - 1e-12, 0]], 0, 0.9999999999999)).toBe(1);
  });

  it('names the field and the row of a bad matrix', () => {
    expect(() =>
      checkTransitionMatrix(
        [
          [0.5, 0.4],
          [0, 1],
        ],
        'synthetic.transitions',
      ),
    ).toThrow(InputError);
    expect(() =>
      checkTransitionMatrix(
        [
          [0.5, 0.4],
          [0, 1],
        ],
        'synthetic.transitions',
      ),
    ).toThrow(/`synthetic.transitions\[0\]` to sum to 1, got 0.9/);
    expect(() =>
      checkTransitionMatrix(
        [
          [1.5, -0.5],
          [0, 1],
        ],
        'm',
      ),
    ).toThrow(/probabilities in \[0, 1\]/);
    expect(() => checkTransitionMatrix([[1], [0, 1]], 'm')).toThrow(/2×2 matrix/);
  });
});
