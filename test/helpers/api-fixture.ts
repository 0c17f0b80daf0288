import {
  type ApiServer,
  type ApiServerOptions,
  EventBus,
  LifecycleStats,
  type ModelControl,
  replayStreamControl,
  startApiServer,
  teeSinks,
} from '../../src/api/index.ts';
import { ReplayClock } from '../../src/clock/index.ts';
import type { Bar, EpochMs } from '../../src/core/index.ts';
import { Engine } from '../../src/engine/index.ts';
import { toEngineConfig } from '../../src/runner/index.ts';
import { scenarioSchema } from '../../src/scenario/index.ts';

/** The token of {@link startFixtureApi}. */
export const FIXTURE_TOKEN = 'fixture-token';

export interface FixtureOptions
  extends Partial<Omit<ApiServerOptions, 'models' | 'stream' | 'bus' | 'stats' | 'token'>> {
  /** Symbol names (default A and B); any string, e.g. `__proto__`. */
  readonly symbols?: readonly string[];
  /** Bars stepped before the server starts (default 60: every symbol serving). */
  readonly bars?: number;
  /** Replaces the champion/challenger test settings (default DM, alpha 0.99, 5 labels). */
  readonly test?: Record<string, unknown>;
  /** Wraps the engine as the API sees it (a faulty port). */
  readonly models?: (engine: Engine) => ModelControl;
}

/**
 * The real API server over a real engine fed synthetic 1 s bars (warmup 30 bars, tests decide
 * after 5 labels), on 127.0.0.1 at a free port, with token {@link FIXTURE_TOKEN}.
 *
 * @example
 * const { api } = await startFixtureApi({ symbols: ['__proto__', 'A'] });
 * await fetch(`${api.url}/ml/models/status/__proto__`);
 */
export async function startFixtureApi(opts: FixtureOptions = {}): Promise<{
  api: ApiServer;
  engine: Engine;
  step: (n?: number) => void;
}> {
  const { symbols = ['A', 'B'], bars = 60, models, test, ...apiOptions } = opts;
  const bus = new EventBus();
  const stats = new LifecycleStats();
  const scenario = scenarioSchema.parse({
    name: 'api-fixture',
    data: { file: 'x' },
    lifecycle: { warmupBars: 30, policy: 'none', test: test ?? { alpha: 0.99, minSamples: 5 } },
  });
  const clock = new ReplayClock(0 as EpochMs);
  const engine = new Engine(toEngineConfig(scenario), clock, teeSinks(bus, stats));
  const price = new Map(symbols.map((s, i) => [s, 100 + i]));
  let seed = 7;
  let i = 0;
  const step = (n = 1): void => {
    for (let k = 0; k < n; k++, i++) {
      const ts = ((i + 1) * 1000) as EpochMs;
      clock.advanceTo(ts);
      const slice = symbols.map((symbol): Bar => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const close = (price.get(symbol) ?? 100) * (1 + (seed / 2147483648 - 0.5) * 0.02);
        price.set(symbol, close);
        const nan = Number.NaN;
        return { symbol, ts, open: nan, high: nan, low: nan, close, volume: nan };
      });
      engine.onSlice({ ts, bars: slice });
    }
  };
  step(bars);
  const api = await startApiServer({
    models: models === undefined ? engine : models(engine),
    stream: replayStreamControl(
      engine,
      clock,
      { source: 'synthetic', symbols, speed: 1 },
      () => false,
    ),
    bus,
    stats,
    token: FIXTURE_TOKEN,
    port: 0,
    ...apiOptions,
  });
  return { api, engine, step };
}
