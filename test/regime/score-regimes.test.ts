import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { scoreRegimes } from '../../src/regime/index.ts';

describe('scoreRegimes', () => {
  it('doc example', () => {
    expect(scoreRegimes(['bull', 'bull', 'bear'], ['bull', 'bear', 'bear']).accuracy).toBeCloseTo(
      2 / 3,
      15,
    );
  });

  it('builds the confusion matrix, known regimes first', () => {
    const s = scoreRegimes(
      ['volatile', 'bull', 'bull', 'calm'],
      ['volatile', 'bull', 'sideways', 'bull'],
    );
    expect(s.labels).toEqual(['bull', 'sideways', 'volatile', 'calm']);
    expect(s.matrix).toEqual([
      [1, 1, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 1, 0],
      [1, 0, 0, 0],
    ]);
    expect(s.n).toBe(4);
    expect(s.accuracy).toBe(0.5);
  });

  it('is NaN when empty and refuses different lengths', () => {
    expect(scoreRegimes([], []).accuracy).toBeNaN();
    expect(() => scoreRegimes(['bull'], [])).toThrow(InputError);
  });
});
