import { describe, expect, it } from 'vitest';
import { PageHinkley } from '../../src/drift/index.ts';
import { PythonRandom } from './python-random.ts';
import { bernoulliStream, signalIndices } from './streams.ts';

describe('PageHinkley', () => {
  it('doc example', () => {
    const ph = new PageHinkley({ threshold: 10 });
    const errors = [...Array(100).fill(0), ...Array(100).fill(1)];
    expect(errors.findIndex((x) => ph.update(x) === 'drift')).toBe(110);
  });

  it("reproduces river's doctest: change detected at index 1006", () => {
    const rng = new PythonRandom(12345);
    const stream = [...rng.choices([0, 1], 1000), ...rng.choices([4, 5, 6, 7], 1000)];
    expect(signalIndices(new PageHinkley(), stream)).toEqual([1006]);
  });

  it('matches the recursion computed by hand', () => {
    // threshold 1, delta 0, alpha 1, min_instances 1: x̄ = 0, 0, 2/3 → m = 0, 0, 4/3 ≥ 1 at the third value
    const ph = new PageHinkley({ threshold: 1, delta: 0, alpha: 1, min_instances: 1 });
    expect([0, 0, 2].map((x) => ph.update(x))).toEqual(['none', 'none', 'drift']);
    const ph2 = new PageHinkley({ threshold: 100, delta: 0.5, alpha: 0.5, min_instances: 1 });
    ph2.update(4); // x̄ = 4, m = max(0, 0 + 4 - 4 - 0.5) = 0
    ph2.update(10); // x̄ = 7, m = max(0, 0 + 10 - 7 - 0.5) = 2.5
    expect(ph2.statistic).toBeCloseTo(2.5, 15);
    ph2.update(7); // x̄ = 7, m = 0.5·2.5 + 0 - 0.5 = 0.75
    expect(ph2.statistic).toBeCloseTo(0.75, 15);
  });

  it('fires 50–200 values after an error-rate change 0.2 → 0.6 (20 seeds)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const d = signalIndices(new PageHinkley(), bernoulliStream(seed, 2000, 0.2, 0.6, 1000));
      expect(d[0]).toBeGreaterThanOrEqual(1050);
      expect(d[0]).toBeLessThanOrEqual(1200);
    }
  });

  it('rarely fires on stationary streams: at most 2 alarms in 20 × 5000 values', () => {
    let alarms = 0;
    for (let seed = 1; seed <= 20; seed++)
      alarms += signalIndices(new PageHinkley(), bernoulliStream(1000 + seed, 5000, 0.2)).length;
    expect(alarms).toBeLessThanOrEqual(2);
  });
});
