import { type GlmConfig, OnlineGlm } from './online-glm.ts';

/** Configuration of {@link OnlineLinear}. */
export type LinearConfig = GlmConfig;

export const DEFAULT_LINEAR: Omit<LinearConfig, 'features'> = {
  learningRate: 0.01,
  optimizer: 'adagrad',
  l2: 1e-4,
  schedule: 'constant',
  decaySteps: 1000,
  standardize: true,
};

/**
 * Online linear regression for the return over the label horizon: ŷ = w·z + b where z is x
 * standardised with running (Welford) statistics. `predict` returns the forecast (not a
 * probability); the loss is squared error (ŷ − y)², and each step follows the gradient of
 * ½(ŷ − y)² + ½·l2·|w|² with the same optimisers and schedule as {@link OnlineLogistic}.
 *
 * State layout of the snapshot arrays: [w‖b, m, v, mean, m2, counters(t, n)].
 *
 * @example
 * const m = new OnlineLinear({ features: 1, learningRate: 0.5, optimizer: 'sgd', l2: 0, schedule: 'constant', decaySteps: 1, standardize: false });
 * m.learn(new Float64Array([1]), 2); // error −2 → w = b = 1
 * m.predict(new Float64Array([1])); // 2
 */
export class OnlineLinear extends OnlineGlm {
  declare readonly kind: 'linear';

  constructor(config: LinearConfig) {
    super('linear', 'return', config);
  }

  override clone(): OnlineLinear {
    const copy = new OnlineLinear(this.config);
    copy.restore(this.snapshot());
    copy.frozen = this.frozen;
    return copy;
  }
}
