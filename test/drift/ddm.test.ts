import { describe, expect, it } from 'vitest';
import { Ddm } from '../../src/drift/index.ts';
import { PythonRandom } from './python-random.ts';
import { bernoulliStream, signalIndices } from './streams.ts';

describe('Ddm', () => {
  it('doc example', () => {
    const ddm = new Ddm();
    const errors = Array.from({ length: 200 }, (_, i) =>
      (i < 100 ? i % 5 === 0 : i % 5 !== 0) ? 1 : 0,
    );
    expect(errors.findIndex((x) => ddm.update(x) === 'drift')).toBe(114);
  });

  it("reproduces river's doctest: warning at 1084, drift at 1334, next warning at 1492", () => {
    const rng = new PythonRandom(42);
    const stream = [...rng.choices([0, 1], 1000), ...rng.weightedChoices([0, 1], [0.3, 0.7], 1000)];
    const ddm = new Ddm();
    const signals = stream.map((x) => ddm.update(x));
    const drifts = signals.flatMap((s, i) => (s === 'drift' ? [i] : []));
    const warnings = signals.flatMap((s, i) => (s === 'warning' ? [i] : []));
    expect(drifts).toEqual([1334]);
    expect(warnings[0]).toBe(1084);
    expect(warnings.find((i) => i > 1334)).toBe(1492);
  });

  it('computes the thresholds by hand', () => {
    // warm_start 2: at n = 3 with errors 1,0,0 p = 1/3, s = sqrt(2/27) → p_min, s_min set there.
    const ddm = new Ddm({ warm_start: 2 });
    expect([1, 0, 0].map((x) => ddm.update(x))).toEqual(['none', 'none', 'none']);
    // n = 4, one more error: p = 1/2, s = sqrt(1/16) = 1/4; p + s = 0.75 vs p_min + 3 s_min = 1/3 + 3·0.2722 = 1.15
    expect(ddm.update(1)).toBe('none');
    // n = 5: p = 0.6, s = sqrt(0.24/5) = 0.2191, p + s = 0.819 > p_min + 2 s_min = 0.878? no → none
    expect(ddm.update(1)).toBe('none');
    // n = 6: p = 4/6, s = sqrt((2/9)/6) = 0.1925, p + s = 0.859 < 0.878 → none; n = 7: 5/7 + 0.1707 = 0.885 → warning
    expect(ddm.update(1)).toBe('none');
    expect(ddm.update(1)).toBe('warning');
    expect(ddm.errorRate).toBeCloseTo(5 / 7, 15);
  });

  it('fires after an error-rate change 0.2 → 0.6 within 400 values (20 seeds)', () => {
    const delays: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const d = signalIndices(new Ddm(), bernoulliStream(seed, 2000, 0.2, 0.6, 1000));
      const first = d.find((i) => i >= 1000) as number;
      expect(first - 1000).toBeLessThanOrEqual(400);
      delays.push(first - 1000);
    }
    delays.sort((a, b) => a - b);
    expect(delays[10]).toBeLessThanOrEqual(100);
  });

  it('rarely fires on stationary streams: at most 15 alarms in 20 × 5000 values', () => {
    let alarms = 0;
    for (let seed = 1; seed <= 20; seed++)
      alarms += signalIndices(new Ddm(), bernoulliStream(1000 + seed, 5000, 0.2)).length;
    expect(alarms).toBeLessThanOrEqual(15);
  });
});
