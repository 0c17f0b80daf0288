import type { OutcomeEvent, OutcomeSink } from '../core/index.ts';

/** Outcome types pushed on `/ml/events` (predictions and equity are too many: read them from the run file). */
export const LIVE_EVENT_TYPES = [
  'transition',
  'version_event',
  'ab_test',
  'drift',
  'regime',
  'alert',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

type Listener = (event: OutcomeEvent) => void;

/**
 * An {@link OutcomeSink} that fans lifecycle outcomes out to listeners as they happen (the
 * `/ml/events` WebSocket, the lifecycle statistics). Tee it with the recorder so both see every
 * outcome. A listener that throws is removed rather than allowed to stop the engine.
 *
 * @example
 * const bus = new EventBus();
 * const off = bus.subscribe((e) => console.log(e.type));
 * const sink = teeSinks(recorder, bus);
 */
export class EventBus implements OutcomeSink {
  private readonly listeners = new Set<Listener>();
  private readonly types = new Set<string>(LIVE_EVENT_TYPES);

  write(event: OutcomeEvent): void {
    if (!this.types.has(event.type)) return;
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        this.listeners.delete(l);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}

/**
 * One sink that writes every outcome to each of `sinks`, in order.
 *
 * @example
 * const sink = teeSinks(recorder, bus);
 */
export function teeSinks(...sinks: OutcomeSink[]): OutcomeSink {
  return {
    write(event: OutcomeEvent): void {
      for (const s of sinks) s.write(event);
    },
  };
}
