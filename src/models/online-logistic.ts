import { InputError, sigmoid } from '../core/index.ts';
import { LOOP_KERNEL, type ModelSnapshot, type OnlineModel } from './model.ts';

export type OptimizerName = 'sgd' | 'adagrad' | 'rmsprop' | 'adam';

export interface LogisticConfig {
  readonly features: number;
  readonly learningRate: number;
  readonly optimizer: OptimizerName;
  /** L2 penalty on the weights (not the bias). */
  readonly l2: number;
  /** Learning-rate schedule: `constant`, or `invsqrt` (lr / sqrt(1 + t / decaySteps)). */
  readonly schedule: 'constant' | 'invsqrt';
  readonly decaySteps: number;
  /** Standardise features with running mean and variance learned online. */
  readonly standardize: boolean;
}

export const DEFAULT_LOGISTIC: Omit<LogisticConfig, 'features'> = {
  learningRate: 0.05,
  optimizer: 'adagrad',
  l2: 1e-4,
  schedule: 'constant',
  decaySteps: 1000,
  standardize: true,
};

const BETA1 = 0.9;
const BETA2 = 0.999;
const RHO = 0.9;
const EPS = 1e-8;

/**
 * Online logistic regression for next-bar direction: p = σ(w·z + b) where z is x standardised
 * with running (Welford) statistics. One SGD-family step per resolved label. Learns in O(d).
 * Weights start at zero, so the model is deterministic without a seed.
 *
 * State layout of the snapshot arrays: [w‖b, m, v, mean, m2, counters(t, n)].
 *
 * @example
 * const m = new OnlineLogistic({ features: 1, learningRate: 0.5, optimizer: 'sgd', l2: 0, schedule: 'constant', decaySteps: 1, standardize: false });
 * m.predict(new Float64Array([1])); // 0.5
 * m.learn(new Float64Array([1]), 1); // w = b = 0.25
 * m.predict(new Float64Array([1])); // σ(0.5) ≈ 0.6225
 */
export class OnlineLogistic implements OnlineModel {
  readonly kind = 'logistic';
  readonly kernel = LOOP_KERNEL;
  readonly inputWindow = 1;
  readonly config: LogisticConfig;
  private readonly d: number;
  /** Weights then bias, length d + 1. */
  private readonly w: Float64Array;
  /** First moment (adam) / unused. */
  private readonly m: Float64Array;
  /** Second moment / accumulated squared gradient. */
  private readonly v: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  /** [optimizer steps, scaler observations]. */
  private readonly counters: Float64Array;
  private readonly z: Float64Array;

  constructor(config: LogisticConfig) {
    if (!Number.isInteger(config.features) || config.features < 1) {
      throw new InputError(`Expected logistic \`features\` to be an integer >= 1, got ${config.features}`);
    }
    if (!(config.learningRate > 0)) {
      throw new InputError(`Expected \`model.learningRate\` to be > 0, got ${config.learningRate}`);
    }
    this.config = config;
    this.d = config.features;
    this.w = new Float64Array(this.d + 1);
    this.m = new Float64Array(this.d + 1);
    this.v = new Float64Array(this.d + 1);
    this.mean = new Float64Array(this.d);
    this.m2 = new Float64Array(this.d);
    this.counters = new Float64Array(2);
    this.z = new Float64Array(this.d);
  }

  get updates(): number {
    return this.counters[0] as number;
  }

  predict(x: Float64Array): number {
    return sigmoid(this.margin(this.scale(x)));
  }

  learn(x: Float64Array, y: number): void {
    if (this.config.standardize) this.observe(x);
    const z = this.scale(x);
    const err = sigmoid(this.margin(z)) - y; // dLoss/dMargin for log loss
    const t = (this.counters[0] as number) + 1;
    this.counters[0] = t;
    const lr = this.config.schedule === 'invsqrt' ? this.config.learningRate / Math.sqrt(1 + t / this.config.decaySteps) : this.config.learningRate;
    for (let i = 0; i <= this.d; i++) {
      const g = i < this.d ? err * (z[i] as number) + this.config.l2 * (this.w[i] as number) : err;
      this.w[i] = (this.w[i] as number) - this.step(i, g, lr, t);
    }
  }

  snapshot(): ModelSnapshot {
    return {
      kind: this.kind,
      config: { ...this.config },
      arrays: [this.w, this.m, this.v, this.mean, this.m2, this.counters].map((a) => Float64Array.from(a)),
    };
  }

  restore(snapshot: ModelSnapshot): void {
    if (snapshot.kind !== this.kind || snapshot.arrays.length !== 6) {
      throw new InputError(`Expected a logistic snapshot, got kind \`${snapshot.kind}\``);
    }
    const targets = [this.w, this.m, this.v, this.mean, this.m2, this.counters];
    targets.forEach((t, i) => t.set(snapshot.arrays[i] as Float64Array));
  }

  clone(): OnlineLogistic {
    const copy = new OnlineLogistic(this.config);
    copy.restore(this.snapshot());
    return copy;
  }

  private step(i: number, g: number, lr: number, t: number): number {
    switch (this.config.optimizer) {
      case 'sgd':
        return lr * g;
      case 'adagrad': {
        const v = (this.v[i] as number) + g * g;
        this.v[i] = v;
        return (lr * g) / (Math.sqrt(v) + EPS);
      }
      case 'rmsprop': {
        const v = RHO * (this.v[i] as number) + (1 - RHO) * g * g;
        this.v[i] = v;
        return (lr * g) / (Math.sqrt(v) + EPS);
      }
      case 'adam': {
        const m = BETA1 * (this.m[i] as number) + (1 - BETA1) * g;
        const v = BETA2 * (this.v[i] as number) + (1 - BETA2) * g * g;
        this.m[i] = m;
        this.v[i] = v;
        const mHat = m / (1 - BETA1 ** t);
        const vHat = v / (1 - BETA2 ** t);
        return (lr * mHat) / (Math.sqrt(vHat) + EPS);
      }
    }
  }

  private observe(x: Float64Array): void {
    const n = (this.counters[1] as number) + 1;
    this.counters[1] = n;
    for (let i = 0; i < this.d; i++) {
      const xi = x[i] as number;
      const delta = xi - (this.mean[i] as number);
      this.mean[i] = (this.mean[i] as number) + delta / n;
      this.m2[i] = (this.m2[i] as number) + delta * (xi - (this.mean[i] as number));
    }
  }

  private scale(x: Float64Array): Float64Array {
    const n = this.counters[1] as number;
    for (let i = 0; i < this.d; i++) {
      const xi = x[i] as number;
      if (!this.config.standardize || n < 2) {
        this.z[i] = this.config.standardize ? 0 : xi;
        continue;
      }
      const sd = Math.sqrt((this.m2[i] as number) / (n - 1));
      this.z[i] = sd > 0 ? (xi - (this.mean[i] as number)) / sd : 0;
    }
    return this.z;
  }

  private margin(z: Float64Array): number {
    let s = this.w[this.d] as number;
    for (let i = 0; i < this.d; i++) s += (this.w[i] as number) * (z[i] as number);
    return s;
  }
}
