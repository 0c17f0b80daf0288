import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

// Invariant 5 (no look-ahead) as prefix invariance, end to end: a run on the input cut at bar
// CUT records, up to the cut, exactly the rows of the run on the whole input. The scenario
// exercises what could leak: a per-regime ensemble, the drift policy with challengers, the
// sequential test, horizon-3 labels (resolved three bars after their fill) and the regime
// detectors.
const BARS = 700;
const CUT = 520;

const SCENARIO = `
name: prefix
seed: 3
data: { file: market.csv }
horizon: 3
features: { returnLags: [1, 2, 5], volatilityWindow: 10 }
model:
  kind: ensemble
  perRegime: true
  members:
    - { kind: logistic, optimizer: adagrad, learningRate: 0.05 }
    - { kind: logistic, optimizer: sgd, learningRate: 0.2 }
lifecycle:
  warmupBars: 80
  policy: drift
  builder: refit
  updateLatency: 5
  test: { method: sprt, alpha: 0.2, minSamples: 15, maxSamples: 120, effect: 0.5, beta: 0.5 }
  probationBars: 20
  probationMargin: 0
monitoring:
  drift:
    - { detector: page_hinkley, on: error, params: { threshold: 5 } }
  regime: { detector: both }
`;

/** Rows "recorded up to the cut": everything stamped at or before the cut bar's time. */
const TABLES: readonly [table: string, until: string, order: string][] = [
  ['predictions', 'horizon_ts', 'symbol, ts, role, variant'],
  ['equity', 'ts', 'symbol, strategy, ts'],
  ['regimes', 'ts', 'ALL'],
  ['drift_events', 'ts', 'ALL'],
  ['transitions', 'ts', 'ALL'],
  ['ab_tests', 'ended_ts', 'ALL'],
  ['version_events', 'ts', 'ALL'],
  ['ensemble_weights', 'ts', 'ALL'],
  ['alerts', 'ts', 'ALL'],
];

describe('prefix invariance (ensemble, drift policy, sequential test, horizon 3)', () => {
  const dir = tempDir('livemodel-prefix-');
  let cutTs = '';

  beforeAll(async () => {
    const gen = await runCliInProcess([
      'generate',
      join(dir, 'market.csv'),
      '--symbols',
      '4',
      '--bars',
      String(BARS),
      '--drifts',
      '300',
      '--seed',
      '9',
    ]);
    expect(gen.code).toBe(0);
    const lines = readFileSync(join(dir, 'market.csv'), 'utf8').trimEnd().split('\n');
    const header = lines[0]!;
    const ts = [...new Set(lines.slice(1).map((l) => l.split(',')[0]!))];
    cutTs = ts[CUT - 1]!;
    const kept = lines.slice(1).filter((l) => l.split(',')[0]! <= cutTs);
    writeFileSync(join(dir, 'cut.csv'), `${[header, ...kept].join('\n')}\n`);
    writeFileSync(join(dir, 'prefix.yaml'), SCENARIO);
    for (const [name, data] of [
      ['full', 'market.csv'],
      ['cut', 'cut.csv'],
    ] as const) {
      const r = await runCliInProcess([
        'run',
        join(dir, 'prefix.yaml'),
        '--data',
        join(dir, data),
        '--out',
        join(dir, name),
        '--quiet',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
  }, 120_000);

  it('the run exercises tests, promotions, drift, regimes and ensemble weights before the cut', async () => {
    const [c] = await queryFile(
      join(dir, 'cut', 'run.duckdb'),
      `SELECT (SELECT count(*) FROM ab_tests)::INT AS tests,
              (SELECT count(*) FROM ab_tests WHERE decision = 'promote')::INT AS promotions,
              (SELECT count(*) FROM drift_events)::INT AS drifts,
              (SELECT count(DISTINCT regime) FROM regimes)::INT AS regimes,
              (SELECT count(*) FROM ensemble_weights)::INT AS weights,
              (SELECT count(*) FROM predictions WHERE label IS NOT NULL)::INT AS labels`,
    );
    expect(c!.tests).toBeGreaterThan(c!.promotions);
    expect(c!.promotions).toBeGreaterThan(0);
    expect(c!.drifts).toBeGreaterThan(0);
    expect(c!.regimes).toBeGreaterThan(1);
    expect(c!.weights).toBeGreaterThan(0);
    expect(c!.labels).toBeGreaterThan(1000);
  });

  for (const [table, until, order] of TABLES) {
    it(`${table}: every row up to the cut is the full run's`, async () => {
      const sql = (run: string) =>
        queryFile(
          join(dir, run, 'run.duckdb'),
          `SELECT * FROM ${table}
           WHERE ${until} <= TIMESTAMP '${cutTs}' ORDER BY ${order}`,
        );
      const [full, cut] = [await sql('full'), await sql('cut')];
      expect(cut).toEqual(full);
    });
  }

  it('predictions made before the cut whose label came after it: same scores, no label in the cut run', async () => {
    const sql = (run: string, extra: string) =>
      queryFile(
        join(dir, run, 'run.duckdb'),
        `SELECT symbol, ts, role::VARCHAR AS role, model_version, score FROM predictions
         WHERE ts <= TIMESTAMP '${cutTs}' AND ${extra} ORDER BY symbol, ts, role`,
      );
    const full = await sql('full', `horizon_ts > TIMESTAMP '${cutTs}'`);
    const cut = await sql('cut', 'horizon_ts IS NULL');
    expect(full.length).toBeGreaterThan(0);
    expect(cut).toEqual(full);
  });
});
