import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { falsePromotions } from '../../scripts/false-promotions.ts';
import { runCliInProcess, tempDir } from '../helpers/cli.ts';

// scenarios/null-promotions.yaml: a random walk with nothing to learn, a challenger every 100
// bars, no probation; every promotion is false. `npm run test:calibration` runs it at the full
// 300 symbols × 2,500 bars for every method and horizon (docs/statistics.md); the default
// suite runs 40 symbols for three of them.
const FULL = process.env['CALIBRATION_FULL'] === '1';
const SYMBOLS = FULL ? 300 : 40;

const CONFIGS: readonly { name: string; set: string[]; full: boolean }[] = [
  { name: 'dm-h1', set: [], full: false },
  { name: 'dm-h5', set: ['horizon=5'], full: true },
  { name: 'sprt-h1', set: ['lifecycle.test.method=sprt'], full: true },
  { name: 'sprt-h5', set: ['horizon=5', 'lifecycle.test.method=sprt'], full: false },
  { name: 'familywise-dm-h1', set: ['lifecycle.test.familywise=true'], full: false },
  { name: 'familywise-dm-h5', set: ['lifecycle.test.familywise=true', 'horizon=5'], full: true },
  {
    name: 'familywise-sprt-h1',
    set: ['lifecycle.test.familywise=true', 'lifecycle.test.method=sprt'],
    full: true,
  },
  {
    name: 'familywise-sprt-h5',
    set: ['lifecycle.test.familywise=true', 'lifecycle.test.method=sprt', 'horizon=5'],
    full: true,
  },
];

describe(`false promotions on a random walk (${SYMBOLS} symbols × 2,500 bars, end to end)`, () => {
  const dir = tempDir('livemodel-null-');
  for (const c of CONFIGS.filter((x) => FULL || !x.full)) {
    it(c.name, { timeout: 600_000 }, async () => {
      const out = join(dir, c.name);
      const sets = [`data.synthetic.symbols=${SYMBOLS}`, ...c.set].flatMap((s) => ['--set', s]);
      const r = await runCliInProcess([
        'run',
        'scenarios/null-promotions.yaml',
        '--out',
        out,
        '--quiet',
        ...sets,
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const [row, ...others] = await falsePromotions(out);
      expect(others).toEqual([]);
      expect(row!.tests).toBeGreaterThan(SYMBOLS); // several tests per symbol
      if (c.name.startsWith('familywise')) {
        // At most alpha = 5 % of symbols in theory; the bound for this run is 8 %.
        expect(row!.perSymbol).toBeLessThanOrEqual(0.08);
        expect(row!.maxAlpha).toBeCloseTo((0.05 * 6) / Math.PI ** 2, 12);
      } else {
        expect(row!.perTest).toBeLessThanOrEqual(0.065);
        expect(row!.maxAlpha).toBe(0.05);
      }
    });
  }
});
