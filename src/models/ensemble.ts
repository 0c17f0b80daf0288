import { describeValue, InputError } from '../core/index.ts';
import { canonicalJson } from './canonical-json.ts';
import { ENSEMBLE_KERNEL, type EnsembleLike } from './ensemble-kernel.ts';
import { type ModelSnapshot, type ModelTarget, type OnlineModel, targetLoss } from './model.ts';

/** Market regimes an ensemble can keep separate weights for. */
export const REGIMES = ['bull', 'bear', 'sideways', 'volatile'] as const;
export type Regime = (typeof REGIMES)[number];

/** Weighting parameters of an {@link Ensemble}. */
export interface EnsembleConfig {
  /** Features per bar (F), to cut each member's window out of the ensemble's input. */
  readonly features: number;
  /** Hedge learning rate η: weights ∝ exp(−η · cumulative loss). */
  readonly eta: number;
  /** Fixed-share mixing α in [0, 1): after each update w ← (1 − α)·w + α/M. */
  readonly share: number;
  /** Keep one weight vector per regime (bull, bear, sideways, volatile). */
  readonly perRegime: boolean;
}

export const DEFAULT_ENSEMBLE: Omit<EnsembleConfig, 'features'> = {
  eta: 1,
  share: 0.01,
  perRegime: false,
};

/**
 * Combines member models with weights adapted online from their losses: exponentially weighted
 * averaging / Hedge (Freund & Schapire 1997; Cesa-Bianchi & Lugosi 2006, ch. 2) with fixed-share
 * mixing (Herbster & Warmuth 1998), so a member that becomes right again after a regime change
 * can regain weight. Prediction = Σ wᵢ·predᵢ (a mixture of probabilities for direction members).
 * With `perRegime`, the engine calls {@link setRegime} and each regime has its own weights.
 * Every member also keeps learning. Its kernel batches neural members across symbols.
 *
 * Snapshot arrays: [weights (regimes × M), [updates, regime index], ...each member's arrays].
 *
 * @example
 * const e = new Ensemble([modelA, modelB], { features: 4, eta: 1, share: 0.01, perRegime: false });
 * e.weights(); // Float64Array [0.5, 0.5]
 */
export class Ensemble implements OnlineModel, EnsembleLike {
  readonly kind = 'ensemble';
  readonly kernel = ENSEMBLE_KERNEL;
  readonly members: readonly OnlineModel[];
  readonly memberNames: readonly string[];
  readonly inputWindow: number;
  readonly target: ModelTarget;
  readonly config: EnsembleConfig;
  frozen = false;
  private readonly w: Float64Array;
  /** [updates, regime index]. */
  private readonly state = new Float64Array(2);

  constructor(members: readonly OnlineModel[], config: EnsembleConfig) {
    if (members.length === 0)
      throw new InputError('Expected `model.members` to hold at least one model, got `[]` (array)');
    const targets = new Set(members.map((m) => m.target ?? 'direction'));
    if (targets.size > 1)
      throw new InputError(
        `Expected \`model.members\` to share one target, got ${describeValue([...targets])}`,
      );
    this.members = members;
    this.memberNames = uniqueNames(members.map((m) => m.kind));
    this.inputWindow = Math.max(...members.map((m) => m.inputWindow));
    this.target = members[0]?.target ?? 'direction';
    this.config = config;
    const rows = config.perRegime ? REGIMES.length : 1;
    this.w = new Float64Array(rows * members.length).fill(1 / members.length);
  }

  get updates(): number {
    return this.state[0] as number;
  }

  /** The regime whose weights are used and updated, when `perRegime`. */
  get regime(): Regime {
    return REGIMES[this.state[1] as number] as Regime;
  }

  /** Selects the regime for the following predictions and updates (no-op without `perRegime`). */
  setRegime(regime: string): void {
    const index = REGIMES.indexOf(regime as Regime);
    if (index < 0)
      throw new InputError(
        `Expected a regime in ${REGIMES.join('|')}, got ${describeValue(regime)}`,
      );
    if (this.config.perRegime) this.state[1] = index;
  }

  /** Current weights of the members (of the current regime), a copy, summing to 1. */
  weights(): Float64Array {
    return this.w.slice(this.rowStart(), this.rowStart() + this.members.length);
  }

  predict(x: Float64Array): number {
    const out = new Float64Array(1);
    this.kernel.predictMany([this], [x], out);
    return out[0] as number;
  }

  learn(x: Float64Array, y: number): void {
    if (!this.frozen) this.kernel.learnMany([this], [x], [y]);
  }

  loss(prediction: number, label: number): number {
    return targetLoss(this.target, prediction, label);
  }

  memberInputs(x: Float64Array): Float64Array[] {
    const f = this.config.features;
    return this.members.map((m) => x.subarray((this.inputWindow - m.inputWindow) * f));
  }

  combine(preds: Float64Array, from: number): number {
    const row = this.rowStart();
    let s = 0;
    for (let j = 0; j < this.members.length; j++)
      s += (this.w[row + j] as number) * (preds[from + j] as number);
    return s;
  }

  observe(preds: Float64Array, from: number, y: number): void {
    const m = this.members.length;
    const row = this.rowStart();
    let total = 0;
    for (let j = 0; j < m; j++) {
      const member = this.members[j] as OnlineModel;
      const loss =
        member.loss?.(preds[from + j] as number, y) ??
        targetLoss(this.target, preds[from + j] as number, y);
      const wj = (this.w[row + j] as number) * Math.exp(-this.config.eta * loss);
      this.w[row + j] = wj;
      total += wj;
    }
    const alpha = this.config.share;
    for (let j = 0; j < m; j++) {
      const normalised = total > 0 ? (this.w[row + j] as number) / total : 1 / m;
      this.w[row + j] = (1 - alpha) * normalised + alpha / m;
    }
    this.state[0] = (this.state[0] as number) + 1;
  }

  snapshot(): ModelSnapshot {
    const parts = this.members.map((m) => m.snapshot());
    return {
      kind: this.kind,
      config: {
        ...this.config,
        members: parts.map((p) => ({ kind: p.kind, config: p.config, arrays: p.arrays.length })),
      },
      arrays: [
        Float64Array.from(this.w),
        Float64Array.from(this.state),
        ...parts.flatMap((p) => p.arrays),
      ],
    };
  }

  restore(snapshot: ModelSnapshot): void {
    const expected = this.snapshot();
    if (
      snapshot.kind !== this.kind ||
      canonicalJson(snapshot.config) !== canonicalJson(expected.config) ||
      snapshot.arrays.length !== expected.arrays.length
    ) {
      throw new InputError(
        `Expected an ensemble snapshot of ${this.memberNames.join(', ')}, got kind \`${snapshot.kind}\``,
      );
    }
    this.w.set(snapshot.arrays[0] as Float64Array);
    this.state.set(snapshot.arrays[1] as Float64Array);
    let at = 2;
    for (const member of this.members) {
      const count = member.snapshot().arrays.length;
      member.restore({ ...member.snapshot(), arrays: snapshot.arrays.slice(at, at + count) });
      at += count;
    }
  }

  clone(): Ensemble {
    const copy = new Ensemble(
      this.members.map((m) => m.clone()),
      this.config,
    );
    copy.w.set(this.w);
    copy.state.set(this.state);
    copy.frozen = this.frozen;
    return copy;
  }

  /** Turns this ensemble into a frozen baseline: neither weights nor members learn. */
  freeze(): void {
    this.frozen = true;
  }

  /** Releases the members' resources (bank slots). */
  dispose(): void {
    for (const m of this.members) m.dispose?.();
  }

  private rowStart(): number {
    return this.config.perRegime ? (this.state[1] as number) * this.members.length : 0;
  }
}

function uniqueNames(kinds: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return kinds.map((k) => {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 && kinds.filter((x) => x === k).length === 1 ? k : `${k}#${n}`;
  });
}
