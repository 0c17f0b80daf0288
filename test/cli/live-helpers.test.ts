import { describe, expect, it } from 'vitest';
import { defaultLiveScenario } from '../../src/cli/live-defaults.ts';
import { pacedReplay } from '../../src/cli/paced-replay.ts';
import { parseDuration } from '../../src/cli/parse-duration.ts';
import { ReplayClock, type TimeSlice } from '../../src/clock/index.ts';
import type { Bar, EpochMs } from '../../src/core/index.ts';

describe('parseDuration', () => {
  it('doc example', () => {
    expect(parseDuration('1m', '--interval')).toBe(60_000);
    expect(parseDuration('500ms', '--x')).toBe(500);
    expect(parseDuration('1.5s', '--x')).toBe(1500);
    expect(parseDuration('250', '--x')).toBe(250);
    expect(() => parseDuration('1 week', '--interval')).toThrow('Expected --interval to be a duration like 500ms, 1s, 1m or 1h, got `1 week`');
  });
});

describe('defaultLiveScenario', () => {
  it('doc example: the quickstart model with a 30-bar warmup', () => {
    const s = defaultLiveScenario();
    expect(s.lifecycle.warmupBars).toBe(30);
    expect(s.model).toMatchObject({ kind: 'logistic', optimizer: 'adagrad' });
  });
});

describe('pacedReplay', () => {
  it('doc example: emits the same slices as a replay, paced by market time / speed', async () => {
    const bars: Bar[] = [0, 0, 100, 200].map((t, i) => ({ symbol: i === 1 ? 'B' : 'A', ts: t as EpochMs, open: 1, high: 1, low: 1, close: 1, volume: 1 }));
    const source = { name: 'mem', symbols: ['A', 'B'], batches: async function* () { yield bars; } };
    const clock = new ReplayClock(0 as EpochMs);
    const slices: TimeSlice[] = [];
    const t0 = performance.now();
    const r = await pacedReplay(source, clock, (s) => slices.push(s), { speed: 2 }); // 200 ms of market time at 2× ≈ 100 ms
    const elapsed = performance.now() - t0;
    expect(r).toEqual({ stopped: false });
    expect(slices.map((s) => [s.ts, s.bars.length])).toEqual([[0, 2], [100, 1], [200, 1]]);
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(clock.now()).toBe(200);
  });
});
