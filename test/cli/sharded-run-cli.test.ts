import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitSymbols } from '../../src/runner/index.ts';
import { runCliInProcess, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

describe('livemodel run --shards', () => {
  const dir = tempDir('livemodel-shards-');
  const one = join(dir, 'one');
  const two = join(dir, 'two');

  beforeAll(async () => {
    expect(
      (await runCliInProcess(['run', 'scenarios/quickstart.yaml', '--out', one, '--quiet'])).code,
    ).toBe(0);
    expect(
      (
        await runCliInProcess([
          'run',
          'scenarios/quickstart.yaml',
          '--out',
          two,
          '--quiet',
          '--shards',
          '2',
        ])
      ).code,
    ).toBe(0);
  });

  it('splitSymbols: doc example', () => {
    expect(splitSymbols(['A', 'B', 'C'], 2)).toEqual([['A', 'C'], ['B']]);
  });

  it('records the same predictions as a single-threaded run', async () => {
    const sql = `SELECT md5(string_agg(concat_ws('|', symbol, ts, role, model_version, score, label, loss), ';' ORDER BY symbol, ts, role)) AS h FROM predictions`;
    expect((await queryFile(join(two, 'run.duckdb'), sql))[0]?.h).toBe(
      (await queryFile(join(one, 'run.duckdb'), sql))[0]?.h,
    );
  });

  it('keeps the start of the run in the merged runs row (finished after started, like an unsharded run)', async () => {
    const [r] = await queryFile(
      join(two, 'run.duckdb'),
      `SELECT status, bars, date_diff('millisecond', started_at, finished_at) AS ms FROM runs`,
    );
    expect(r?.status).toBe('complete');
    expect(r?.bars).toBe('7440');
    expect(Number(r?.ms)).toBeGreaterThan(0);
  });
});
