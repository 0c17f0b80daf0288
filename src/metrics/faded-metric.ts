import { describeValue, InputError } from '../core/index.ts';
import type { RollableMetric } from './rollable-metric.ts';

/**
 * Any {@link RollableMetric} with a fading factor α — Gama, J., Sebastião, R. and Rodrigues, P. P.
 * (2013), "On evaluating stream learning algorithms", Machine Learning 90(3). The pair seen k
 * updates ago weighs α^k: before each pair is added, every sum S becomes α·S and the weight N
 * becomes α·N, and each ratio divides by N. α = 1 gives the all-time metric; the effective memory
 * is about 1/(1 − α) pairs. O(1) time and memory.
 *
 * @throws {InputError} when `alpha` is not in (0, 1].
 * @example
 * const m = new FadedMetric(new ClassificationMetrics(), 0.5);
 * m.update(0.9, 0); m.update(0.8, 1);
 * m.summary().accuracy; // (0·0.5 + 1) / (0.5 + 1) = 2/3
 */
export class FadedMetric<S> {
  readonly alpha: number;
  private readonly metric: RollableMetric<S>;

  /** @param metric an empty metric, owned by the wrapper from now on. */
  constructor(metric: RollableMetric<S>, alpha: number) {
    if (!(typeof alpha === 'number' && alpha > 0 && alpha <= 1)) {
      throw new InputError(
        `Expected \`metrics.alpha\` to be in (0, 1], got ${describeValue(alpha)}`,
      );
    }
    this.alpha = alpha;
    this.metric = metric;
  }

  /** Pairs seen so far. */
  get n(): number {
    return this.metric.n;
  }

  /** Fades what was seen, then scores `prediction` against its `outcome`. */
  update(prediction: number, outcome: number): void {
    this.metric.decay(this.alpha);
    this.metric.update(prediction, outcome);
  }

  summary(): S {
    return this.metric.summary();
  }

  /** Forgets everything seen. */
  reset(): void {
    this.metric.reset();
  }
}
