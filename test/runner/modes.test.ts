import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../../src/cli/serve-command.ts';
import { runScenario } from '../../src/runner/index.ts';
import { runSweepJob } from '../../src/sweep/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

// One scenario through every mode that can replay it — `run`, `run --shards 2`, a sweep job and
// `serve` — all through the runner's kernel: the recorded rows are the same.
const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIO = join(ROOT, 'scenarios/quickstart.yaml');
const SET = [
  ['data.symbols', '["DAX","SMI"]'],
  ['lifecycle.policy', 'periodic'],
  ['lifecycle.periodBars', '300'],
  ['lifecycle.test.alpha', '0.3'],
] as const;

const TABLES: readonly [string, string][] = [
  ['predictions', 'symbol, ts, role, variant'],
  ['equity', 'symbol, strategy, ts'],
  ['transitions', 'ALL'],
  ['ab_tests', 'ALL'],
  ['version_events', 'ALL'],
  ['regimes', 'ALL'],
  ['drift_events', 'ALL'],
  ['alerts', 'ALL'],
  ['model_versions', 'ALL'],
];

describe('every mode that can replay a scenario records the same rows', () => {
  const dir = tempDir('livemodel-modes-');
  const files = new Map<string, string>();

  beforeAll(async () => {
    const set = SET.map(([p, v]) => [p, v] as [string, string]);
    const one = await runScenario({ scenario: SCENARIO, set }, { out: join(dir, 'run') });
    files.set('run', one.files.data);
    const two = await runScenario(
      { scenario: SCENARIO, set },
      { out: join(dir, 'shards'), shards: 2 },
    );
    files.set('run --shards 2', two.files.data);

    const text = readFileSync(SCENARIO, 'utf8').replace(
      '../data/eu-stock-markets.csv',
      join(ROOT, 'data/eu-stock-markets.csv'),
    );
    const job = await runSweepJob(
      {
        id: 'j001',
        index: 0,
        parameters: {},
        seed: 42,
        shard: 0,
        shards: 1,
        symbols: null,
        overrides: set,
        scenarioText: text,
        dataFile: join(ROOT, 'data/eu-stock-markets.csv'),
        outDir: join(dir, 'sweep-job'),
        strategy: 'model',
      },
      new AbortController().signal,
      'test',
    );
    expect(job.error).toBeNull();
    files.set('sweep job', join(dir, 'sweep-job', 'run.duckdb'));

    const stop = new AbortController();
    const lines: string[] = [];
    await serveCommand({
      scenario: SCENARIO,
      host: '127.0.0.1',
      port: 0,
      speed: 1e12,
      out: join(dir, 'serve'),
      set,
      signal: stop.signal,
      log: (line) => {
        lines.push(line);
        // the replay has ended and the run is recorded: stop serving
        if (line.startsWith('the source has ended')) stop.abort();
      },
    });
    files.set('serve', join(dir, 'serve', 'run.duckdb'));
  }, 300_000);

  it('the runs row records the same scenario, status and backend in every mode', async () => {
    for (const [mode, file] of files) {
      const [r] = await queryFile(file, 'SELECT status, backend, scenario, bars FROM runs');
      expect(r, mode).toEqual({
        status: 'complete',
        backend: 'js',
        scenario: 'quickstart',
        bars: '3720',
      });
    }
  });

  for (const [table, order] of TABLES) {
    it(`${table}: identical in run, shards, a sweep job and serve`, async () => {
      const rows = async (file: string) =>
        queryFile(file, `SELECT * FROM ${table} ORDER BY ${order}`);
      const base = await rows(files.get('run')!);
      expect(base.length, table).toBeGreaterThan(
        table === 'drift_events' || table === 'alerts' ? -1 : 0,
      );
      for (const [mode, file] of files)
        expect(await rows(file), `${table} in ${mode}`).toEqual(base);
    });
  }
});
