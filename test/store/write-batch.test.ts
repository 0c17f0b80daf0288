import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EpochMs, OutcomeEvent } from '../../src/core/index.ts';
import {
  ColumnBatcher,
  Recorder,
  type RunInfo,
  type RunRecorder,
  ThreadedRecorder,
} from '../../src/store/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

// Rows encoded on another thread (a live shard) and handed over as column batches are the rows
// `write` records: in both recorders, without dictionaries (a live run) and with them.
const base: RunInfo = {
  runId: 'r1',
  scenario: 'batches',
  seed: 1,
  startedAtMs: Date.UTC(2024, 0, 1),
  backend: 'js',
  config: {},
  data: 'feed',
  symbols: ['A', '__proto__'],
  version: '0',
};
const dictionaries = {
  symbol: ['A', '__proto__'],
  role: ['champion'],
  strategy: ['m'],
  variant: ['m'],
};
const equity = (i: number): OutcomeEvent => ({
  type: 'equity',
  symbol: i % 2 ? 'A' : '__proto__',
  ts: (i * 1000) as EpochMs,
  strategy: 'm',
  position: i % 3 === 0 ? Number.NaN : (i % 3) - 1,
  pnl: i / 7,
  equity: 1 + i / 100,
  cost: 0,
  turnover: i % 2,
});
const prediction = (i: number): OutcomeEvent => ({
  type: 'prediction',
  variant: 'm',
  symbol: i % 2 ? 'A' : '__proto__',
  ts: (i * 1000) as EpochMs,
  horizonTs: i % 4 === 0 ? null : (((i + 1) * 1000) as EpochMs),
  role: 'champion',
  modelVersion: i % 5 === 0 ? null : 2,
  score: i / 1000,
  label: i % 3 === 0 ? null : i % 2,
  loss: null,
});

async function record(
  open: (file: string, info: RunInfo) => Promise<RunRecorder>,
  info: RunInfo,
  batched: boolean,
): Promise<{ file: string; count: number }> {
  const file = join(tempDir('livemodel-write-batch-'), 'run.duckdb');
  const rec = await open(file, info);
  const events = Array.from({ length: 700 }, (_, i) => (i % 2 ? equity(i) : prediction(i)));
  if (batched) {
    const batchers = new Map<string, ColumnBatcher>();
    for (const e of events) {
      const table = e.type === 'equity' ? 'equity' : 'predictions';
      let b = batchers.get(table);
      if (b === undefined) {
        b = new ColumnBatcher(table, info.dictionaries ?? {}, 128);
        batchers.set(table, b);
      }
      if (b.add(e)) rec.writeBatch(b.take().batch);
    }
    for (const b of batchers.values()) if (b.rows > 0) rec.writeBatch(b.take().batch);
  } else for (const e of events) rec.write(e);
  const count = rec.count('equity') + rec.count('predictions');
  await rec.finish('complete', { bars: 1, rejects: 0, finishedAtMs: Date.UTC(2024, 0, 2) });
  return { file, count };
}

describe('RunRecorder.writeBatch', () => {
  for (const [name, open] of [
    ['threaded', (f: string, i: RunInfo) => ThreadedRecorder.open(f, i)],
    ['inline', (f: string, i: RunInfo) => Recorder.open(f, i)],
  ] as const)
    for (const dicts of [false, true])
      it(`${name}, ${dicts ? 'with' : 'without'} dictionaries: the rows write() records, counted`, async () => {
        const info = dicts ? { ...base, dictionaries } : base;
        const written = await record(open, info, false);
        const batched = await record(open, info, true);
        expect(batched.count).toBe(700);
        expect(written.count).toBe(700);
        for (const table of ['equity', 'predictions']) {
          const sql = `SELECT * FROM ${table} ORDER BY ALL`;
          const rows = await queryFile(batched.file, sql);
          expect(rows).toHaveLength(350);
          expect(rows).toEqual(await queryFile(written.file, sql));
        }
      });
});
