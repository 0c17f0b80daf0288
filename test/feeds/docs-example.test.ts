import { count, lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ReplayClock, replay, scheduleEvery } from '../../src/clock/index.ts';
import { SyntheticMarket, SyntheticSource } from '../../src/feeds/index.ts';

// The runnable example of docs/data.md, kept in step with it.
describe('docs/data.md example', () => {
  it('replays a synthetic market with a market-time timer and reads its ground truth', async () => {
    const market = new SyntheticMarket({
      symbols: 3,
      bars: 500,
      seed: 1,
      drifts: [{ at: 250, kind: 'flip' }],
    });
    const clock = new ReplayClock(market.timestamp(0));
    const weekly: number[] = [];
    const timer = scheduleEvery(clock, 7 * 86_400_000, (ts) => weekly.push(ts));
    const slices = await lastValueFrom(
      replay(new SyntheticSource(market).batches(), clock).pipe(count()),
    );
    timer.cancel();

    const truth = market.regimePath('S001');
    expect([slices, weekly.length]).toEqual([500, 71]);
    expect(weekly[0]).toBe(market.timestamp(7));
    expect(weekly.at(-1)).toBe(market.timestamp(497));
    expect(['bull', 'bear', 'sideways', 'volatile']).toContain(
      market.regimeNames[truth[0] as number],
    );
    expect(market.stationary().reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(market.driftPoints()).toEqual([
      {
        bar: 250,
        ts: market.timestamp(250),
        kind: 'flip',
        overBars: 0,
        before: [0.3, 0],
        after: [-0.3, 0],
      },
    ]);
    expect(market.coefficientsAt(300)).toEqual([-0.3, 0]);
  });
});
