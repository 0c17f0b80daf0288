import type { ConfigureOutcome, StreamControl, StreamSettings } from '../api/index.ts';
import type { LiveSession } from '../engine/index.ts';

/**
 * The API's view of a live session: connection and per-symbol status (ticks, duplicates, gaps,
 * late drops, lag, reordering-buffer fill, tick-to-decision latency), and configuration:
 * `barIntervalMs` is applied from the symbol's next bar, `reorderWindowMs` at once to every symbol
 * (there is one market clock); buffers and detectors are stored and reported as not applied,
 * with the reason.
 */
export function liveStreamControl(session: LiveSession, finished: () => boolean): StreamControl {
  return {
    mode: 'live',
    connection: () => {
      const { symbols: _per, ...conn } = session.feedStatus();
      return { ...conn, marketTime: session.clock.now(), reorderWindowMs: session.clock.reorderWindowMs, lateDropped: session.clock.late, decisionLatency: session.latency.summary() };
    },
    symbolStatus: (symbol) => (session.symbols().includes(symbol) ? { ...session.streamStatus(symbol), engineBuffers: session.engine.actor(symbol)?.sizes() ?? null } : undefined),
    symbols: () => session.symbols(),
    now: () => session.clock.now(),
    finished,
    configure: (symbol: string, s: StreamSettings): ConfigureOutcome => {
      const applied: Record<string, unknown> = {};
      const notApplied: Record<string, string> = {};
      if (s.barIntervalMs !== undefined) applied['barIntervalMs'] = { value: s.barIntervalMs, fromTs: session.setInterval(symbol, s.barIntervalMs) };
      if (s.reorderWindowMs !== undefined) {
        session.setReorderWindow(s.reorderWindowMs);
        applied['reorderWindowMs'] = { value: s.reorderWindowMs, scope: 'every symbol (one market clock)' };
      }
      addUnsupported(s, notApplied);
      return { applied, notApplied };
    },
  };
}

/** Settings the engine cannot change while running (yet): stored, reported as not applied. */
export function addUnsupported(s: StreamSettings, notApplied: Record<string, string>): void {
  for (const key of Object.keys(s.buffers ?? {})) notApplied[`buffers.${key}`] = 'the engine sizes its buffers when a symbol starts; runtime resizing is not supported yet (set it in the scenario)';
  for (const key of Object.keys(s.detectors ?? {})) notApplied[`detectors.${key}`] = 'the engine builds a symbol’s detectors from the scenario’s `monitoring` section when the symbol starts; replacing them at run time is not supported yet (stored only)';
}
