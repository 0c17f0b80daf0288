import { describe, expect, it } from 'vitest';
import { ALPHA, cells, DOCUMENTED_POWER, keyOf, runCell } from '../../scripts/calibrate-tests.ts';

// Seeded (a fixed seed: with ~40 cells each held to 3 standard errors, fresh seeds would fail
// now and then by design). `npm run test:calibration` runs 10,000 replications per cell, the
// size of docs/statistics.md; the default suite runs 1,000.
const REPS = Number(process.env['CALIBRATION_REPS'] ?? 1000);
const SEED = 1;

describe(`promotion tests hold their level and have their documented power (${REPS} replications per cell)`, () => {
  const all = cells();

  it('every power cell has a documented power, and only those', () => {
    const power = all.filter((c) => c.delta > 0).map(keyOf);
    expect([...DOCUMENTED_POWER.keys()].sort()).toEqual([...power].sort());
  });

  for (const cell of all.filter((c) => c.delta === 0)) {
    it(`size of ${keyOf(cell)} ≤ α + 3 s.e.`, () => {
      const r = runCell(cell, REPS, SEED);
      const se = Math.sqrt((ALPHA * (1 - ALPHA)) / REPS);
      expect(r.rate).toBeLessThanOrEqual(ALPHA + 3 * se);
    });
  }

  for (const cell of all.filter((c) => c.delta > 0)) {
    it(`power of ${keyOf(cell)} ≥ documented − 3 s.e.`, () => {
      const documented = DOCUMENTED_POWER.get(keyOf(cell)) ?? 1;
      const r = runCell(cell, REPS, SEED);
      const se = Math.sqrt((documented * (1 - documented)) / REPS);
      expect(r.rate).toBeGreaterThanOrEqual(documented - 3 * se);
    });
  }
});
