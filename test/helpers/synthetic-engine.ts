import { ReplayClock } from '../../src/clock/index.ts';
import type { Bar, EpochMs, OutcomeSink } from '../../src/core/index.ts';
import { Engine } from '../../src/engine/index.ts';
import { toEngineConfig } from '../../src/runner/index.ts';
import { scenarioSchema } from '../../src/scenario/index.ts';

/**
 * A real engine on two symbols (A, B) fed synthetic 1 s bars by hand: warmup 30 bars, tests that
 * decide after 5 labels at alpha 0.99 (so a challenger is promoted), probation 50 labels.
 */
export function syntheticEngine(sink: OutcomeSink) {
  const scenario = scenarioSchema.parse({
    name: 'api-test',
    data: { file: 'x' },
    lifecycle: {
      warmupBars: 30,
      policy: 'none',
      test: { alpha: 0.99, minSamples: 5, maxSamples: 50 },
    },
  });
  const clock = new ReplayClock(0 as EpochMs);
  const engine = new Engine(toEngineConfig(scenario), clock, sink);
  const price: Record<string, number> = { A: 100, B: 50 };
  let seed = 3;
  let i = 0;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const step = (n = 1): void => {
    for (let k = 0; k < n; k++, i++) {
      const ts = ((i + 1) * 1000) as EpochMs;
      clock.advanceTo(ts);
      const bars = ['A', 'B'].map((symbol): Bar => {
        price[symbol] = (price[symbol] as number) * (1 + (rnd() - 0.5) * 0.02);
        return {
          symbol,
          ts,
          open: Number.NaN,
          high: Number.NaN,
          low: Number.NaN,
          close: price[symbol] as number,
          volume: Number.NaN,
        };
      });
      engine.onSlice({ ts, bars });
    }
  };
  return { engine, clock, step };
}
