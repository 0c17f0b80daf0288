import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initTfBackend } from '../../src/models/index.ts';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';
import { engineConfig, Harness, randomWalk } from '../helpers/engine.ts';

const dir = tempDir('livemodel-neural-');
const msft = join(ROOT, 'data/msft-2000-2001.csv');

function scenario(name: string, body: string): string {
  const f = join(dir, `${name}.yaml`);
  writeFileSync(f, `name: ${name}\ndata: { file: ${msft} }\n${body}`);
  return f;
}

const HASH = `SELECT md5(string_agg(concat_ws('|', symbol, ts, role, model_version, score, label), ';' ORDER BY symbol, ts, role)) AS h FROM predictions`;

describe('neural and ensemble models end to end (wasm backend)', () => {
  it('an LSTM scenario runs, records its backend, and is deterministic for a seed', async () => {
    const s = scenario(
      'lstm',
      'model: { kind: lstm, hidden: 4, window: 4 }\nlifecycle: { warmupBars: 40, policy: periodic, periodBars: 50, test: { minSamples: 10 } }\n',
    );
    const a = runCli(['run', s, '--out', join(dir, 'lstm-a'), '--quiet']);
    const b = runCli(['run', s, '--out', join(dir, 'lstm-b'), '--quiet']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const [run] = await queryFile(
      join(dir, 'lstm-a/run.duckdb'),
      'SELECT backend, status FROM runs',
    );
    expect(run).toEqual({ backend: 'wasm', status: 'complete' });
    const [n] = await queryFile(
      join(dir, 'lstm-a/run.duckdb'),
      `SELECT count(*) AS n, count(DISTINCT model_version) AS v FROM predictions WHERE role IN ('champion', 'challenger')`,
    );
    expect(Number(n.n)).toBeGreaterThan(200);
    expect(Number(n.v)).toBeGreaterThan(1);
    const [ha] = await queryFile(join(dir, 'lstm-a/run.duckdb'), HASH);
    const [hb] = await queryFile(join(dir, 'lstm-b/run.duckdb'), HASH);
    expect(ha.h).toBe(hb.h);
  });

  it('LSTM and transformer variants run end to end on the synthetic market, side by side', async () => {
    const f = join(dir, 'syn-neural.yaml');
    writeFileSync(
      f,
      [
        'name: syn-neural',
        'data: { synthetic: { symbols: 3, bars: 260, seed: 5, drifts: [{ at: 150, kind: flip }] } }',
        'lifecycle: { warmupBars: 40, policy: drift, test: { minSamples: 10 } }',
        'variants:',
        '  - { name: lstm, model: { kind: lstm, hidden: 4, window: 4 } }',
        '  - { name: transformer, model: { kind: transformer, window: 4, dModel: 4, heads: 1 } }',
        '',
      ].join('\n'),
    );
    const r = runCli(['run', f, '--out', join(dir, 'syn-neural'), '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = await queryFile(
      join(dir, 'syn-neural/run.duckdb'),
      `SELECT variant::VARCHAR AS v, count(DISTINCT symbol) AS s, count(*) AS n, count(label) AS l FROM predictions WHERE role = 'champion' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((x) => [x.v, x.s])).toEqual([
      ['lstm', '3'],
      ['transformer', '3'],
    ]);
    for (const x of rows) expect(Number(x.l)).toBeGreaterThan(500);
    const [run] = await queryFile(
      join(dir, 'syn-neural/run.duckdb'),
      'SELECT backend, status FROM runs',
    );
    expect(run).toEqual({ backend: 'wasm', status: 'complete' });
  });

  it('a per-regime ensemble of logistic, LSTM and transformer records its weights over time', async () => {
    const s = scenario(
      'ens',
      'model: { kind: ensemble, perRegime: true, members: [ { kind: logistic }, { kind: lstm, hidden: 4, window: 4 }, { kind: transformer, window: 4, dModel: 4, heads: 1 } ] }\nlifecycle: { warmupBars: 40 }\n',
    );
    const r = runCli(['run', s, '--out', join(dir, 'ens'), '--quiet']);
    expect(r.code).toBe(0);
    const rows = await queryFile(
      join(dir, 'ens/run.duckdb'),
      `SELECT ts, sum(weight) AS w, count(*) AS members, any_value(regime) AS regime FROM ensemble_weights GROUP BY ts ORDER BY ts`,
    );
    expect(rows.length).toBeGreaterThan(150);
    for (const row of rows) {
      expect(row.members).toBe('3');
      expect(row.w).toBeCloseTo(1, 9);
    }
    expect(new Set(rows.map((x) => x.regime)).size).toBeGreaterThan(1);
  });

  it('a return-forecast (linear) model records the traded log return (next close → close at the horizon) as labels and squared errors as losses', async () => {
    const s = scenario('lin', 'model: { kind: linear }\nlifecycle: { warmupBars: 40 }\n');
    const r = runCli(['run', s, '--out', join(dir, 'lin'), '--quiet']);
    expect(r.code).toBe(0);
    const rows = await queryFile(
      join(dir, 'lin/run.duckdb'),
      // The traded move: from the fill at the next bar's close (c0) to the close at horizon_ts (c1).
      `WITH bars AS (SELECT ts, close, lead(close) OVER (ORDER BY ts) AS next_close FROM read_csv('${msft}'))
       SELECT p.score, p.label, p.loss, a.next_close AS c0, b.close AS c1 FROM predictions p JOIN bars a ON a.ts = p.ts::DATE JOIN bars b ON b.ts = p.horizon_ts::DATE WHERE p.role = 'champion' ORDER BY p.ts LIMIT 20`,
    );
    expect(rows).toHaveLength(20);
    for (const x of rows) {
      expect(x.label).toBeCloseTo(Math.log(x.c1 / x.c0), 12);
      expect(x.loss).toBeCloseTo((x.score - x.label) ** 2, 15);
    }
    const [naive] = await queryFile(
      join(dir, 'lin/run.duckdb'),
      `SELECT count(*) FILTER (WHERE label NOT IN (0, 1)) AS odd FROM predictions WHERE role = 'naive'`,
    );
    expect(naive.odd).toBe('0');
  });

  it('releases every tensor when a neural engine finishes (updates, promotions and rollbacks included)', async () => {
    await initTfBackend('cpu');
    const before = tf.memory().numTensors;
    const h = new Harness(
      engineConfig(
        { policy: 'periodic', periodBars: 30, warmupBars: 30, probationBars: 5 },
        {
          variants: [
            {
              name: 'model',
              model: { kind: 'lstm', hidden: 4, window: 4 },
              lifecycle: {
                ...engineConfig().variants[0]!.lifecycle,
                policy: 'periodic',
                periodBars: 30,
                warmupBars: 30,
                probationBars: 5,
                test: { ...engineConfig().variants[0]!.lifecycle.test, minSamples: 8 },
              },
            },
          ],
        },
      ),
    );
    const slices = randomWalk(['A', 'B'], 220);
    h.run(slices.slice(0, 120));
    h.engine.command('*', { type: 'update' });
    h.run(slices.slice(120, 220));
    h.engine.finish();
    expect(h.sink.of('ab_test').length).toBeGreaterThan(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
