import { describeValue, InputError, RingBuffer } from '../core/index.ts';
import type { RollableMetric } from './rollable-metric.ts';

/**
 * Any {@link RollableMetric} over the last `window` pairs only (River's `metrics.Rolling`): the
 * pairs are kept in two rings; when the window is full the oldest pair is reverted as the newest
 * is added. O(1) per update. Every `window` updates the metric is rebuilt from the pairs held,
 * oldest first, so the float sums cannot creep. Memory O(window).
 *
 * @throws {InputError} when `window` is not an integer ≥ 1.
 * @example
 * const m = new WindowedMetric(new ClassificationMetrics(), 2);
 * m.update(0.9, 0); m.update(0.8, 1); m.update(0.2, 0);
 * m.summary().accuracy; // 1: the first (wrong) label has left the window
 */
export class WindowedMetric<S> {
  readonly window: number;
  private readonly metric: RollableMetric<S>;
  private readonly predictions: RingBuffer;
  private readonly outcomes: RingBuffer;
  private sinceResync = 0;

  /** @param metric an empty metric, owned by the wrapper from now on. */
  constructor(metric: RollableMetric<S>, window: number) {
    if (!Number.isInteger(window) || window < 1) {
      throw new InputError(
        `Expected \`metrics.window\` to be an integer >= 1, got ${describeValue(window)}`,
      );
    }
    this.window = window;
    this.metric = metric;
    this.predictions = new RingBuffer(window);
    this.outcomes = new RingBuffer(window);
  }

  /** Pairs currently in the window (≤ window). */
  get n(): number {
    return this.metric.n;
  }

  /** Scores `prediction` against its `outcome`; the oldest pair leaves a full window first. */
  update(prediction: number, outcome: number): void {
    const full = this.predictions.full;
    const oldPrediction = this.predictions.push(prediction);
    const oldOutcome = this.outcomes.push(outcome);
    if (full) this.metric.revert(oldPrediction, oldOutcome);
    this.metric.update(prediction, outcome);
    if (++this.sinceResync >= this.window) this.resync();
  }

  summary(): S {
    return this.metric.summary();
  }

  /** Empties the window. */
  reset(): void {
    this.predictions.clear();
    this.outcomes.clear();
    this.metric.reset();
    this.sinceResync = 0;
  }

  /**
   * Rebuilds the statistics from the pairs held, oldest first. It runs after a multiple of
   * `window` pushes, when the rings have wrapped exactly, so their storage order is age order.
   */
  private resync(): void {
    const predictions = this.predictions.stored();
    const outcomes = this.outcomes.stored();
    this.metric.reset();
    for (let i = 0; i < predictions.length; i++)
      this.metric.update(predictions[i] as number, outcomes[i] as number);
    this.sinceResync = 0;
  }
}
