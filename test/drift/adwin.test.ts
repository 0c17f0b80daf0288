import { describe, expect, it } from 'vitest';
import { Adwin } from '../../src/drift/index.ts';
import { PythonRandom } from './python-random.ts';
import { bernoulliStream, signalIndices } from './streams.ts';

describe('Adwin', () => {
  it('doc example', () => {
    const adwin = new Adwin({ clock: 1 });
    const errors = [...Array(200).fill(0), ...Array(200).fill(1)];
    const drifts = errors.flatMap((x, i) => (adwin.update(x) === 'drift' ? [i] : []));
    expect(drifts).toEqual([223]);
  });

  it("reproduces river's doctest: change detected at index 1023", () => {
    const rng = new PythonRandom(12345);
    const stream = [...rng.choices([0, 1], 1000), ...rng.choices([4, 5, 6, 7], 1000)];
    expect(signalIndices(new Adwin(), stream)).toEqual([1023]);
  });

  it('fires within 200 values of an abrupt error-rate change 0.2 → 0.6 (20 seeds)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const d = signalIndices(new Adwin(), bernoulliStream(seed, 2000, 0.2, 0.6, 1000));
      expect(d.filter((i) => i < 1000)).toEqual([]);
      expect(d[0]).toBeGreaterThanOrEqual(1000);
      expect(d[0]).toBeLessThanOrEqual(1200);
    }
  });

  it('raises no false alarm on 20 stationary streams of 5000 errors at rate 0.2', () => {
    let alarms = 0;
    for (let seed = 1; seed <= 20; seed++)
      alarms += signalIndices(new Adwin(), bernoulliStream(1000 + seed, 5000, 0.2)).length;
    expect(alarms).toBe(0);
  });

  it('keeps the whole window of a long stationary stream (no cut, exact mean)', () => {
    const adwin = new Adwin();
    for (let i = 0; i < 100_000; i++) adwin.update(i % 3 === 0 ? 1 : 0);
    expect(adwin.width).toBe(100_000);
    expect(adwin.estimation).toBeCloseTo(1 / 3, 3);
  });
});
