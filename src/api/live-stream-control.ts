import type { ConfigureOutcome, StreamControl, StreamSettings } from './ports.ts';
import type { LiveSession } from '../engine/index.ts';
import { applyStreamSettings } from './apply-stream-settings.ts';

/**
 * The API's view of a live session: connection and per-symbol status (ticks, duplicates, gaps,
 * late drops, lag, reordering-buffer fill, tick-to-decision latency), and configuration:
 * `barIntervalMs` is applied from the symbol's next bar, `reorderWindowMs` at once to every symbol
 * (there is one market clock); detectors and the recent-examples window through
 * applyStreamSettings.
 */
export function liveStreamControl(session: LiveSession, finished: () => boolean): StreamControl {
  return {
    mode: 'live',
    connection: () => {
      const { symbols: _per, ...conn } = session.feedStatus();
      return {
        ...conn,
        marketTime: session.clock.now(),
        reorderWindowMs: session.clock.reorderWindowMs,
        lateDropped: session.clock.late,
        decisionLatency: session.latency.summary(),
      };
    },
    symbolStatus: (symbol) =>
      session.symbols().includes(symbol)
        ? {
            ...session.streamStatus(symbol),
            // read only when the answer is serialized: a /metrics scrape reads every symbol's
            // lagMs alone, and with --shards each read of the buffers asks a shard's engine
            get engineBuffers() {
              return session.engine.actor(symbol)?.sizes() ?? null;
            },
          }
        : undefined,
    symbols: () => session.symbols(),
    now: () => session.clock.now(),
    finished,
    configure: (symbol: string, s: StreamSettings): ConfigureOutcome => {
      const applied: Record<string, unknown> = {};
      const notApplied: Record<string, string> = {};
      if (s.barIntervalMs !== undefined)
        applied['barIntervalMs'] = {
          value: s.barIntervalMs,
          fromTs: session.setInterval(symbol, s.barIntervalMs),
        };
      if (s.reorderWindowMs !== undefined) {
        session.setReorderWindow(s.reorderWindowMs);
        applied['reorderWindowMs'] = {
          value: s.reorderWindowMs,
          scope: 'every symbol (one market clock)',
        };
      }
      applyStreamSettings(session.engine, symbol, s, applied, notApplied);
      return { applied, notApplied };
    },
  };
}
