import type { OutcomeEvent, OutcomeSink } from '../core/index.ts';

/**
 * The outcomes each phase of a tick may record (DESIGN.md, "the path of one tick"). Every row
 * of every table leaves the engine through the sink of exactly one phase, so "who writes
 * `drift_events`?" has one answer: the monitor phase. An alert can come from the monitors
 * (degradation, data quality), the lifecycle (a failed build) or the feed (gaps).
 */
export const PHASE_OUTCOMES = {
  /** Predictions with their labels, ensemble weights. */
  predict: ['prediction', 'weight'],
  /** Drift detectors, regimes and data-quality or degradation alerts. */
  monitor: ['drift', 'regime', 'alert'],
  /** Stage transitions, versions and their events, paired tests, evicted snapshots. */
  lifecycle: ['transition', 'version', 'version_event', 'snapshot', 'ab_test', 'alert'],
  /** The strategy books' equity. */
  book: ['equity'],
  /** What the source or feed delivered or refused: raw messages, rejects, gap alerts. */
  feed: ['feed_message', 'reject', 'alert'],
} as const satisfies Record<string, readonly OutcomeEvent['type'][]>;

export type Phase = keyof typeof PHASE_OUTCOMES;

/** The outcomes phase `P` may record. */
export type PhaseOutcome<P extends Phase> = Extract<
  OutcomeEvent,
  { readonly type: (typeof PHASE_OUTCOMES)[P][number] }
>;

/** A phase's sink: the type system keeps a phase from writing another phase's tables. */
export interface PhaseSink<P extends Phase> {
  readonly phase: P;
  write(event: PhaseOutcome<P>): void;
}

export type PhaseSinks = { readonly [P in Phase]: PhaseSink<P> };

/**
 * The phase sinks over one outcome sink (the recorder, a fan-out, a test's array).
 *
 * @example
 * const sinks = phaseSinks(recorder);
 * sinks.monitor.write({ type: 'drift', variant, symbol, ts, detector: 'adwin', kind: 'drift', feature: null });
 */
export function phaseSinks(sink: OutcomeSink): PhaseSinks {
  const of = <P extends Phase>(phase: P): PhaseSink<P> => ({
    phase,
    write: (event) => sink.write(event),
  });
  return {
    predict: of('predict'),
    monitor: of('monitor'),
    lifecycle: of('lifecycle'),
    book: of('book'),
    feed: of('feed'),
  };
}
