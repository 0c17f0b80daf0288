import { createFrozenBaseline, type OnlineModel, targetLoss } from '../models/index.ts';
import type { ModelBatch } from './model-batch.ts';
import type { PendingPrediction } from './pending-queue.ts';

/** Most roles that predict on one tick: champion, challenger, previous, frozen and naive. */
export const MAX_ROLES = 5;

/**
 * Who predicts on a tick, in slot order, with the versions: shared by every prediction made
 * while the roles hold (never mutated; a change of roles makes a new one), so a tick stores a
 * reference instead of filling arrays.
 */
export interface RoleLayout {
  readonly roles: readonly string[];
  readonly versions: readonly (number | null)[];
}

/** No role predicts (warmup). */
export const NO_ROLES: RoleLayout = { roles: [], versions: [] };

/**
 * The models of one symbol by role, with their versions: the `champion` serving, the
 * `challenger` under test, the `previous` champion shadowing a champion on probation, and the
 * `frozen` end-of-warmup baseline. Which roles exist is the lifecycle machine's decision; this
 * only holds the models and releases those that leave. Its fields change only through its
 * methods (each drops the cached {@link layout}); others read them.
 */
export class ModelRoles {
  champion: OnlineModel;
  championVersion: number | null = null;
  challenger: OnlineModel | null = null;
  challengerVersion: number | null = null;
  previous: OnlineModel | null = null;
  previousVersion: number | null = null;
  private frozen: OnlineModel | null = null;
  /** The layouts of the current roles without and with the naive baseline (null: not built). */
  private layouts: [RoleLayout | null, RoleLayout | null] = [null, null];

  constructor(champion: OnlineModel) {
    this.champion = champion;
  }

  versionOf(role: string): number | null {
    if (role === 'champion') return this.championVersion;
    if (role === 'challenger') return this.challengerVersion;
    if (role === 'previous') return this.previousVersion;
    if (role === 'frozen') return this.frozen === null ? null : 1;
    return null;
  }

  /** Models that predict this tick, by role. */
  *predictors(): Generator<[string, OnlineModel]> {
    yield ['champion', this.champion];
    if (this.challenger !== null) yield ['challenger', this.challenger];
    if (this.previous !== null) yield ['previous', this.previous];
    if (this.frozen !== null) yield ['frozen', this.frozen];
  }

  /** Who predicts now, in the order of {@link predict}'s slots, then `naive` when asked. */
  layout(naive: boolean): RoleLayout {
    const i = naive ? 1 : 0;
    let l = this.layouts[i];
    if (l === null) {
      const roles = [...this.predictors()].map(([role]) => role);
      if (naive) roles.push('naive');
      l = { roles, versions: roles.map((r) => this.versionOf(r)) };
      this.layouts[i] = l;
    }
    return l;
  }

  /**
   * Requests this tick's prediction of every role on input `x`, in {@link layout}'s order: the
   * batch slots go to `slots` from index 0; returns how many. Regime-aware models first learn
   * the regime.
   */
  predict(x: Float64Array, batch: ModelBatch, slots: Int32Array, regime: string | null): number {
    // the roles of predictors(), without a generator and a tuple per call (every symbol, every bar)
    let n = 0;
    slots[n++] = predictOne(this.champion, x, batch, regime);
    if (this.challenger !== null) slots[n++] = predictOne(this.challenger, x, batch, regime);
    if (this.previous !== null) slots[n++] = predictOne(this.previous, x, batch, regime);
    if (this.frozen !== null) slots[n++] = predictOne(this.frozen, x, batch, regime);
    return n;
  }

  /**
   * The loss on label `y` of what `role` predicted in `p`, if the model now in that role made it
   * (null otherwise: the role was empty then, or another version held it).
   */
  lossOf(
    p: PendingPrediction,
    role: string,
    y: number,
    target: 'direction' | 'return',
  ): number | null {
    const i = p.roles.indexOf(role);
    const version = this.versionOf(role);
    if (i < 0 || version === null || p.versions[i] !== version) return null;
    return targetLoss(target, p.scores[i] as number, y);
  }

  /** The end of warmup: the champion becomes `version`; a frozen copy of it is the baseline. */
  activate(version: number): void {
    this.championVersion = version;
    this.frozen = createFrozenBaseline(this.champion);
    this.changed();
  }

  challenge(model: OnlineModel, version: number): void {
    this.challenger = model;
    this.challengerVersion = version;
    this.changed();
  }

  /** The challenger leaves (rejected or abandoned) and is released. */
  dropChallenger(): void {
    this.challenger?.dispose?.();
    this.challenger = null;
    this.challengerVersion = null;
    this.changed();
  }

  /** The challenger becomes champion; the champion it replaces shadows it (probation). */
  promote(): void {
    this.previous = this.champion;
    this.previousVersion = this.championVersion;
    this.champion = this.challenger as OnlineModel;
    this.championVersion = this.challengerVersion;
    this.challenger = null;
    this.challengerVersion = null;
    this.changed();
  }

  /** Probation is over: the previous champion is released. */
  endProbation(): void {
    this.previous?.dispose?.();
    this.previous = null;
    this.previousVersion = null;
    this.changed();
  }

  /** A rollback: `model` (restored as `version`) replaces the champion; probation ends. */
  restore(model: OnlineModel, version: number): void {
    this.champion.dispose?.();
    if (this.previous !== this.champion) this.previous?.dispose?.();
    this.champion = model;
    this.championVersion = version;
    this.previous = null;
    this.previousVersion = null;
    this.changed();
  }

  /** End of run: every model is released. */
  dispose(): void {
    for (const m of [this.champion, this.challenger, this.previous, this.frozen]) m?.dispose?.();
  }

  private changed(): void {
    this.layouts = [null, null];
  }
}

function predictOne(
  model: OnlineModel,
  x: Float64Array,
  batch: ModelBatch,
  regime: string | null,
): number {
  if (regime !== null && isRegimeAware(model)) model.setRegime(regime);
  return batch.predict(model, x);
}

/** Whether a model takes the market regime as an input (per-regime ensembles). */
export function isRegimeAware(
  m: OnlineModel,
): m is OnlineModel & { setRegime(regime: string): void } {
  return typeof (m as { setRegime?: unknown }).setRegime === 'function';
}
