import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutcomeEvent } from '../../src/core/index.ts';
import { createReplayClock, Engine, runReplay } from '../../src/engine/index.ts';
import { InMemorySource } from '../../src/feeds/index.ts';
import {
  initTfBackend,
  type NeuralModel,
  StreamBank,
  StreamCache,
} from '../../src/models/index.ts';
import { toEngineConfig } from '../../src/runner/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { CollectingSink, engineConfig, Harness, randomWalk } from '../helpers/engine.ts';

const ROOT = join(import.meta.dirname, '../..');
const SYMBOLS = ['DAX', 'FTSE'];
const BARS = 140;

/** The first BARS daily closes of two indices of the quickstart data (long CSV: ts,symbol,close). */
function quickstartSlice(): InMemorySource {
  const rows = readFileSync(join(ROOT, 'data/eu-stock-markets.csv'), 'utf8').trim().split('\n');
  const series = SYMBOLS.map((symbol) => {
    const mine = rows
      .slice(1)
      .map((r) => r.split(','))
      .filter((r) => r[1] === symbol)
      .slice(0, BARS);
    const ts = Float64Array.from(mine, (r) => Date.parse(`${r[0]}T00:00:00Z`));
    const close = Float64Array.from(mine, (r) => Number(r[2]));
    return { symbol, ts, open: close, high: close, low: close, close, volume: close.map(() => 0) };
  });
  return new InMemorySource('quickstart', series);
}

/** scenarios/quickstart.yaml with a small stateful LSTM and a shorter warmup. */
function run(seed: number) {
  const scenario = loadScenario(join(ROOT, 'scenarios/quickstart.yaml'), [
    [
      'model',
      '{ kind: lstm, stateful: true, hidden: 4, window: 4, bpttSteps: 6, labelLag: 3, learningRate: 0.01 }',
    ],
    ['lifecycle.warmupBars', '40'],
    ['seed', String(seed)],
  ]);
  const sink = new CollectingSink();
  const clock = createReplayClock();
  const engine = new Engine(toEngineConfig(scenario), clock, sink);
  let streamed: number[] = [];
  let updates: number[] = [];
  // read the champions mid-run (the replay releases every model when it finishes)
  const inspect = (bars: number) => {
    if (bars >= SYMBOLS.length * BARS) return;
    const champions = SYMBOLS.map((s) => engine.actor(s)?.champion as NeuralModel);
    streamed = champions.map((m) => m.bank.storage.stream?.count(m.slot) ?? -1);
    updates = champions.map((m) => m.updates);
  };
  return runReplay(quickstartSlice(), engine, clock, undefined, {
    onProgress: inspect,
    progressEveryBars: 200,
  }).then(() => ({ events: sink.events, banks: engine.banks.all(), streamed, updates }));
}

const predictions = (events: readonly OutcomeEvent[]) =>
  events.filter((e) => e.type === 'prediction' && e.role === 'champion');

describe('a stateful LSTM scenario (quickstart data, end to end)', () => {
  beforeAll(async () => {
    await initTfBackend('cpu');
  });

  it('runs, streams every symbol and is deterministic for a seed', async () => {
    const find = vi.spyOn(StreamCache.prototype, 'find');
    const a = await run(42);
    // after warmup, labels are learned from the cached steps that predicted them
    const hits = find.mock.results.filter((r) => (r.value as number) >= 0).length;
    expect(hits).toBeGreaterThan(150);
    find.mockRestore();
    expect(a.banks.some((b) => b instanceof StreamBank)).toBe(true);
    // each champion's ring is full: it stepped bar after bar, not from cold windows
    expect(a.streamed).toEqual([9, 9]); // capacity bpttSteps + labelLag
    const champ = predictions(a.events);
    expect(champ).toHaveLength(SYMBOLS.length * (BARS - 39)); // from the 40th bar (end of warmup)
    const labelled = champ.filter((p) => p.type === 'prediction' && p.label !== null);
    expect(labelled.length).toBeGreaterThan(150);
    expect(a.updates.every((n) => n > 50)).toBe(true);
    const b = await run(42);
    expect(b.events).toEqual(a.events);
    const c = await run(7);
    expect(predictions(c.events)).not.toEqual(champ);
  });

  it('a forced promotion then a rollback restores the champion exactly, its stream included; no tensor is left', () => {
    const start = tf.memory().numTensors;
    const base = engineConfig({ policy: 'continuous', probationBars: 1000 });
    const model = { kind: 'lstm', hidden: 4, window: 4, bpttSteps: 6, stateful: true };
    const h = new Harness({ ...base, variants: [{ ...base.variants[0]!, model }] });
    const slices = randomWalk(['A'], 160);
    h.run(slices.slice(0, 100));
    const actor = h.engine.actor('A')!;
    expect(h.engine.command('A', { type: 'update' })[0]!.result.accepted).toBe(true);
    h.run(slices.slice(100, 105));
    const before = actor.champion.snapshot();
    expect(before.arrays).toHaveLength(8); // weights, moments, scaler, counters + the stream
    expect(h.engine.command('A', { type: 'promote' })[0]!.result.accepted).toBe(true);
    h.run(slices.slice(105, 130));
    expect(actor.champion.snapshot()).not.toEqual(before);
    expect(h.engine.command('A', { type: 'rollback' })[0]!.result.accepted).toBe(true);
    expect(actor.status().championVersion).toBe(1);
    expect(actor.champion.snapshot()).toEqual(before);
    h.run(slices.slice(130, 160)); // the restored stream is stale: it restarts from the window
    const last = h.sink
      .of('prediction')
      .filter((p) => p.role === 'champion')
      .at(-1)!;
    expect(last.modelVersion).toBe(1);
    expect(Number.isFinite(last.score)).toBe(true);
    h.engine.finish();
    expect(tf.memory().numTensors).toBe(start);
  });
});
