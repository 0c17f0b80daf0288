import { describe, expect, it } from 'vitest';
import { toEngineConfig } from '../../src/runner/index.ts';
import { defaultLiveScenario } from '../../src/runner/index.ts';
import type { EpochMs, MarketTick, OutcomeEvent } from '../../src/core/index.ts';
import { DataError } from '../../src/core/index.ts';
import { LatencyStats, LiveSession } from '../../src/engine/index.ts';
import { type FeedHandlers, type LiveFeed, newFeedStatus } from '../../src/feeds/index.ts';

/** A feed that plays a fixed script of ticks and alerts, then ends. */
function scriptedFeed(script: (h: FeedHandlers) => void): LiveFeed {
  const status = newFeedStatus('scripted', 'mem:', ['A']);
  return { name: 'scripted', symbols: ['A'], status: () => status, run: async (h) => script(h) };
}

const trade = (ts: number, price: number): MarketTick => ({
  kind: 'trade',
  symbol: 'A',
  ts: ts as EpochMs,
  price,
  size: 1,
});

describe('LatencyStats', () => {
  it('doc example', () => {
    const s = new LatencyStats(100);
    s.add(1);
    s.add(3);
    expect(s.summary()).toEqual({ count: 2, meanMs: 2, p50Ms: 1, p99Ms: 3, maxMs: 3 });
  });
});

describe('LiveSession', () => {
  it('doc example: feed ticks become bars in the engine; the end of the source closes the last bar and finishes', async () => {
    const out: OutcomeEvent[] = [];
    const feed = scriptedFeed((h) => {
      for (let i = 0; i < 50; i++) h.tick(trade(1000 * i + 500, 100 + Math.sin(i)));
    });
    const session = new LiveSession({
      config: toEngineConfig(defaultLiveScenario()),
      feed,
      sink: { write: (e) => out.push(e) },
      intervalMs: 1000,
      reorderWindowMs: 0,
    });
    const r = await session.run(new AbortController().signal);
    expect(r).toEqual({ bars: 50, slices: 50, ended: 'source' });
    const preds = out.filter((e) => e.type === 'prediction' && e.role === 'champion');
    expect(preds).toHaveLength(50 - 30 + 1);
    expect(preds.at(-1)).toMatchObject({ ts: 50_000, label: null }); // the last bar's horizon never came
  });

  it('records feed alerts and late ticks (alert + data reject) in market time', async () => {
    const out: OutcomeEvent[] = [];
    const feed = scriptedFeed((h) => {
      h.tick(trade(500, 10));
      h.tick(trade(2500, 11));
      h.alert({ symbol: '*', kind: 'disconnect', severity: 'warning', message: 'gone' });
      h.tick(trade(900, 9)); // its bar closed at 1000 < now 2500
    });
    const session = new LiveSession({
      config: toEngineConfig(defaultLiveScenario()),
      feed,
      sink: { write: (e) => out.push(e) },
      intervalMs: 1000,
      reorderWindowMs: 0,
    });
    await session.run(new AbortController().signal);
    const alerts = out.filter((e) => e.type === 'alert');
    expect(alerts.map((a) => [a.variant, a.kind, a.ts])).toEqual([
      ['feed', 'disconnect', 2500],
      ['feed', 'late', 2500],
    ]);
    expect(alerts[1]?.type === 'alert' && alerts[1].message).toBe(
      'late trade for A at 1970-01-01T00:00:00.900Z dropped: its bar closed at 1970-01-01T00:00:01.000Z (market time 1970-01-01T00:00:02.500Z, reordering window 0 ms)',
    );
    expect(out.filter((e) => e.type === 'reject')).toHaveLength(1);
    expect(session.streamStatus('A')).toMatchObject({ lateDropped: 1, intervalMs: 1000 });
  });

  it('an engine error stops the run and is rethrown after finishing', async () => {
    const feed = scriptedFeed((h) => {
      h.tick(trade(500, 10));
      h.tick(trade(1500, 11));
      h.tick(trade(2500, 12));
    });
    const session = new LiveSession({
      config: toEngineConfig(defaultLiveScenario()),
      feed,
      sink: { write: () => {} },
      intervalMs: 1000,
      reorderWindowMs: 0,
    });
    // an engine that breaks an invariant on a bar (as a DataError would)
    (session.engine as unknown as { onSlice: () => void }).onSlice = () => {
      throw new DataError('engine failed on a bar');
    };
    await expect(session.run(new AbortController().signal)).rejects.toThrow(
      'engine failed on a bar',
    );
    // it stopped at the first failing bar: the feed's later ticks were not processed
    expect(session.engine.bars).toBe(0);
  });
});

describe('LiveSession with a failing feed', () => {
  it('processes what arrived, finishes the engine, then rethrows the feed error', async () => {
    const out: OutcomeEvent[] = [];
    const status = newFeedStatus('failing', 'mem:', ['A']);
    const feed: LiveFeed = {
      name: 'failing',
      symbols: ['A'],
      status: () => status,
      run: async (h) => {
        for (let i = 0; i < 40; i++) h.tick(trade(1000 * i + 500, 100 + Math.cos(i)));
        throw new DataError('auth failed');
      },
    };
    const session = new LiveSession({
      config: toEngineConfig(defaultLiveScenario()),
      feed,
      sink: { write: (e) => out.push(e) },
      intervalMs: 1000,
      reorderWindowMs: 0,
    });
    await expect(session.run(new AbortController().signal)).rejects.toThrow('auth failed');
    expect(session.engine.bars).toBe(40);
    // the traded labels of the last two bars' predictions never came
    expect(
      out.filter((e) => e.type === 'prediction' && e.role === 'champion' && e.label === null),
    ).toHaveLength(2);
  });
});
