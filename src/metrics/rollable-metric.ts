/**
 * A prequential metric over (prediction, outcome) pairs whose sufficient statistics can be added,
 * removed and decayed — River's `utils.Rollable` protocol (update/revert) plus a fading step. The
 * generic {@link WindowedMetric} and {@link FadedMetric} wrappers build the sliding-window and
 * fading-factor versions of any such metric, so each metric's formulas live in one place.
 *
 * Contract: `revert(p, y)` after `update(p, y)` restores the statistics (exactly for counts, to
 * rounding for float sums); `decay(α)` multiplies every sum and the weight by α but leaves `n`
 * (pairs counted) alone; `summary()` divides by the weight.
 */
export interface RollableMetric<S> {
  /** Pairs in the statistics (for a faded metric: seen, not their weight). */
  readonly n: number;
  /** Adds one pair with weight 1. */
  update(prediction: number, outcome: number): void;
  /** Removes a pair added before. */
  revert(prediction: number, outcome: number): void;
  /** Multiplies every sum and the total weight by `alpha`. */
  decay(alpha: number): void;
  /** Empties the statistics. */
  reset(): void;
  summary(): S;
}
