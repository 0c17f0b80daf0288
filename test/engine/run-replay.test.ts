import { describe, expect, it } from 'vitest';
import { createReplayClock, Engine, runReplay } from '../../src/engine/index.ts';
import { InMemorySource } from '../../src/feeds/index.ts';
import { CollectingSink, engineConfig, randomWalk } from '../helpers/engine.ts';

function sourceOf(symbols: string[], bars: number): InMemorySource {
  const slices = randomWalk(symbols, bars);
  const series = symbols.map((symbol) => {
    const rows = slices.map((s) => s.find((b) => b.symbol === symbol)!);
    const f = (k: 'ts' | 'open' | 'high' | 'low' | 'close' | 'volume') =>
      Float64Array.from(rows.map((r) => r[k]));
    return {
      symbol,
      ts: f('ts'),
      open: f('open'),
      high: f('high'),
      low: f('low'),
      close: f('close'),
      volume: f('volume'),
    };
  });
  return new InMemorySource('mem', series);
}

async function replayWith(onProgress?: (bars: number, slices: number) => void) {
  const sink = new CollectingSink();
  const clock = createReplayClock();
  const engine = new Engine(engineConfig(), clock, sink);
  const result = await runReplay(sourceOf(['A', 'B', 'C'], 150), engine, clock, undefined, {
    onProgress,
    progressEveryBars: 100,
  });
  return { result, events: sink.events };
}

describe('runReplay progress', () => {
  it('doc example: reports counts every `progressEveryBars` bars and once at the end', async () => {
    const calls: [number, number][] = [];
    const { result } = await replayWith((bars, slices) => calls.push([bars, slices]));
    expect(result).toEqual({ bars: 450, slices: 150, aborted: false });
    // 3 bars per slice: the first slice reaching 100 bars past the last call
    expect(calls.slice(0, 3)).toEqual([
      [102, 34],
      [204, 68],
      [306, 102],
    ]);
    expect(calls.at(-1)).toEqual([450, 150]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  });

  it('only observes: the recorded outcomes are the same with and without a progress callback', async () => {
    const plain = await replayWith();
    const watched = await replayWith(() => {});
    expect(watched.events).toEqual(plain.events);
  });
});
