import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';
import { EVENT_TABLES, sortedTables } from '../helpers/table-rows.ts';

// A neural scenario (a small LSTM, every symbol learning online in one batched kernel call per
// bar) run in one thread and on two shards: a symbol's math must not depend on which other
// symbols share its batch, so both record the same rows.
const SCENARIO = [
  'name: neural-shards',
  'seed: 7',
  'backend: wasm',
  'data: { synthetic: { symbols: 4, bars: 120, seed: 3, drifts: [{ at: 70, kind: flip }] } }',
  'model: { kind: lstm, hidden: 4, window: 8 }',
  'lifecycle: { warmupBars: 30, policy: periodic, periodBars: 25, updateLatency: 2, recentWindow: 20, test: { minSamples: 10, alpha: 0.5 } }',
  'baselines: [naive]',
  'monitoring: { drift: [{ detector: adwin, on: error }] }',
  '',
].join('\n');

describe('run --shards with a neural model', () => {
  const dir = tempDir('livemodel-neural-shards-');
  const files = new Map<number, string>();
  const tables = new Map<number, Map<string, string[]>>();

  beforeAll(async () => {
    const scenario = join(dir, 'neural.yaml');
    writeFileSync(scenario, SCENARIO);
    for (const shards of [1, 2]) {
      const r = await runScenario({ scenario }, { out: join(dir, `shards-${shards}`), shards });
      files.set(shards, r.files.data);
      tables.set(shards, await sortedTables(r.files.data));
    }
  }, 120_000);

  it('records champion and challenger predictions, version events and tests (the comparison is not vacuous)', async () => {
    const [n] = await queryFile(
      files.get(1) as string,
      `SELECT (SELECT count(*) FROM predictions WHERE role = 'challenger')::INT AS challenger,
              (SELECT count(*) FROM version_events)::INT AS versions,
              (SELECT count(*) FROM ab_tests)::INT AS tests,
              (SELECT backend FROM runs) AS backend`,
    );
    expect(n.challenger).toBeGreaterThan(0);
    expect(n.versions).toBeGreaterThan(4);
    expect(n.tests).toBeGreaterThan(0);
    expect(n.backend).toBe('wasm');
  });

  for (const table of EVENT_TABLES)
    it(`${table}: --shards 2 records exactly the rows of --shards 1`, () => {
      const one = tables.get(1)?.get(table);
      const two = tables.get(2)?.get(table);
      if (one === undefined || two === undefined) throw new Error(`no rows read from ${table}`);
      expect(two.length, table).toBe(one.length);
      expect(two, table).toEqual(one);
    });
});
