import { describe, expect, it } from 'vitest';
import { InputError, createRandom } from '../../src/core/index.ts';
import { RuleRegimeDetector } from '../../src/regime/index.ts';

const noise = (seed: number, n: number, sd: number, drift = 0): number[] => {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => drift + sd * rng.normal());
};

describe('RuleRegimeDetector', () => {
  it('doc example', () => {
    const d = new RuleRegimeDetector({ trendWindow: 10, volWindow: 5 });
    for (let i = 0; i < 20; i++) d.update(0.01);
    expect(d.current).toBe('bull');
  });

  it('is sideways while warming up', () => {
    const d = new RuleRegimeDetector();
    for (let i = 0; i < 19; i++) expect(d.update(0.02)).toBe('sideways');
    expect(d.update(0.02)).not.toBe('sideways');
  });

  it('a clear uptrend is bull, a clear downtrend bear, flat noise sideways', () => {
    const up = new RuleRegimeDetector();
    const down = new RuleRegimeDetector();
    const flat = new RuleRegimeDetector();
    // 1 % daily vol (16 % a year): +0.3 % a day is ≈ +15 % over 50 bars
    for (const r of noise(1, 300, 0.01, 0.003)) up.update(r);
    for (const r of noise(2, 300, 0.01, -0.003)) down.update(r);
    for (let i = 0; i < 300; i++) flat.update(i % 2 ? 0.005 : -0.005);
    expect(up.current).toBe('bull');
    expect(down.current).toBe('bear');
    expect(flat.current).toBe('sideways');
  });

  it('high-vol noise after a calm period is volatile (vol ratio), then calms back', () => {
    const d = new RuleRegimeDetector({ annualVolThreshold: Infinity });
    for (const r of noise(3, 500, 0.005)) d.update(r);
    expect(d.current).not.toBe('volatile');
    const regimes = noise(4, 30, 0.03).map((r) => d.update(r));
    expect(regimes.slice(-10).every((r) => r === 'volatile')).toBe(true);
    expect(d.shortVol).toBeGreaterThan(1.5 * d.longVol);
    const calm = noise(5, 400, 0.005).map((r) => d.update(r));
    expect(calm.at(-1)).not.toBe('volatile');
  });

  it('an annualised vol above the threshold is volatile even when it never changed', () => {
    const d = new RuleRegimeDetector(); // 0.6 a year ≈ 3.8 % a day
    for (const r of noise(6, 300, 0.05)) d.update(r);
    expect(d.current).toBe('volatile');
    const hand = new RuleRegimeDetector({
      volWindow: 2,
      trendWindow: 2,
      annualVolThreshold: 0.5,
      barsPerYear: 100,
    });
    hand.update(0.03);
    expect(hand.update(-0.04)).toBe('sideways'); // RMS 0.03536 · 10 = 0.354 < 0.5, |change| 0.01 < 0.05
    expect(hand.update(0.06)).toBe('volatile'); // RMS sqrt((0.0016 + 0.0036)/2) · 10 = 0.51
  });

  it('keeps its running sums exact over a long stream', () => {
    const d = new RuleRegimeDetector({ trendWindow: 7, volWindow: 3 });
    const xs = noise(7, 100_000, 0.01);
    for (const r of xs) d.update(r);
    const last3 = xs.slice(-3);
    expect(d.shortVol).toBeCloseTo(Math.sqrt(last3.reduce((s, r) => s + r * r, 0) / 3), 14);
  });

  it('rejects bad config with the field named', () => {
    expect(() => new RuleRegimeDetector({ trendWindow: 1 })).toThrow(InputError);
    expect(() => new RuleRegimeDetector({ volRatio: -1 })).toThrow(
      'Expected `regime.volRatio` to be a finite number > 0, got `-1` (number)',
    );
  });
});
