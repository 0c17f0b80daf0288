import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EpochMs, type OutcomeEvent, StoreError } from '../../src/core/index.ts';
import {
  openRecorder,
  Recorder,
  type RunInfo,
  recorderModeOf,
  ThreadedRecorder,
} from '../../src/store/index.ts';
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
  symbols: ['A', 'B'],
  version: '0',
  dictionaries: { symbol: ['A', 'B'], role: ['champion'], strategy: ['m'], variant: ['m'] },
};
const prediction = (i: number, symbol = 'A'): OutcomeEvent => ({
  type: 'prediction',
  variant: 'm',
  symbol,
  ts: (i * 60_000) as EpochMs,
  horizonTs: i % 3 === 0 ? null : (((i + 1) * 60_000) as EpochMs),
  role: 'champion',
  modelVersion: i % 5 === 0 ? null : 1,
  score: i % 7 === 0 ? Number.NaN : i / 1000,
  label: i % 2,
  loss: null,
});
const alert = (i: number): OutcomeEvent => ({
  type: 'alert',
  variant: 'm',
  symbol: i % 2 === 0 ? 'A' : 'B',
  ts: (i * 60_000) as EpochMs,
  kind: 'k',
  severity: 'warning',
  message: `it's row ${i}, with "quotes" and ünïcode`,
});

const message = (i: number): OutcomeEvent => ({
  type: 'feed_message',
  seq: i,
  receivedMs: 1_700_000_000_000 + i,
  kind: 'tick',
  symbol: i % 20 === 1 ? null : 'A',
  ts: i % 20 === 1 ? null : ((i * 1000) as EpochMs),
  payload: JSON.stringify({
    i,
    text: 'é€😀'.repeat(i % 50),
    long: 'x'.repeat(i % 7 === 0 ? 3000 : 1),
  }),
});

describe('ThreadedRecorder', () => {
  it('doc example: open, write, finish; the rows and the runs row are in the file', async () => {
    const file = join(tempDir('livemodel-trec-'), 'run.duckdb');
    const rec = await ThreadedRecorder.open(file, run);
    rec.write(prediction(1));
    expect(rec.count('predictions')).toBe(1);
    await rec.finish('complete', { bars: 1, rejects: 0, finishedAtMs: Date.UTC(2024, 0, 2) });
    const [after] = await queryFile(
      file,
      'SELECT status, finished_at::VARCHAR AS f, bars, (SELECT count(*) FROM predictions)::INTEGER AS n FROM runs',
    );
    expect(after).toEqual({ status: 'complete', f: '2024-01-02 00:00:00', bars: '1', n: 1 });
  });

  for (const dictionaries of [true, false]) {
    it(`writes the same table contents, in the same order, as the inline Recorder (NULLs, NaN, text, ${dictionaries ? 'ENUMs' : 'dictionaries as VARCHAR'})`, async () => {
      const dir = tempDir('livemodel-trec-');
      const { dictionaries: _d, ...noDictionaries } = run;
      const info: RunInfo = dictionaries ? run : noDictionaries;
      const events = Array.from({ length: 5000 }, (_, i) =>
        i % 10 === 0
          ? alert(i)
          : i % 10 === 1
            ? message(i)
            : prediction(i, i % 3 === 0 ? 'B' : 'A'),
      );
      const files = { inline: join(dir, 'inline.duckdb'), thread: join(dir, 'thread.duckdb') };
      for (const mode of ['inline', 'thread'] as const) {
        // small batches and a short queue: recycled buffers, grown text buffers, backpressure
        const rec =
          mode === 'thread'
            ? await ThreadedRecorder.open(files[mode], info, { batchRows: 64, maxInFlight: 2 })
            : await Recorder.open(files[mode], info);
        for (const e of events) rec.write(e);
        rec.flush();
        await rec.finish('complete', { bars: 1, rejects: 0, finishedAtMs: 0 });
      }
      for (const table of ['predictions', 'alerts', 'feed_messages', 'runs']) {
        const sql = `SELECT count(*)::INTEGER AS n, md5(string_agg(t::VARCHAR, '|' ORDER BY rowid)) AS h FROM (SELECT rowid, * FROM ${table}) t`;
        const want = await queryFile(files.inline, sql);
        expect(await queryFile(files.thread, sql), table).toEqual(want);
      }
      expect(
        (await queryFile(files.thread, 'SELECT count(*)::INTEGER AS n FROM predictions'))[0],
      ).toEqual({ n: 4000 });
    });
  }

  it('bounds what is in flight: write waits for the recording thread, and every row arrives', async () => {
    const file = join(tempDir('livemodel-trec-'), 'run.duckdb');
    const rec = await ThreadedRecorder.open(file, run, { batchRows: 16, maxInFlight: 1 });
    for (let i = 0; i < 4000; i++) rec.write(prediction(i));
    expect(rec.stats.batches).toBe(250);
    expect(rec.stats.waits).toBeGreaterThan(0);
    await rec.finish('complete', { bars: 1, rejects: 0, finishedAtMs: 0 });
    expect((await queryFile(file, 'SELECT count(*)::INTEGER AS n FROM predictions'))[0]).toEqual({
      n: 4000,
    });
  });

  it('refuses a value outside a known dictionary at write, as the inline Recorder does', async () => {
    const file = join(tempDir('livemodel-trec-'), 'run.duckdb');
    const rec = await ThreadedRecorder.open(file, run);
    try {
      expect(() => rec.write(prediction(1, 'ZZZ'))).toThrow(/`ZZZ` is not a known symbol \(A, B\)/);
    } finally {
      await rec.finish('failed', { bars: 0, rejects: 0, finishedAtMs: 0 });
    }
  });

  it('reports a file it cannot create as a StoreError naming it', async () => {
    const file = join(tempDir('livemodel-trec-'), 'no', 'such', 'dir', 'run.duckdb');
    await expect(ThreadedRecorder.open(file, run)).rejects.toThrow(StoreError);
    await expect(ThreadedRecorder.open(file, run)).rejects.toThrow(
      /creating the run file .*run\.duckdb/,
    );
  });

  it('openRecorder picks the mode: asked for, else LIVEMODEL_RECORDER, else inline for replays and the thread for live runs', async () => {
    expect(recorderModeOf('inline')).toBe('inline');
    expect(recorderModeOf('thread', 'replay')).toBe('thread');
    expect(recorderModeOf(undefined, 'replay')).toBe(process.env['LIVEMODEL_RECORDER'] ?? 'inline');
    expect(recorderModeOf(undefined, 'live')).toBe(process.env['LIVEMODEL_RECORDER'] ?? 'thread');
    expect(() => recorderModeOf('fast')).toThrow(/`thread` or `inline`, got `fast`/);
    const file = join(tempDir('livemodel-trec-'), 'run.duckdb');
    const rec = await openRecorder(file, run, { mode: 'inline' });
    expect(rec).toBeInstanceOf(Recorder);
    await rec.finish('complete', { bars: 0, rejects: 0, finishedAtMs: 0 });
  });
});
