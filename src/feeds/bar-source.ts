import type { Bar, EpochMs, RejectOutcome } from '../core/index.ts';

/**
 * A source of bars for replay. `batches()` yields bars in non-decreasing timestamp order;
 * bars with equal timestamps come ordered by symbol (code-unit order: `'B' < 'a'`). Batches
 * may have any size; a timestamp may span two batches. Each call of `batches()` starts over.
 */
export interface BarSource {
  /** Where the bars come from (a file path, a generator name), used in messages. */
  readonly name: string;
  /** Symbols in the source, sorted. */
  readonly symbols: readonly string[];
  batches(): AsyncIterable<readonly Bar[]>;
}

/** What a source does with a row it cannot use. */
export type BadRowPolicy = 'fail' | 'skip';

/** Receives rejected rows (policy `skip`): each is recorded in `data_rejects`. */
export type RejectHandler = (reject: RejectOutcome) => void;

/** A missing stretch of bars of one symbol. */
export interface Gap {
  readonly source: string;
  readonly symbol: string;
  /** Time of the last bar before the gap. */
  readonly fromTs: EpochMs;
  /** Time of the first bar after the gap. */
  readonly toTs: EpochMs;
  /** Rows of a wide file without a value for the symbol; null for a gap found by spacing. */
  readonly missingRows: number | null;
  /** The symbol's typical spacing (median of recent spacings) for a gap found by spacing; else null. */
  readonly medianSpacingMs: number | null;
  /** One line for alerts and logs. */
  readonly message: string;
}

/** Receives gaps as they are found (when the bar after the gap is read or replayed). */
export type GapHandler = (gap: Gap) => void;
