import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarBucket, BarGrid, LiveClock, type TimeSlice, WallClock } from '../../src/clock/index.ts';
import type { EpochMs, MarketTick } from '../../src/core/index.ts';

const trade = (symbol: string, ts: number, price: number, size = 1): MarketTick => ({
  kind: 'trade',
  symbol,
  ts: ts as EpochMs,
  price,
  size,
});

describe('LiveClock', () => {
  it('doc example: aggregates trades into a bar stamped with its end, emitted once time passes it', () => {
    const slices: TimeSlice[] = [];
    const clock = new LiveClock({ intervalMs: 1000, onSlice: (s) => slices.push(s) });
    clock.offer({ kind: 'trade', symbol: 'A', ts: 100 as EpochMs, price: 10, size: 1 });
    clock.offer({ kind: 'trade', symbol: 'A', ts: 1200 as EpochMs, price: 11, size: 1 });
    expect(slices).toEqual([
      {
        ts: 1000,
        bars: [{ symbol: 'A', ts: 1000, open: 10, high: 10, low: 10, close: 10, volume: 1 }],
      },
    ]);
    expect(clock.now()).toBe(1200);
  });

  it('BarBucket doc example: OHLC by tick time, not arrival order', () => {
    const b = new BarBucket('BTCUSDT', 0 as EpochMs, 1000 as EpochMs);
    b.add(trade('BTCUSDT', 500, 11, 1));
    b.add(trade('BTCUSDT', 100, 10, 2));
    expect(b.toBar()).toEqual({
      symbol: 'BTCUSDT',
      ts: 1000,
      open: 10,
      high: 11,
      low: 10,
      close: 11,
      volume: 3,
    });
  });

  it('BarGrid doc example: an interval change starts at the next boundary', () => {
    const g = new BarGrid(60_000);
    expect(g.bucketStart(90_000)).toBe(60_000);
    expect(g.change(1_000, 90_000)).toBe(120_000);
    expect(g.bucketStart(120_500)).toBe(120_000);
    expect(g.bucketStart(100_000)).toBe(60_000);
  });

  it('groups bars of all symbols that close at the same time into one slice, ordered by symbol', () => {
    const slices: TimeSlice[] = [];
    const clock = new LiveClock({ intervalMs: 1000, onSlice: (s) => slices.push(s) });
    clock.offer(trade('B', 10, 5));
    clock.offer(trade('A', 20, 7));
    clock.offer(trade('A', 3500, 8));
    expect(slices.map((s) => [s.ts, s.bars.map((b) => b.symbol)])).toEqual([[1000, ['A', 'B']]]);
  });

  it('keeps a bar open for the reordering window and drops ticks whose bar has closed', () => {
    const slices: TimeSlice[] = [];
    const late: [MarketTick, number][] = [];
    const clock = new LiveClock({
      intervalMs: 1000,
      reorderWindowMs: 500,
      onSlice: (s) => slices.push(s),
      onLate: (t, i) => late.push([t, i.barEnd]),
    });
    clock.offer(trade('A', 900, 10));
    clock.offer(trade('A', 1400, 12)); // now = 900: bar [0,1000) still open
    expect(clock.offer(trade('A', 950, 11))).toBe(true); // out of order, inside the window
    clock.offer(trade('A', 1600, 13)); // now = 1100 → bar [0,1000) closes
    expect(slices).toHaveLength(1);
    expect(slices[0]?.bars[0]).toMatchObject({ open: 10, close: 11, high: 11, low: 10, volume: 2 });
    expect(clock.offer(trade('A', 999, 99))).toBe(false);
    expect(late).toEqual([[trade('A', 999, 99), 1000]]);
    expect(clock.late).toBe(1);
    clock.flush();
    expect(slices.map((s) => s.ts)).toEqual([1000, 2000]);
    expect(slices[1]?.bars[0]).toMatchObject({ open: 12, close: 13 });
  });

  it('heartbeats advance market time and close bars; timers fire in market time', () => {
    const slices: number[] = [];
    const fired: number[] = [];
    const clock = new LiveClock({ intervalMs: 1000, onSlice: (s) => slices.push(s.ts) });
    clock.offer(trade('A', 10, 1));
    clock.setTimeout(() => fired.push(clock.now()), 2000);
    clock.observe(999);
    expect(slices).toEqual([]);
    clock.observe(5000);
    expect(slices).toEqual([1000]);
    expect(fired).toEqual([2010]);
    expect(clock.now()).toBe(5000);
  });

  it('applies a per-symbol interval change at the end of the latest bar', () => {
    const slices: TimeSlice[] = [];
    const clock = new LiveClock({ intervalMs: 1000, onSlice: (s) => slices.push(s) });
    clock.offer(trade('A', 100, 1));
    expect(clock.setInterval('A', 2000)).toBe(1000);
    for (const t of [1100, 2500, 3100, 5200]) clock.offer(trade('A', t, t));
    clock.flush();
    expect(slices.map((s) => s.ts)).toEqual([1000, 3000, 5000, 7000]);
    expect(clock.intervalOf('A')).toBe(2000);
  });

  it('turns finished bar ticks into bars of the clock interval', () => {
    const slices: TimeSlice[] = [];
    const clock = new LiveClock({ intervalMs: 120_000, onSlice: (s) => slices.push(s) });
    const bar = (ts: number, o: number, c: number): MarketTick => ({
      kind: 'bar',
      symbol: 'X',
      ts: ts as EpochMs,
      intervalMs: 60_000,
      open: o,
      high: Math.max(o, c) + 1,
      low: Math.min(o, c) - 1,
      close: c,
      volume: 10,
    });
    clock.offer(bar(0, 5, 6));
    clock.offer(bar(60_000, 6, 7));
    clock.offer(bar(120_000, 7, 8));
    expect(slices).toEqual([
      {
        ts: 120_000,
        bars: [{ symbol: 'X', ts: 120_000, open: 5, high: 8, low: 4, close: 7, volume: 20 }],
      },
    ]);
  });

  it('a shorter reordering window closes the bars it passes at once; a longer one keeps later bars open longer', () => {
    const slices: number[] = [];
    const clock = new LiveClock({
      intervalMs: 1000,
      reorderWindowMs: 3000,
      onSlice: (s) => slices.push(s.ts),
    });
    clock.offer(trade('A', 500, 1));
    clock.offer(trade('A', 3200, 1)); // now 200
    expect(slices).toEqual([]);
    clock.setReorderWindow(1000); // now 2200: bar [0, 1000) closes
    expect(slices).toEqual([1000]);
    expect(clock.now()).toBe(2200);
    clock.setReorderWindow(5000); // time does not go back
    expect(clock.now()).toBe(2200);
    clock.offer(trade('A', 6500, 1)); // now max(2200, 1500)
    expect(clock.now()).toBe(2200);
    expect(() => clock.setReorderWindow(-5)).toThrow(/got `-5`/);
  });

  it('rejects a bad interval or window naming the value', () => {
    expect(() => new LiveClock({ intervalMs: 0, onSlice: () => {} })).toThrow(
      /bar interval .* got `0`/,
    );
    expect(() => new LiveClock({ intervalMs: 10, reorderWindowMs: -1, onSlice: () => {} })).toThrow(
      /reordering window .* got `-1`/,
    );
  });

  it('property: ticks shuffled within the reordering window give the same bars as sorted ticks; time never goes back', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 20_000 }),
            fc.integer({ min: 1, max: 100 }),
            fc.constantFrom('A', 'B'),
          ),
          { minLength: 1, maxLength: 60 },
        ),
        fc.integer({ min: 0, max: 10_000 }),
        (raw, seed) => {
          const ticks = raw.map(([ts, p, s], i) => trade(s, ts, p + i / 1000));
          const sorted = [...ticks].sort((a, b) => a.ts - b.ts);
          const run = (input: MarketTick[]) => {
            const out: TimeSlice[] = [];
            let prev = Number.NEGATIVE_INFINITY;
            const clock = new LiveClock({
              intervalMs: 1000,
              reorderWindowMs: 2000,
              onSlice: (s) => out.push(s),
            });
            for (const t of input) {
              clock.offer(t);
              expect(clock.now()).toBeGreaterThanOrEqual(prev);
              prev = clock.now();
            }
            clock.flush();
            return { out, late: clock.late };
          };
          // displace each tick by less than the window: sort by ts + jitter in [0, 1000)
          let x = seed;
          const jittered = ticks
            .map((t) => {
              x = (x * 1103515245 + 12345) % 2147483648;
              return { t, key: t.ts + (x % 1000) };
            })
            .sort((a, b) => a.key - b.key)
            .map((e) => e.t);
          const a = run(sorted);
          const b = run(jittered);
          expect(b.late).toBe(0);
          // equal-time ticks may swap open/close between runs; compare everything else exactly
          const key = (r: TimeSlice[]) =>
            r.map((s) => ({
              ts: s.ts,
              bars: s.bars.map((bar) => [bar.symbol, bar.high, bar.low, bar.volume]),
            }));
          expect(key(b.out)).toEqual(key(a.out));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('WallClock', () => {
  it('doc example: timers in wall time, cancellable', async () => {
    const wall = new WallClock();
    const fired: string[] = [];
    wall.setTimeout(() => fired.push('a'), 5);
    const b = wall.setTimeout(() => fired.push('b'), 5);
    wall.clearTimeout(b);
    await new Promise((r) => setTimeout(r, 30));
    expect(fired).toEqual(['a']);
    expect(Math.abs(wall.now() - Date.now())).toBeLessThan(50);
  });
});
