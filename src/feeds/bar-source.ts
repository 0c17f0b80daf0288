import type { Bar, RejectOutcome } from '../core/index.ts';

/**
 * A source of bars for replay. `batches()` yields bars in non-decreasing timestamp order;
 * bars with equal timestamps come ordered by symbol (code-unit order). Batches may have any
 * size; a timestamp may span two batches.
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
