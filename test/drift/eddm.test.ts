import { describe, expect, it } from 'vitest';
import { Eddm } from '../../src/drift/index.ts';
import { PythonRandom } from './python-random.ts';
import { bernoulliStream, signalIndices } from './streams.ts';

describe('Eddm', () => {
  it('doc example', () => {
    const eddm = new Eddm();
    const errors = Array.from({ length: 600 }, (_, i) =>
      (i < 400 ? i % 8 === 7 : i % 2 === 1) ? 1 : 0,
    );
    const signals = errors.map((x) => eddm.update(x));
    expect(signals.indexOf('drift')).toBe(531);
    expect(signals.indexOf('warning')).toBe(491);
  });

  it("reproduces river's doctest (alpha 0.8, beta 0.75): warning at 1059, drift at 1278", () => {
    const rng = new PythonRandom(42);
    const stream = [...rng.choices([0, 1], 1000), ...rng.weightedChoices([0, 1], [0.3, 0.7], 1000)];
    const eddm = new Eddm({ alpha: 0.8, beta: 0.75 });
    const signals = stream.map((x) => eddm.update(x));
    expect(signals.flatMap((s, i) => (s === 'drift' ? [i] : []))).toEqual([1278]);
    expect(signals.indexOf('warning')).toBe(1059);
  });

  it('matches levels computed by hand (sample sd, warm_start errors before any test)', () => {
    const eddm = new Eddm({ warm_start: 3 });
    // Error distances 1, 4, 4, 4, 1, 1. Levels p' + 2s': [1,4] 6.7426 (max, n = 5);
    // [1,4,4] 6.4641 (3 errors: not tested); [1,4,4,4] 6.25 → 0.927 warning;
    // [1,4,4,4,1] 6.0863 → 0.9027 warning; [1,4,4,4,1,1] 5.7863 → 0.8582 drift.
    const errors = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1];
    const signals = errors.map((x) => eddm.update(x));
    expect(signals.slice(0, 12).every((s) => s === 'none')).toBe(true);
    expect(signals.slice(12)).toEqual(['warning', 'warning', 'drift']);
  });

  it('never tests a new maximum', () => {
    const eddm = new Eddm({ warm_start: 3 });
    // distances 4, 4, 4, 4, 1, 1: the spread raises p' + 2s' to new maxima, so nothing fires
    const errors = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1];
    expect(errors.every((x) => eddm.update(x) === 'none')).toBe(true);
  });

  it('fires within 150 values of an error-rate change 0.2 → 0.6 (20 seeds)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const d = signalIndices(new Eddm(), bernoulliStream(seed, 2000, 0.2, 0.6, 1000));
      const first = d.find((i) => i >= 1000) as number;
      expect(first - 1000).toBeLessThanOrEqual(150);
    }
  });

  it('false alarms at the published defaults stay under 2.5 per 1000 values (measured 1.8); tuned ones under 0.5', () => {
    let alarms = 0;
    let tuned = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const xs = bernoulliStream(1000 + seed, 5000, 0.2);
      alarms += signalIndices(new Eddm(), xs).length;
      tuned += signalIndices(new Eddm({ alpha: 0.8, beta: 0.75 }), xs).length;
    }
    expect(alarms / 100).toBeLessThan(2.5);
    expect(tuned / 100).toBeLessThan(0.5);
  });
});
