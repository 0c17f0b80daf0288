import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/index.ts';
import { type DetectorName, createDetector } from '../../src/drift/index.ts';
import { signalIndices } from './streams.ts';

/**
 * Regression: the exact indices where each detector (defaults, KSWIN sampling seeded 7) fires on
 * one seeded stream with two abrupt changes, at 1000 (up) and 2000 (back). Errors: Bernoulli
 * 0.2 → 0.5 → 0.2. Feature: N(0,1) → N(1,1) → N(0,1). Reviewed when recorded: ADWIN sees both
 * changes; Page-Hinkley only the rise (it tests increases); DDM has a start-up alarm at 69 (p_min
 * from few values) then 1169; EDDM is noisy at its defaults at a 20% error rate; KSWIN catches
 * 1018 and 2024 among false alarms at alpha 0.005; PSI sees both changes after about 80 values.
 * A change here means a detector's behaviour changed: review it like code.
 */
const EXPECTED: Record<DetectorName, number[]> = {
  adwin: [1151, 2207],
  page_hinkley: [1095],
  ddm: [69, 1169],
  eddm: [202, 493, 641, 804, 944, 1036, 1145, 1233],
  kswin: [821, 1018, 1393, 1635, 2024, 2248, 2791],
  psi: [1094, 2066],
};

describe('drift detectors regression (seed 2024)', () => {
  const rng = createRandom(2024);
  const errors = Array.from({ length: 3000 }, (_, i) =>
    rng.next() < (i >= 1000 && i < 2000 ? 0.5 : 0.2) ? 1 : 0,
  );
  const feature = Array.from(
    { length: 3000 },
    (_, i) => rng.normal() + (i >= 1000 && i < 2000 ? 1 : 0),
  );

  for (const [name, indices] of Object.entries(EXPECTED)) {
    it(`${name} fires at the recorded indices`, () => {
      const xs = name === 'kswin' || name === 'psi' ? feature : errors;
      expect(signalIndices(createDetector(name, {}, createRandom(7)), xs)).toEqual(indices);
    });
  }
});
