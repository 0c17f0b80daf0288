import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAIRED_TEST,
  dieboldMariano,
  dmDegreesOfFreedom,
  ewcLongRunVariance,
  hlnFactor,
  MixtureEProcess,
  PairedLossTest,
  spentAlpha,
} from '../../src/lifecycle/index.ts';

/** 30 loss differentials; the reference numbers below were computed with numpy/scipy. */
const D = [
  0.12, -0.05, 0.31, 0.07, 0.22, -0.11, 0.15, 0.09, 0.02, 0.18, 0.25, -0.03, 0.11, 0.06, 0.14, 0.2,
  -0.08, 0.05, 0.17, 0.1, 0.13, -0.02, 0.08, 0.21, 0.04, 0.16, 0.01, 0.19, -0.06, 0.09,
];

describe('dieboldMariano', () => {
  it('EWC variance, HLN factor and t(ν) p-value by hand (n = 3)', () => {
    // d = 0.2, 0.1, 0.3: d̄ = 0.2; ν = max(1, min(⌊0.4·3^(2/3)⌋ = 0, ⌊3/2⌋ = 1)) = 1.
    // Λ₁ = √(2/3)·(cos(π/6)·0 + cos(π/2)·(−0.1) + cos(5π/6)·0.1) = −√(2/3)·0.0866 → Ω̂ = 0.005.
    // S = 0.2 / √(0.005/3) = 4.899; HLN(3, 1) = √(2/3) → 4.0; p = P(t₁ > 4) = ½ − atan(4)/π.
    const r = dieboldMariano([0.2, 0.1, 0.3], 3, 1);
    expect(r.df).toBe(1);
    expect(r.longRunVariance).toBeCloseTo(0.005, 14);
    expect(r.statistic).toBeCloseTo(4, 12);
    expect(r.pValue).toBeCloseTo(0.5 - Math.atan(4) / Math.PI, 12);
  });

  it('matches numpy/scipy on 30 differentials at h = 1 and h = 3', () => {
    const r1 = dieboldMariano(D, 30, 1);
    expect(r1.df).toBe(3);
    expect(r1.mean).toBeCloseTo(0.09333333333333332, 14);
    expect(r1.longRunVariance).toBeCloseTo(0.0008206531806742139, 14);
    expect(r1.statistic).toBeCloseTo(17.545104006623067, 9);
    expect(r1.pValue / 0.0002017981293590885).toBeCloseTo(1, 8);
    const r3 = dieboldMariano(D, 30, 3);
    expect(r3.statistic).toBeCloseTo(16.35525118667856, 9);
    expect(r3.pValue / 0.0002486880621564786).toBeCloseTo(1, 8);
  });

  it('ν and the HLN factor follow their rules', () => {
    expect(dmDegreesOfFreedom(30, 1)).toBe(3);
    expect(dmDegreesOfFreedom(100, 5)).toBe(8);
    expect(dmDegreesOfFreedom(30, 10)).toBe(1);
    expect(dmDegreesOfFreedom(1000, 1)).toBe(40);
    expect(hlnFactor(30, 1)).toBeCloseTo(Math.sqrt(29 / 30), 15);
    expect(hlnFactor(30, 5)).toBeCloseTo(Math.sqrt((31 - 10 + 20 / 30) / 30), 14);
    expect(hlnFactor(4, 5)).toBeNaN();
    expect(ewcLongRunVariance([1, -1], 2, 1)).toBeCloseTo(2, 14);
  });

  it('zero variance: ±∞ when the mean is not 0, else 0 (p = ½)', () => {
    expect(dieboldMariano([0.1, 0.1, 0.1, 0.1], 4, 1).pValue).toBe(0);
    expect(dieboldMariano([-0.1, -0.1, -0.1, -0.1], 4, 1).pValue).toBe(1);
    expect(dieboldMariano([0, 0, 0, 0], 4, 1).pValue).toBe(0.5);
  });
});

describe('PairedLossTest', () => {
  it('doc example: DM decides at minSamples', () => {
    const t = new PairedLossTest(
      { ...DEFAULT_PAIRED_TEST, minSamples: 30 },
      { horizon: 1, level: 0.05 },
    );
    for (let i = 0; i < 29; i++) t.add(0.7, 0.7 - (D[i] as number));
    expect(t.result().decision).toBe('continue');
    t.add(0.7, 0.7 - (D[29] as number));
    const r = t.result();
    expect(r.decision).toBe('promote');
    expect(r.pValue / 0.0002017981293590885).toBeCloseTo(1, 6);
    expect(r.df).toBe(3);
    expect(r.level).toBe(0.05);
  });

  it('rejects a challenger that is not significantly better', () => {
    const t = new PairedLossTest(
      { ...DEFAULT_PAIRED_TEST, minSamples: 4 },
      { horizon: 1, level: 0.05 },
    );
    for (const [a, b] of [
      [0.7, 0.6],
      [0.6, 0.7],
      [0.69, 0.68],
      [0.7, 0.72],
    ] as const)
      t.add(a, b);
    const r = t.result();
    expect(r.meanDiff).toBeCloseTo(-0.0025, 12);
    expect(r.pValue).toBeGreaterThan(0.5);
    expect(r.decision).toBe('reject');
  });

  it('runs at the level it is given (family-wise share): p = 0.0002 promotes at 0.05, not at 1e-4', () => {
    const strict = new PairedLossTest(DEFAULT_PAIRED_TEST, { horizon: 1, level: 1e-4 });
    for (const d of D) strict.add(0.7, 0.7 - d);
    expect(strict.result().decision).toBe('reject');
    expect(strict.result().level).toBe(1e-4);
  });

  it('validate runs the DM on every pair so far, whatever the method', () => {
    const t = new PairedLossTest(
      { ...DEFAULT_PAIRED_TEST, method: 'sprt', minSamples: 5 },
      { horizon: 1, level: 0.05 },
    );
    for (const d of D) t.add(0.7, 0.7 - d);
    const v = t.validateNow();
    expect(v.decision).toBe('promote');
    expect(v.pValue / 0.0002017981293590885).toBeCloseTo(1, 6);
  });

  it('sprt: promotes early on strong evidence, never before minSamples; rejects at maxSamples', () => {
    const strong = new PairedLossTest(
      { ...DEFAULT_PAIRED_TEST, method: 'sprt', minSamples: 20 },
      { horizon: 1, level: 0.05 },
    );
    let n = 0;
    while (strong.result().decision === 'continue' && n < 500) {
      strong.add(0.75 + (n % 2) * 0.02, 0.65);
      n++;
    }
    expect(strong.result().decision).toBe('promote');
    // Blocks of 5, no bet on the first; each later block grows ln E by at most ½, so ln 20 needs 7.
    expect(n).toBeGreaterThanOrEqual(40);
    expect(n).toBeLessThanOrEqual(60);
    const flat = new PairedLossTest(
      { ...DEFAULT_PAIRED_TEST, method: 'sprt', minSamples: 5, maxSamples: 40, beta: 1e-9 },
      { horizon: 1, level: 0.05 },
    );
    for (let i = 0; i < 40; i++) flat.add(0.7 + (i % 2 ? 0.3 : -0.3), 0.7 + (i % 3 ? 0.3 : -0.3));
    expect(flat.result().decision).toBe('reject');
    expect(flat.samples).toBe(40);
  });

  it('sprt: rejects early (futility) when the challenger is clearly worse', () => {
    const t = new PairedLossTest(
      { ...DEFAULT_PAIRED_TEST, method: 'sprt', minSamples: 10 },
      { horizon: 1, level: 0.05 },
    );
    let n = 0;
    while (t.result().decision === 'continue') {
      t.add(0.6, 0.7 + (n % 3) * 0.01);
      n++;
    }
    expect(t.result().decision).toBe('reject');
    expect(n).toBeLessThan(100);
  });
});

describe('MixtureEProcess', () => {
  it('by hand: blocks of 5, no bet on the first block, then the grid bets a/σ̂', () => {
    // effect 0.2, m = 5: δ_b = 0.2·√5, a* = δ_b/(1 + δ_b²) = 0.4472/1.2 = 0.37268.
    const e = new MixtureEProcess({ horizon: 1, effect: 0.2 });
    for (let i = 0; i < 5; i++) e.add(1); // block 1: X = 1, σ̂² = 1 after it; no bet
    expect(e.value).toBe(1);
    for (let i = 0; i < 5; i++) e.add(0.5); // block 2: X = 0.5, λ = a/1
    const star = (0.2 * Math.sqrt(5)) / (1 + 0.2 * 0.2 * 5);
    const expected =
      [0.25, 0.5, 1, 2]
        .map((g) => g * star)
        .reduce((s, a) => s + Math.exp(a * 0.5 - (a * a * 0.25) / 2), 0) / 4;
    expect(e.value).toBeCloseTo(expected, 14);
    expect(e.blockCount).toBe(2);
  });

  it('skips h − 1 labels between blocks of max(5, h)', () => {
    const e = new MixtureEProcess({ horizon: 7, effect: 0.2 });
    expect(e.block).toBe(7);
    for (let i = 0; i < 7 + 6 + 7; i++) e.add(1);
    expect(e.blockCount).toBe(2);
  });
});

describe('spentAlpha', () => {
  it('sums to alpha over all tests', () => {
    expect(spentAlpha(0.05, 1)).toBeCloseTo((0.05 * 6) / Math.PI ** 2, 15);
    let s = 0;
    for (let k = 1; k <= 1_000_000; k++) s += spentAlpha(0.05, k);
    expect(s).toBeLessThan(0.05);
    expect(s).toBeGreaterThan(0.05 * (1 - 1e-6));
    expect(() => spentAlpha(0.05, 0)).toThrow(RangeError);
  });
});
