import { InputError, describeValue, withDefaults } from '../core/index.ts';
import { initialGaussianStates, logNormal } from './hmm-init.ts';
import type { Regime } from './regime.ts';

/** Configuration of {@link OnlineGaussianHmm}. */
export interface OnlineGaussianHmmConfig {
  /** Hidden states, 2–4 (default 2). */
  readonly states: number;
  /** Observations buffered to initialise the states (default 100). */
  readonly warmup: number;
  /** EM iterations of the initial mixture fit (default 25). */
  readonly initIterations: number;
  /** Step size η_t = max(minStep, (t + warmup)^−stepExponent), exponent in (0.5, 1] (default 0.6). */
  readonly stepExponent: number;
  /** Floor of the step size so the model keeps tracking a changing market (default 0.002). */
  readonly minStep: number;
  /** Initial self-transition probability of every state (default 0.95). */
  readonly stay: number;
  /** Variance floor as a fraction of the warm-up variance (default 1e-3). */
  readonly varianceFloor: number;
  /** A state whose sd is at least this multiple of the reference sd is `volatile` (default 2). */
  readonly volatileRatio: number;
  /** Other states: mean/sd above this is `bull`, below its negative `bear`, else `sideways` (default 0.1). */
  readonly trendRatio: number;
}

export const DEFAULT_HMM: OnlineGaussianHmmConfig = {
  states: 2,
  warmup: 100,
  initIterations: 25,
  stepExponent: 0.6,
  minStep: 0.002,
  stay: 0.95,
  varianceFloor: 1e-3,
  volatileRatio: 2,
  trendRatio: 0.1,
};

/** Exact state of an {@link OnlineGaussianHmm}, JSON-safe. */
export interface HmmSnapshot {
  readonly config: OnlineGaussianHmmConfig;
  readonly t: number;
  readonly warm: number[];
  readonly floor: number;
  /** Sd of the warm-up sample: the volatility reference never exceeds it. */
  readonly baseSd: number;
  readonly means: number[];
  readonly variances: number[];
  readonly transition: number[];
  readonly posterior: number[];
  readonly s0: number[];
  readonly s1: number[];
  readonly s2: number[];
  readonly counts: number[];
}

/**
 * Hidden Markov model with K Gaussian emission states over log returns, filtered and fitted online.
 * Each observation runs one forward-filter step (posterior α_t ∝ (α_{t−1}A) ⊙ N(x_t; μ, σ²)) and one
 * stepwise EM update of the sufficient statistics (γ, γx, γx², and the two-slice posteriors ξ for
 * A) with step size η_t, followed by the M-step — the filtered approximation of online EM for HMMs
 * (Cappé, O. (2011), "Online EM algorithm for hidden Markov models", J. Comput. Graph. Statist.
 * 20(3); stepwise EM: Cappé & Moulines (2009), JRSS B 71(3)), which uses filtered rather than
 * smoothed statistics. Initialisation is deterministic: {@link initialGaussianStates} on the first
 * `warmup` observations (the regime is `sideways` until then).
 *
 * States map to regimes by their parameters: sd ≥ `volatileRatio` × the reference sd → `volatile`,
 * where the reference is the lower of the calmest state's sd and the warm-up sample's sd (so a
 * vol jump after a calm warm-up, which both states end up describing, is still `volatile`);
 * else mean/sd > `trendRatio` → `bull`, < −`trendRatio` → `bear`, otherwise `sideways`. The
 * regime of a bar is that of the most probable filtered state. O(K²) per observation.
 *
 * @throws {InputError} when a config field is out of range.
 * @example
 * const hmm = new OnlineGaussianHmm({ warmup: 20 });
 * for (let i = 0; i < 40; i++) hmm.update(i % 2 ? 0.01 : 0.012); // calm, rising
 * hmm.current; // 'bull'
 */
export class OnlineGaussianHmm {
  readonly config: OnlineGaussianHmmConfig;
  private s!: { -readonly [K in Exclude<keyof HmmSnapshot, 'config'>]: HmmSnapshot[K] };
  private labels: Regime[] = [];
  private regime: Regime = 'sideways';

  constructor(config: Partial<OnlineGaussianHmmConfig> = {}) {
    const c = withDefaults(DEFAULT_HMM, config);
    validate(c);
    this.config = c;
    this.reset();
  }

  /** Regime after the latest observation. */
  get current(): Regime {
    return this.regime;
  }

  /** True once the warm-up sample has initialised the states. */
  get ready(): boolean {
    return this.s.means.length > 0;
  }

  /** Most probable filtered state (states sorted by variance at initialisation), −1 before ready. */
  get state(): number {
    const p = this.s.posterior;
    return p.length === 0 ? -1 : p.indexOf(Math.max(...p));
  }

  /** Copies of the current parameters, filtered state probabilities and state labels. */
  parameters(): {
    means: number[];
    variances: number[];
    transition: number[];
    posterior: number[];
    labels: Regime[];
  } {
    const { means, variances, transition, posterior } = this.s;
    return {
      means: [...means],
      variances: [...variances],
      transition: [...transition],
      posterior: [...posterior],
      labels: [...this.labels],
    };
  }

  /** Consumes the next log return. */
  update(x: number): Regime {
    if (!this.ready) {
      this.s.warm.push(x);
      if (this.s.warm.length === this.config.warmup) this.initialise();
      return this.regime;
    }
    this.step(x);
    return this.regime;
  }

  reset(): void {
    this.s = {
      t: 0,
      warm: [],
      floor: 0,
      baseSd: 0,
      means: [],
      variances: [],
      transition: [],
      posterior: [],
      s0: [],
      s1: [],
      s2: [],
      counts: [],
    };
    this.labels = [];
    this.regime = 'sideways';
  }

  /** An exact, JSON-safe copy of the state; {@link restore} continues bit for bit. */
  snapshot(): HmmSnapshot {
    return structuredClone({ config: this.config, ...this.s });
  }

  /** @throws {InputError} when the snapshot was taken with another config. */
  restore(snapshot: HmmSnapshot): void {
    if (JSON.stringify(snapshot.config) !== JSON.stringify(this.config)) {
      throw new InputError(
        `Expected a snapshot with config ${JSON.stringify(this.config)}, got ${JSON.stringify(snapshot.config)}`,
      );
    }
    const { config: _config, ...rest } = structuredClone(snapshot);
    this.s = rest;
    this.relabel();
  }

  private initialise(): void {
    const k = this.config.states;
    const warm = this.s.warm;
    const mean = warm.reduce((a, x) => a + x, 0) / warm.length;
    const variance = warm.reduce((a, x) => a + (x - mean) ** 2, 0) / warm.length;
    const floor = Math.max(1e-300, variance * this.config.varianceFloor);
    const init = initialGaussianStates(warm, k, this.config.initIterations, floor);
    const off = (1 - this.config.stay) / (k - 1);
    const transition = Array.from({ length: k * k }, (_, ij) =>
      Math.floor(ij / k) === ij % k ? this.config.stay : off,
    );
    this.s = {
      t: 0,
      warm: [],
      floor,
      baseSd: Math.sqrt(Math.max(floor, variance)),
      means: init.means,
      variances: init.variances,
      transition,
      posterior: Array.from({ length: k }, () => 1 / k),
      s0: init.means.map(() => 1 / k),
      s1: init.means.map((m) => m / k),
      s2: init.means.map((m, j) => ((init.variances[j] as number) + m * m) / k),
      counts: transition.map((a) => a / k),
    };
    this.relabel();
    for (const x of warm) this.step(x);
  }

  private step(x: number): void {
    const k = this.config.states;
    const { means, variances, transition: a, posterior: prev, s0, s1, s2, counts } = this.s;
    const logB = means.map((m, j) => logNormal(x, m, variances[j] as number));
    const maxLogB = Math.max(...logB);
    const b = logB.map((l) => Math.exp(l - maxLogB));
    const post = new Array<number>(k).fill(0);
    for (let j = 0; j < k; j++) {
      let prior = 0;
      for (let i = 0; i < k; i++) prior += (prev[i] as number) * (a[i * k + j] as number);
      post[j] = prior * (b[j] as number);
    }
    const z = post.reduce((s, p) => s + p, 0);
    const eta = Math.max(
      this.config.minStep,
      (this.s.t + this.config.warmup) ** -this.config.stepExponent,
    );
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const xi = ((prev[i] as number) * (a[i * k + j] as number) * (b[j] as number)) / z;
        counts[i * k + j] = (1 - eta) * (counts[i * k + j] as number) + eta * xi;
      }
    }
    for (let j = 0; j < k; j++) {
      const g = (post[j] as number) / z;
      post[j] = g;
      s0[j] = (1 - eta) * (s0[j] as number) + eta * g;
      s1[j] = (1 - eta) * (s1[j] as number) + eta * g * x;
      s2[j] = (1 - eta) * (s2[j] as number) + eta * g * x * x;
    }
    this.maximise(post);
  }

  /** M-step from the running statistics, then relabel. */
  private maximise(post: number[]): void {
    const k = this.config.states;
    const { means, variances, transition, s0, s1, s2, counts, floor } = this.s;
    for (let j = 0; j < k; j++) {
      const w = s0[j] as number;
      if (w <= 1e-300) continue;
      means[j] = (s1[j] as number) / w;
      variances[j] = Math.max(floor, (s2[j] as number) / w - (means[j] as number) ** 2);
    }
    for (let i = 0; i < k; i++) {
      let row = 0;
      for (let j = 0; j < k; j++) row += counts[i * k + j] as number;
      if (row <= 1e-300) continue;
      for (let j = 0; j < k; j++) transition[i * k + j] = (counts[i * k + j] as number) / row;
    }
    this.s.posterior = post;
    this.s.t++;
    this.relabel();
  }

  private relabel(): void {
    if (!this.ready) return;
    const { means, variances, posterior } = this.s;
    const sd = variances.map((v) => Math.sqrt(v));
    const calm = Math.min(...sd, this.s.baseSd);
    const { volatileRatio, trendRatio } = this.config;
    this.labels = means.map((m, j) => {
      const sj = sd[j] as number;
      if (sj >= volatileRatio * calm) return 'volatile';
      const z = m / sj;
      return z > trendRatio ? 'bull' : z < -trendRatio ? 'bear' : 'sideways';
    });
    this.regime = this.labels[posterior.indexOf(Math.max(...posterior))] as Regime;
  }
}

function validate(c: OnlineGaussianHmmConfig): void {
  const fail = (field: string, rule: string, value: unknown): never => {
    throw new InputError(`Expected \`hmm.${field}\` to be ${rule}, got ${describeValue(value)}`);
  };
  if (!Number.isInteger(c.states) || c.states < 2 || c.states > 4)
    fail('states', 'an integer in [2, 4]', c.states);
  if (!Number.isInteger(c.warmup) || c.warmup < 2 * c.states)
    fail('warmup', `an integer >= ${2 * c.states}`, c.warmup);
  if (!Number.isInteger(c.initIterations) || c.initIterations < 0)
    fail('initIterations', 'an integer >= 0', c.initIterations);
  if (!(c.stepExponent > 0.5 && c.stepExponent <= 1))
    fail('stepExponent', 'in (0.5, 1]', c.stepExponent);
  if (!(c.minStep >= 0 && c.minStep < 1)) fail('minStep', 'in [0, 1)', c.minStep);
  if (!(c.stay > 0 && c.stay < 1)) fail('stay', 'in (0, 1)', c.stay);
  if (!(c.varianceFloor > 0 && c.varianceFloor < 1))
    fail('varianceFloor', 'in (0, 1)', c.varianceFloor);
  if (!(c.volatileRatio > 1 && Number.isFinite(c.volatileRatio)))
    fail('volatileRatio', 'a finite number > 1', c.volatileRatio);
  if (!(c.trendRatio >= 0 && Number.isFinite(c.trendRatio)))
    fail('trendRatio', 'a finite number >= 0', c.trendRatio);
}
