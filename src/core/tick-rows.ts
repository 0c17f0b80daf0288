import type { EpochMs } from './time.ts';
import type { OutcomeSink } from './types.ts';

/**
 * Records one `equity` row of a (symbol, strategy) series: what `write` records for the
 * `EquityOutcome` with these fields.
 */
export type EquityRowWriter = (
  ts: EpochMs,
  position: number,
  pnl: number,
  equity: number,
  cost: number,
  turnover: number,
) => void;

/**
 * Records one `predictions` row of a (variant, symbol): what `write` records for the
 * `PredictionOutcome` with these fields.
 */
export type PredictionRowWriter = (
  ts: EpochMs,
  horizonTs: EpochMs | null,
  role: string,
  modelVersion: number | null,
  score: number,
  label: number | null,
  loss: number | null,
) => void;

/**
 * What a sink may add to {@link OutcomeSink} for the rows written on every tick of every symbol
 * (predictions, equity): writers bound to a series' fixed columns that take the other cells as
 * arguments, so no event object is made per row. A row written through them is the row `write`
 * records for the equivalent event, in the same order within its table.
 *
 * @example
 * if (isTickRowSink(sink)) sink.equityWriter('MSFT', 'model')(ts, 1, 0.001, 1.02, 0, 0);
 */
export interface TickRowSink extends OutcomeSink {
  equityWriter(symbol: string, strategy: string): EquityRowWriter;
  predictionWriter(variant: string, symbol: string): PredictionRowWriter;
}

/** Whether a sink takes tick rows through bound writers ({@link TickRowSink}). */
export function isTickRowSink(sink: OutcomeSink): sink is TickRowSink {
  const s = sink as Partial<TickRowSink>;
  return typeof s.equityWriter === 'function' && typeof s.predictionWriter === 'function';
}
