import { describeValue, InputError, sigmoid } from '../core/index.ts';
import {
  LOOP_KERNEL,
  type ModelSnapshot,
  type ModelTarget,
  type OnlineModel,
  targetLoss,
} from './model.ts';

export type OptimizerName = 'sgd' | 'adagrad' | 'rmsprop' | 'adam';

/** Configuration shared by the online logistic and linear regressions. */
export interface GlmConfig {
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

const BETA1 = 0.9;
const BETA2 = 0.999;
const RHO = 0.9;
const EPS = 1e-8;

/**
 * Online generalised linear model: prediction = link(w·z + b) where z is x standardised with
 * running (Welford) statistics, one SGD-family step per resolved label, O(d) per update.
 * `logit` link → P(up) with log loss; `identity` link → a forecast with squared error (the
 * gradient of ½(ŷ − y)², so the step size matches the logistic one).
 *
 * State layout of the snapshot arrays: [w‖b, m, v, mean, m2, counters(t, n)].
 */
export class OnlineGlm implements OnlineModel {
  readonly kind: string;
  readonly kernel = LOOP_KERNEL;
  readonly inputWindow = 1;
  readonly target: ModelTarget;
  readonly config: GlmConfig;
  frozen = false;
  private readonly d: number;
  /** Weights then bias, length d + 1. */
  private readonly w: Float64Array;
  /** First moment (adam). */
  private readonly m: Float64Array;
  /** Second moment / accumulated squared gradient. */
  private readonly v: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  /** [optimizer steps, scaler observations]. */
  private readonly counters: Float64Array;
  private readonly z: Float64Array;
  private readonly g: Float64Array;

  constructor(kind: string, target: ModelTarget, config: GlmConfig) {
    validateGlm(kind, config);
    this.kind = kind;
    this.target = target;
    this.config = config;
    this.d = config.features;
    this.w = new Float64Array(this.d + 1);
    this.m = new Float64Array(this.d + 1);
    this.v = new Float64Array(this.d + 1);
    this.mean = new Float64Array(this.d);
    this.m2 = new Float64Array(this.d);
    this.counters = new Float64Array(2);
    this.z = new Float64Array(this.d);
    this.g = new Float64Array(this.d + 1);
  }

  get updates(): number {
    return this.counters[0] as number;
  }

  predict(x: Float64Array): number {
    const s = this.margin(this.scale(x));
    return this.target === 'direction' ? sigmoid(s) : s;
  }

  loss(prediction: number, label: number): number {
    return targetLoss(this.target, prediction, label);
  }

  learn(x: Float64Array, y: number): void {
    if (this.frozen) return;
    if (this.config.standardize) this.observe(x);
    const z = this.scale(x);
    const s = this.margin(z);
    const err = (this.target === 'direction' ? sigmoid(s) : s) - y; // dLoss/dMargin
    const t = (this.counters[0] as number) + 1;
    this.counters[0] = t;
    const { learningRate, schedule, decaySteps, l2 } = this.config;
    const lr = schedule === 'invsqrt' ? learningRate / Math.sqrt(1 + t / decaySteps) : learningRate;
    const d = this.d;
    const g = this.g;
    const w = this.w;
    for (let i = 0; i < d; i++) g[i] = err * (z[i] as number) + l2 * (w[i] as number);
    g[d] = err;
    this.step(lr, t);
  }

  snapshot(): ModelSnapshot {
    return {
      kind: this.kind,
      config: { ...this.config },
      arrays: [this.w, this.m, this.v, this.mean, this.m2, this.counters].map((a) =>
        Float64Array.from(a),
      ),
    };
  }

  restore(snapshot: ModelSnapshot): void {
    const targets = [this.w, this.m, this.v, this.mean, this.m2, this.counters];
    const ok =
      snapshot.kind === this.kind &&
      snapshot.arrays.length === targets.length &&
      targets.every((t, i) => snapshot.arrays[i]?.length === t.length);
    if (!ok)
      throw new InputError(
        `Expected a ${this.kind} snapshot with ${this.d} features, got kind \`${snapshot.kind}\``,
      );
    targets.forEach((t, i) => {
      t.set(snapshot.arrays[i] as Float64Array);
    });
  }

  clone(): OnlineGlm {
    const copy = new OnlineGlm(this.kind, this.target, this.config);
    copy.restore(this.snapshot());
    copy.frozen = this.frozen;
    return copy;
  }

  /** Turns this model into a frozen baseline: `learn` becomes a no-op. */
  freeze(): void {
    this.frozen = true;
  }

  /** w ← w − step(g); one loop per optimiser so the hot loop has no branch. */
  private step(lr: number, t: number): void {
    const { w, m, v, g } = this;
    const n = this.d + 1;
    switch (this.config.optimizer) {
      case 'sgd':
        for (let i = 0; i < n; i++) w[i] = (w[i] as number) - lr * (g[i] as number);
        return;
      case 'adagrad':
        for (let i = 0; i < n; i++) {
          const gi = g[i] as number;
          const vi = (v[i] as number) + gi * gi;
          v[i] = vi;
          w[i] = (w[i] as number) - (lr * gi) / (Math.sqrt(vi) + EPS);
        }
        return;
      case 'rmsprop':
        for (let i = 0; i < n; i++) {
          const gi = g[i] as number;
          const vi = RHO * (v[i] as number) + (1 - RHO) * gi * gi;
          v[i] = vi;
          w[i] = (w[i] as number) - (lr * gi) / (Math.sqrt(vi) + EPS);
        }
        return;
      case 'adam': {
        const c1 = 1 - BETA1 ** t;
        const c2 = 1 - BETA2 ** t;
        for (let i = 0; i < n; i++) {
          const gi = g[i] as number;
          const mi = BETA1 * (m[i] as number) + (1 - BETA1) * gi;
          const vi = BETA2 * (v[i] as number) + (1 - BETA2) * gi * gi;
          m[i] = mi;
          v[i] = vi;
          w[i] = (w[i] as number) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + EPS);
        }
        return;
      }
    }
  }

  private observe(x: Float64Array): void {
    const n = (this.counters[1] as number) + 1;
    this.counters[1] = n;
    const { mean, m2 } = this;
    for (let i = 0; i < this.d; i++) {
      const xi = x[i] as number;
      const delta = xi - (mean[i] as number);
      const mi = (mean[i] as number) + delta / n;
      mean[i] = mi;
      m2[i] = (m2[i] as number) + delta * (xi - mi);
    }
  }

  private scale(x: Float64Array): Float64Array {
    const { z, d } = this;
    if (!this.config.standardize) {
      for (let i = 0; i < d; i++) z[i] = x[i] as number;
      return z;
    }
    const n = this.counters[1] as number;
    if (n < 2) return z.fill(0);
    for (let i = 0; i < d; i++) {
      const sd = Math.sqrt((this.m2[i] as number) / (n - 1));
      z[i] = sd > 0 ? ((x[i] as number) - (this.mean[i] as number)) / sd : 0;
    }
    return z;
  }

  private margin(z: Float64Array): number {
    const { w, d } = this;
    let s = w[d] as number;
    for (let i = 0; i < d; i++) s += (w[i] as number) * (z[i] as number);
    return s;
  }
}

function validateGlm(kind: string, c: GlmConfig): void {
  const bad = (field: string, expected: string, value: unknown): never => {
    throw new InputError(
      `Expected \`${kind}.${field}\` to be ${expected}, got ${describeValue(value)}`,
    );
  };
  if (!Number.isInteger(c.features) || c.features < 1)
    bad('features', 'an integer >= 1', c.features);
  if (!(Number.isFinite(c.learningRate) && c.learningRate > 0))
    bad('learningRate', 'a finite number > 0', c.learningRate);
  if (!(Number.isFinite(c.l2) && c.l2 >= 0)) bad('l2', 'a finite number >= 0', c.l2);
  if (!(Number.isFinite(c.decaySteps) && c.decaySteps > 0))
    bad('decaySteps', 'a finite number > 0', c.decaySteps);
}
