import { type GlmConfig, OnlineGlm } from './online-glm.ts';

export type { OptimizerName } from './online-glm.ts';

/** Configuration of {@link OnlineLogistic}. */
export type LogisticConfig = GlmConfig;

export const DEFAULT_LOGISTIC: Omit<LogisticConfig, 'features'> = {
  learningRate: 0.05,
  optimizer: 'adagrad',
  l2: 1e-4,
  schedule: 'constant',
  decaySteps: 1000,
  standardize: true,
};

/**
 * Online logistic regression for next-bar direction: p = σ(w·z + b) where z is x standardised
 * with running (Welford) statistics. One SGD-family step (sgd, adagrad, rmsprop, adam) per
 * resolved label, loss = log loss. Learns in O(d). Weights start at zero, so the model is
 * deterministic without a seed.
 *
 * State layout of the snapshot arrays: [w‖b, m, v, mean, m2, counters(t, n)].
 *
 * @example
 * const m = new OnlineLogistic({ features: 1, learningRate: 0.5, optimizer: 'sgd', l2: 0, schedule: 'constant', decaySteps: 1, standardize: false });
 * m.predict(new Float64Array([1])); // 0.5
 * m.learn(new Float64Array([1]), 1); // w = b = 0.25
 * m.predict(new Float64Array([1])); // σ(0.5) ≈ 0.6225
 */
export class OnlineLogistic extends OnlineGlm {
  declare readonly kind: 'logistic';

  constructor(config: LogisticConfig) {
    super('logistic', 'direction', config);
  }

  override clone(): OnlineLogistic {
    const copy = new OnlineLogistic(this.config);
    copy.restore(this.snapshot());
    copy.frozen = this.frozen;
    return copy;
  }
}
