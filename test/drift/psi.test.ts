import { describe, expect, it } from 'vitest';
import { Psi } from '../../src/drift/index.ts';
import { gaussianStream, signalIndices } from './streams.ts';

describe('Psi', () => {
  it('doc example', () => {
    const psi = new Psi({ reference_size: 100, window_size: 50 });
    const xs = Array.from({ length: 300 }, (_, i) => (i % 10) + (i < 150 ? 0 : 5));
    expect(xs.findIndex((x) => psi.update(x) === 'drift')).toBe(166);
  });

  it('computes the index by hand on two bins', () => {
    // reference 0..9 twice → bins 2 cut at the median 4: shares (10.5/21, 10.5/21)
    const psi = new Psi({
      reference_size: 20,
      window_size: 10,
      bins: 2,
      threshold: 5,
      warning_threshold: 5,
    });
    for (let i = 0; i < 20; i++) psi.update(i % 10);
    for (let i = 0; i < 10; i++) psi.update(i < 8 ? 0 : 9); // 8 low, 2 high
    const c = [8.5 / 11, 2.5 / 11];
    const r = 0.5;
    const expected = (c[0]! - r) * Math.log(c[0]! / r) + (c[1]! - r) * Math.log(c[1]! / r);
    expect(psi.value).toBeCloseTo(expected, 14);
  });

  it('is 0 when the current window matches the reference bin for bin', () => {
    const psi = new Psi({ reference_size: 20, window_size: 10, bins: 5 });
    for (let i = 0; i < 20; i++) psi.update(i % 10);
    for (let i = 0; i < 10; i++) psi.update(i);
    expect(psi.value).toBeCloseTo(0, 15);
  });

  it('sees values beyond a constant reference', () => {
    const psi = new Psi({ reference_size: 20, window_size: 10 });
    const signals = [...Array(40).fill(3), ...Array(20).fill(4)].map((x) => psi.update(x));
    // the first 4 lands in a bin the reference left empty: PSI = 0.21 at once
    expect(signals.indexOf('drift')).toBe(40);
  });

  it('fires within 150 values of a 1σ mean shift (20 seeds), never before it', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const d = signalIndices(new Psi(), gaussianStream(seed, 2000, 1, 1000));
      expect(d.filter((i) => i < 1000)).toEqual([]);
      expect(d[0]! - 1000).toBeLessThanOrEqual(150);
    }
  });

  it('rarely fires on stationary streams: at most 2 drifts in 20 × 5000 values; warnings under 15%', () => {
    let drifts = 0;
    let warnings = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const xs = gaussianStream(1000 + seed, 5000);
      drifts += signalIndices(new Psi(), xs).length;
      warnings += signalIndices(new Psi(), xs, 'warning').length;
    }
    expect(drifts).toBeLessThanOrEqual(2);
    expect(warnings / 100_000).toBeLessThan(0.15);
  });
});
