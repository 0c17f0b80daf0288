import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EpochMs, OutcomeEvent } from '../../src/core/index.ts';
import {
  type Cell,
  equityRowWriter,
  openRecorder,
  type RecorderMode,
  type RunInfo,
} from '../../src/store/index.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

const run: RunInfo = {
  runId: 'r1',
  scenario: 'rows',
  seed: 1,
  startedAtMs: 0,
  backend: 'js',
  config: {},
  data: 'x.csv',
  symbols: ['A', 'B'],
  version: '0',
  dictionaries: {
    symbol: ['A', 'B'],
    role: ['champion', 'naive'],
    strategy: ['m', 'naive'],
    variant: ['m'],
  },
};

/** Equity and prediction events with NULLs, NaN and both roles, interleaved. */
function events(n: number): OutcomeEvent[] {
  const out: OutcomeEvent[] = [];
  for (let i = 0; i < n; i++) {
    const symbol = i % 3 === 0 ? 'B' : 'A';
    const ts = (i * 60_000) as EpochMs;
    out.push({
      type: 'equity',
      symbol,
      ts,
      strategy: i % 2 === 0 ? 'm' : 'naive',
      position: i % 4 === 0 ? 0 : 1,
      pnl: i % 11 === 0 ? Number.NaN : i / 1e4,
      equity: 1 + i / 1e3,
      cost: 0,
      turnover: i % 5,
    });
    out.push({
      type: 'prediction',
      variant: 'm',
      symbol,
      ts,
      horizonTs: i % 7 === 0 ? null : (((i + 1) * 60_000) as EpochMs),
      role: i % 2 === 0 ? 'champion' : 'naive',
      modelVersion: i % 5 === 0 ? null : 1,
      score: i % 13 === 0 ? Number.NaN : i / 1000,
      label: i % 7 === 0 ? null : i % 2,
      loss: i % 7 === 0 ? null : 0.69,
    });
  }
  return out;
}

describe('tick row writers', () => {
  it('doc example: an equity row as cells in the table order', () => {
    const rows: Cell[][] = [];
    equityRowWriter('A', 'model', (c) => rows.push([...c]))(0 as EpochMs, 1, 0.01, 1.01, 0, 1);
    expect(rows).toEqual([['A', 0, 'model', 1, 0.01, 1.01, 0, 1]]);
  });

  for (const mode of ['inline', 'thread'] as RecorderMode[])
    for (const dictionaries of [true, false])
      it(`record the rows write() records for the same events (${mode}, ${dictionaries ? 'ENUMs' : 'VARCHAR'})`, async () => {
        const dir = tempDir('livemodel-rows-');
        const { dictionaries: _d, ...plain } = run;
        const info: RunInfo = dictionaries ? run : plain;
        const files = { events: join(dir, 'events.duckdb'), rows: join(dir, 'rows.duckdb') };
        const all = events(3000);
        for (const how of ['events', 'rows'] as const) {
          const rec = await openRecorder(files[how], info, { mode });
          const equity = new Map<string, ReturnType<typeof rec.equityWriter>>();
          const predictions = new Map<string, ReturnType<typeof rec.predictionWriter>>();
          for (const e of all) {
            if (how === 'events') rec.write(e);
            else if (e.type === 'equity') {
              const key = `${e.symbol}\u0000${e.strategy}`;
              const w = equity.get(key) ?? rec.equityWriter(e.symbol, e.strategy);
              equity.set(key, w);
              w(e.ts, e.position, e.pnl, e.equity, e.cost, e.turnover);
            } else if (e.type === 'prediction') {
              const key = `${e.variant}\u0000${e.symbol}`;
              const w = predictions.get(key) ?? rec.predictionWriter(e.variant, e.symbol);
              predictions.set(key, w);
              w(e.ts, e.horizonTs, e.role, e.modelVersion, e.score, e.label, e.loss);
            }
          }
          expect(rec.count('equity')).toBe(3000);
          expect(rec.count('predictions')).toBe(3000);
          await rec.finish('complete', { bars: 1, rejects: 0, finishedAtMs: 0 });
        }
        for (const table of ['predictions', 'equity']) {
          const sql = `SELECT count(*)::INTEGER AS n, md5(string_agg(t::VARCHAR, '|' ORDER BY rowid)) AS h FROM (SELECT rowid, * FROM ${table}) t`;
          const want = await queryFile(files.events, sql);
          expect(want[0]?.['n']).toBe(3000);
          expect(await queryFile(files.rows, sql), table).toEqual(want);
        }
      });
});
