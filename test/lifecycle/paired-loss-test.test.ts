import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/core/index.ts';
import { DEFAULT_PAIRED_TEST, PairedLossTest } from '../../src/lifecycle/index.ts';

describe('PairedLossTest', () => {
  it('doc example: DM by hand', () => {
    const t = new PairedLossTest({ ...DEFAULT_PAIRED_TEST, minSamples: 3 });
    t.add(0.7, 0.5);
    t.add(0.6, 0.5);
    t.add(0.8, 0.5);
    const r = t.result();
    // d = 0.2, 0.1, 0.3; mean 0.2; sample sd 0.1; S = 0.2 / (0.1 / √3) = 3.4641
    expect(r.statistic).toBeCloseTo(2 * Math.sqrt(3), 10);
    expect(r.pValue).toBeCloseTo(1 - normalCdf(2 * Math.sqrt(3)), 12);
    expect(r.pValue).toBeCloseTo(0.000266, 5);
    expect(r.decision).toBe('promote');
  });

  it('waits for minSamples, then rejects a challenger that is not significantly better', () => {
    const t = new PairedLossTest({ ...DEFAULT_PAIRED_TEST, minSamples: 4 });
    const pairs: [number, number][] = [
      [0.7, 0.6],
      [0.6, 0.7],
      [0.69, 0.68],
      [0.7, 0.72],
    ];
    pairs.slice(0, 3).forEach(([a, b]) => t.add(a, b));
    expect(t.result().decision).toBe('continue');
    t.add(...pairs[3]!);
    // d = 0.1, -0.1, 0.01, -0.02; mean -0.0025 → S < 0, p > 0.5
    const r = t.result();
    expect(r.meanDiff).toBeCloseTo(-0.0025, 12);
    expect(r.pValue).toBeGreaterThan(0.5);
    expect(r.decision).toBe('reject');
  });

  it('SPRT stops early on strong evidence and rejects at maxSamples without it', () => {
    const strong = new PairedLossTest({
      ...DEFAULT_PAIRED_TEST,
      method: 'sprt',
      minSamples: 5,
      sprtEffect: 0.05,
    });
    let n = 0;
    while (strong.result().decision === 'continue' && n < 100) {
      strong.add(0.75 + (n % 2) * 0.02, 0.65);
      n++;
    }
    expect(strong.result().decision).toBe('promote');
    expect(n).toBeLessThan(20);
    const flat = new PairedLossTest({
      ...DEFAULT_PAIRED_TEST,
      method: 'sprt',
      minSamples: 5,
      maxSamples: 40,
      sprtEffect: 0.05,
    });
    for (let i = 0; i < 40; i++) flat.add(0.7 + (i % 2 ? 0.3 : -0.3), 0.7 + (i % 3 ? 0.3 : -0.3));
    expect(flat.result().decision).not.toBe('promote');
    expect(flat.samples).toBe(40);
  });

  it('SPRT log-likelihood ratio matches Wald’s boundaries by hand', () => {
    // d = 0.1 (x3), 0.3 (x2): mean 0.18, var = Σ(d−m)²/(n−1) = (3·0.0064 + 2·0.0144)/4 = 0.012
    // Λ = (μ1·Σd − n·μ1²/2)/σ² with μ1 = 0.05: (0.05·0.9 − 5·0.00125)/0.012 = 3.229 ≥ ln(0.8/0.05) = 2.773 → promote
    const t = new PairedLossTest({
      ...DEFAULT_PAIRED_TEST,
      method: 'sprt',
      minSamples: 5,
      sprtEffect: 0.05,
    });
    for (const d of [0.1, 0.1, 0.1, 0.3, 0.3]) t.add(0.5 + d, 0.5);
    expect(t.result().decision).toBe('promote');
    const u = new PairedLossTest({
      ...DEFAULT_PAIRED_TEST,
      method: 'sprt',
      minSamples: 5,
      sprtEffect: 0.05,
    });
    // d = 0, 0.02, −0.02, 0.01, −0.01: Σd = 0, var = 0.00025; Λ = −0.00625/0.00025 = −25 ≤ ln(0.2/0.95) → reject
    for (const d of [0, 0.02, -0.02, 0.01, -0.01]) u.add(0.5 + d, 0.5);
    expect(u.result().decision).toBe('reject');
  });
});
