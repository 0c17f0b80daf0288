import type { ConfigureOutcome, StreamControl, StreamSettings } from '../api/index.ts';
import type { ReplayClock } from '../clock/index.ts';
import type { Engine } from '../engine/index.ts';
import { addUnsupported } from './live-stream-control.ts';

/**
 * The API's view of a paced replay (`livemodel serve` without `--feed`): source, speed and
 * progress. Nothing of the stream settings applies to a replay (its bars come from the file);
 * they are stored and reported as not applied.
 */
export function replayStreamControl(engine: Engine, clock: ReplayClock, info: { source: string; symbols: readonly string[]; speed: number }, finished: () => boolean): StreamControl {
  return {
    mode: 'replay',
    connection: () => ({ state: finished() ? 'ended' : 'replaying', source: info.source, speed: info.speed, slices: engine.slices, bars: engine.bars, marketTime: clock.now() }),
    symbolStatus: (symbol) => {
      if (!info.symbols.includes(symbol)) return undefined;
      const s = engine.status(symbol)[0];
      return { symbol, bars: s?.bars ?? 0, lagMs: null, gaps: 0, duplicates: 0, buffer: { open: 0, capacity: 0, fill: 0 } };
    },
    symbols: () => [...info.symbols],
    now: () => clock.now(),
    finished,
    configure: (_symbol: string, s: StreamSettings): ConfigureOutcome => {
      const notApplied: Record<string, string> = {};
      if (s.barIntervalMs !== undefined) notApplied['barIntervalMs'] = 'a replay serves the bars of its data file; the bar interval applies to live feeds (serve --feed)';
      if (s.reorderWindowMs !== undefined) notApplied['reorderWindowMs'] = 'a replay has no reordering window; it applies to live feeds (serve --feed)';
      addUnsupported(s, notApplied);
      return { applied: {}, notApplied };
    },
  };
}
