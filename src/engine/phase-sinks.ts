import {
  type EquityRowWriter,
  isTickRowSink,
  type OutcomeEvent,
  type OutcomeSink,
  type PredictionRowWriter,
} from '../core/index.ts';

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

/**
 * The sinks of the phases, the book and predict phases with writers bound to a series for the
 * rows of every tick (`TickRowSink` in core): no event object per row when the outcome sink
 * takes them, else the same events through `write`.
 */
export type PhaseSinks = { readonly [P in Phase]: PhaseSink<P> } & {
  readonly book: { equity(symbol: string, strategy: string): EquityRowWriter };
  readonly predict: { prediction(variant: string, symbol: string): PredictionRowWriter };
};

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
  const rows = isTickRowSink(sink) ? sink : null;
  const equity = (symbol: string, strategy: string): EquityRowWriter =>
    rows !== null
      ? rows.equityWriter(symbol, strategy)
      : (ts, position, pnl, equity, cost, turnover) =>
          sink.write({
            type: 'equity',
            symbol,
            ts,
            strategy,
            position,
            pnl,
            equity,
            cost,
            turnover,
          });
  const prediction = (variant: string, symbol: string): PredictionRowWriter =>
    rows !== null
      ? rows.predictionWriter(variant, symbol)
      : (ts, horizonTs, role, modelVersion, score, label, loss) =>
          sink.write({
            type: 'prediction',
            variant,
            symbol,
            ts,
            horizonTs,
            role,
            modelVersion,
            score,
            label,
            loss,
          });
  return {
    predict: { ...of('predict'), prediction },
    monitor: of('monitor'),
    lifecycle: of('lifecycle'),
    book: { ...of('book'), equity },
    feed: of('feed'),
  };
}
