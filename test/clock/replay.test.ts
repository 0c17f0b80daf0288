import fc from 'fast-check';
import { lastValueFrom, tap, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { mergeSorted, ReplayClock, replay, type TimeSlice } from '../../src/clock/index.ts';
import type { Bar, EpochMs } from '../../src/core/index.ts';
import { bar } from '../helpers/bars.ts';
import { fcParams } from '../helpers/fc-params.ts';

async function* asBatches(
  bars: readonly Bar[],
  sizes: readonly number[],
): AsyncGenerator<readonly Bar[]> {
  let i = 0;
  let k = 0;
  while (i < bars.length) {
    const n = sizes.length === 0 ? bars.length : (sizes[k++ % sizes.length] as number);
    yield bars.slice(i, i + n);
    i += n;
  }
}

describe('replay', () => {
  it('doc example: emits one slice per timestamp and moves the clock to it', async () => {
    const clock = new ReplayClock(0 as EpochMs);
    const seen: Array<[number, number]> = [];
    await new Promise<void>((done) => {
      replay(asBatches([bar('A', 1), bar('B', 1), bar('A', 5)], [2]), clock).subscribe({
        next: (s) => seen.push([s.ts, clock.now()]),
        complete: done,
      });
    });
    expect(seen).toEqual([
      [1, 1],
      [5, 5],
    ]);
  });

  it('fires timers due before a slice before emitting it', async () => {
    const clock = new ReplayClock(0 as EpochMs);
    const log: string[] = [];
    clock.setTimeout(() => log.push(`timer@${clock.now()}`), 3);
    const slices = replay(asBatches([bar('A', 1), bar('A', 3), bar('A', 9)], [1]), clock);
    await new Promise<void>((done) =>
      slices.subscribe({ next: (s) => log.push(`slice@${s.ts}`), complete: done }),
    );
    expect(log).toEqual(['slice@1', 'timer@3', 'slice@3', 'slice@9']);
  });

  it('reports bars out of time order as an error', async () => {
    const clock = new ReplayClock(0 as EpochMs);
    await expect(
      lastValueFrom(replay(asBatches([bar('A', 5), bar('A', 2)], []), clock)),
    ).rejects.toThrow(/bars must come in time order/);
  });

  it('stops when unsubscribed', async () => {
    const clock = new ReplayClock(0 as EpochMs);
    const bars = Array.from({ length: 5000 }, (_, i) => bar('A', i));
    let n = 0;
    const sub = replay(asBatches(bars, [100]), clock, { yieldEvery: 10 }).subscribe(() => {
      if (++n === 25) sub.unsubscribe();
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(n).toBeLessThanOrEqual(30);
  });

  it('yields to the event loop every yieldEveryBars bars on a wide market (few slices of many bars)', async () => {
    const clock = new ReplayClock(0 as EpochMs);
    const symbols = Array.from({ length: 100 }, (_, i) => `S${String(i).padStart(3, '0')}`);
    const bars = Array.from({ length: 50 }, (_, t) => symbols.map((s) => bar(s, t))).flat();
    let n = 0;
    let seenAtFirstYield = -1;
    setImmediate(() => {
      seenAtFirstYield = n;
    });
    await lastValueFrom(
      replay(asBatches(bars, [1000]), clock, { yieldEveryBars: 1000 }).pipe(
        tap(() => n++),
        toArray(),
      ),
    );
    expect([seenAtFirstYield, n]).toEqual([10, 50]); // 10 slices × 100 bars, although yieldEvery (2048 slices) never came
  });

  it('property: keeps event count and order, slices increase strictly in time, the clock never goes backwards', async () => {
    const streamArb = fc
      .array(fc.integer({ min: 0, max: 30 }), { maxLength: 25 })
      .map((ts) => [...new Set(ts)].sort((a, b) => a - b));
    await fc.assert(
      fc.asyncProperty(
        fc.array(streamArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 4 }),
        async (streams, sizes) => {
          const symbols = streams.map((_, i) => `S${i}`);
          const merged = [
            ...mergeSorted(
              streams.map((ts, i) => ts.map((t) => bar(symbols[i] as string, t))),
              (a, b) => a.ts - b.ts,
            ),
          ];
          const clock = new ReplayClock(-1 as EpochMs);
          const nows: number[] = [];
          clock.setTimeout(() => nows.push(clock.now()), 7);
          const slices: TimeSlice[] = await lastValueFrom(
            replay(asBatches(merged, sizes), clock, { yieldEvery: 3 }).pipe(toArray()),
          );
          for (const s of slices) {
            nows.push(clock.now());
            expect(s.bars.every((b) => b.ts === s.ts)).toBe(true);
          }
          expect(slices.flatMap((s) => s.bars)).toEqual(merged);
          for (let i = 1; i < slices.length; i++)
            expect(slices[i]!.ts > slices[i - 1]!.ts).toBe(true);
          for (let i = 1; i < nows.length; i++) expect(nows[i]! >= nows[i - 1]!).toBe(true);
          // ties: bars of one slice come in stream (= symbol) order
          for (const s of slices)
            expect(s.bars.map((b) => b.symbol)).toEqual([...s.bars.map((b) => b.symbol)].sort());
        },
      ),
      fcParams(150),
    );
  });
});
