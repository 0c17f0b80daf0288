import type { ConfigureOutcome, StreamControl, StreamSettings } from './ports.ts';
import type { ReplayClock } from '../clock/index.ts';
import type { LiveEngine } from '../engine/index.ts';
import { applyStreamSettings } from './apply-stream-settings.ts';

/**
 * The API's view of a paced replay (`livemodel serve` without `--feed`): source, speed and
 * progress. The bar interval and reordering window do not apply to a replay (its bars come from
 * the file); detectors and the recent-examples window do.
 */
export function replayStreamControl(
  engine: LiveEngine,
  clock: ReplayClock,
  info: { source: string; symbols: readonly string[]; speed: number },
  finished: () => boolean,
): StreamControl {
  return {
    mode: 'replay',
    connection: () => ({
      state: finished() ? 'ended' : 'replaying',
      source: info.source,
      speed: info.speed,
      slices: engine.slices,
      bars: engine.bars,
      marketTime: clock.now(),
    }),
    symbolStatus: (symbol) => {
      if (!info.symbols.includes(symbol)) return undefined;
      const s = engine.status(symbol)[0];
      return {
        symbol,
        bars: s?.bars ?? 0,
        lagMs: null,
        gaps: 0,
        duplicates: 0,
        buffer: { open: 0, capacity: 0, fill: 0 },
      };
    },
    symbols: () => [...info.symbols],
    now: () => clock.now(),
    finished,
    configure: (symbol: string, s: StreamSettings): ConfigureOutcome => {
      const applied: Record<string, unknown> = {};
      const notApplied: Record<string, string> = {};
      if (s.barIntervalMs !== undefined)
        notApplied['barIntervalMs'] =
          'a replay serves the bars of its data file; the bar interval applies to live feeds (serve --feed)';
      if (s.reorderWindowMs !== undefined)
        notApplied['reorderWindowMs'] =
          'a replay has no reordering window; it applies to live feeds (serve --feed)';
      applyStreamSettings(engine, symbol, s, applied, notApplied);
      return { applied, notApplied };
    },
  };
}
