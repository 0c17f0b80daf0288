import type { TimeSlice } from '../../src/clock/index.ts';
import { ReplayClock } from '../../src/clock/index.ts';
import {
  type Bar,
  createRandom,
  type EpochMs,
  type OutcomeEvent,
  type OutcomeSink,
} from '../../src/core/index.ts';
import { DEFAULT_FEATURES } from '../../src/features/index.ts';
import { DEFAULT_PAIRED_TEST } from '../../src/lifecycle/index.ts';
import { type EngineConfig, Engine, type LifecycleConfig } from '../../src/engine/index.ts';

/** Collects every outcome the engine emits. */
export class CollectingSink implements OutcomeSink {
  readonly events: OutcomeEvent[] = [];
  write(e: OutcomeEvent): void {
    this.events.push(e);
  }
  of<T extends OutcomeEvent['type']>(type: T): Extract<OutcomeEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<OutcomeEvent, { type: T }> => e.type === type);
  }
}

export const DAY = 86_400_000;

export const LIFECYCLE: LifecycleConfig = {
  warmupBars: 40,
  policy: 'continuous',
  onlineLearning: true,
  periodBars: 60,
  periodMs: null,
  updateLatencyMs: null,
  builder: 'refit',
  recentWindow: 200,
  epochs: 1,
  updateLatency: 0,
  test: { ...DEFAULT_PAIRED_TEST, minSamples: 20 },
  probationBars: 20,
  probationMargin: 0.01,
  keepSnapshots: 16,
};

export function engineConfig(
  lifecycle: Partial<LifecycleConfig> = {},
  extra: Partial<EngineConfig> = {},
): EngineConfig {
  return {
    seed: 1,
    features: DEFAULT_FEATURES,
    horizon: 1,
    label: 'traded',
    variants: [
      { name: 'model', model: { kind: 'logistic' }, lifecycle: { ...LIFECYCLE, ...lifecycle } },
    ],
    position: { sizing: 'sign', deadBand: 0, maxPosition: 1, allowShort: true },
    book: { costBps: 1, slippageBps: 0, fill: 'next_close' },
    baselines: ['buy_and_hold', 'frozen', 'naive'],
    returnScale: 0.01,
    monitoring: {
      drift: [{ detector: 'adwin', on: 'error', params: {} }],
      degradation: null,
      quality: null,
      regime: { detector: 'rule', rule: {}, hmm: {} },
    },
    ...extra,
  };
}

/** A seeded random walk with a little momentum, one bar a day per symbol. */
export function randomWalk(symbols: string[], bars: number, seed = 3): Bar[][] {
  const rng = createRandom(seed);
  const prices = symbols.map(() => 100);
  const last = symbols.map(() => 0);
  const out: Bar[][] = [];
  for (let t = 0; t < bars; t++) {
    out.push(
      symbols.map((symbol, i) => {
        const r = 0.3 * (last[i] as number) + 0.01 * rng.normal();
        last[i] = r;
        prices[i] = (prices[i] as number) * Math.exp(r);
        return {
          symbol,
          ts: (t * DAY) as EpochMs,
          open: Number.NaN,
          high: Number.NaN,
          low: Number.NaN,
          close: prices[i] as number,
          volume: Number.NaN,
        };
      }),
    );
  }
  return out;
}

/** Drives an engine slice by slice on a replay clock. */
export class Harness {
  readonly sink = new CollectingSink();
  readonly clock = new ReplayClock(0 as EpochMs);
  readonly engine: Engine;
  constructor(config: EngineConfig) {
    this.engine = new Engine(config, this.clock, this.sink);
  }
  step(bars: Bar[]): void {
    const ts = bars[0]!.ts;
    this.clock.advanceTo(ts);
    const slice: TimeSlice = { ts, bars };
    this.engine.onSlice(slice);
  }
  run(slices: Bar[][]): this {
    for (const s of slices) this.step(s);
    return this;
  }
}
