import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { EpochMs, OutcomeEvent } from '../../src/core/index.ts';
import { Recorder, type RunInfo } from '../../src/store/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

const run: RunInfo = {
  runId: 'r1',
  scenario: 'rec',
  seed: 1,
  startedAtMs: Date.UTC(2024, 0, 1),
  backend: 'js',
  config: { a: 1 },
  data: 'x.csv',
  symbols: ['A'],
  version: '0',
  dictionaries: { symbol: ['A'], role: ['champion'], strategy: ['m'], variant: ['m'] },
};
const prediction = (i: number): OutcomeEvent => ({
  type: 'prediction',
  variant: 'm',
  symbol: 'A',
  ts: (i * 60_000) as EpochMs,
  horizonTs: null,
  role: 'champion',
  modelVersion: 1,
  score: 0.5,
  label: null,
  loss: null,
});

describe('Recorder', () => {
  it('doc example: open, write, finish; the runs row goes from running to complete', async () => {
    const file = join(tempDir('livemodel-rec-'), 'run.duckdb');
    const rec = await Recorder.open(file, run);
    const [during] = (
      await rec.connection.runAndReadAll('SELECT status, finished_at FROM runs')
    ).getRowObjectsJson();
    expect(during).toEqual({ status: 'running', finished_at: null });
    rec.write(prediction(0));
    await rec.finish('complete', { bars: 1, rejects: 0, finishedAtMs: Date.UTC(2024, 0, 2) });
    const [after] = await queryFile(
      file,
      'SELECT status, finished_at::VARCHAR AS f, bars, (SELECT count(*) FROM predictions)::INTEGER AS n FROM runs',
    );
    expect(after).toEqual({ status: 'complete', f: '2024-01-02 00:00:00', bars: '1', n: 1 });
  });

  it('flushes waiting rows on a timer, so a slow (live) run that is killed loses at most about that long', async () => {
    const file = join(tempDir('livemodel-rec-'), 'run.duckdb');
    const rec = await Recorder.open(file, run, { flushEveryMs: 40 });
    const count = async () =>
      Number(
        (
          await rec.connection.runAndReadAll('SELECT count(*) AS n FROM predictions')
        ).getRowObjectsJson()[0]?.['n'],
      );
    try {
      for (let i = 0; i < 3; i++) rec.write(prediction(i));
      expect(await count()).toBe(0); // still in the data chunk
      await sleep(200);
      expect(await count()).toBe(3);
      rec.write(prediction(3));
      await sleep(200);
      expect(await count()).toBe(4);
    } finally {
      await rec.finish('complete', { bars: 4, rejects: 0, finishedAtMs: 0 });
    }
    expect((await queryFile(file, 'SELECT count(*)::INTEGER AS n FROM predictions'))[0]).toEqual({
      n: 4,
    });
  });
});
