import { createFrozenBaseline, type OnlineModel, targetLoss } from '../models/index.ts';
import type { ModelBatch } from './model-batch.ts';
import type { PendingPrediction } from './pending-queue.ts';

/**
 * The models of one symbol by role, with their versions: the `champion` serving, the
 * `challenger` under test, the `previous` champion shadowing a champion on probation, and the
 * `frozen` end-of-warmup baseline. Which roles exist is the lifecycle machine's decision; this
 * only holds the models and releases those that leave.
 */
export class ModelRoles {
  champion: OnlineModel;
  championVersion: number | null = null;
  challenger: OnlineModel | null = null;
  challengerVersion: number | null = null;
  previous: OnlineModel | null = null;
  previousVersion: number | null = null;
  private frozen: OnlineModel | null = null;

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

  /**
   * Requests this tick's prediction of every role on input `x`: roles and versions go to the
   * pending `entry`, the batch slots to `slots`; regime-aware models first learn the regime.
   */
  predict(
    entry: PendingPrediction,
    x: Float64Array,
    batch: ModelBatch,
    slots: number[],
    regime: string | null,
  ): void {
    // the roles of predictors(), without a generator and a tuple per call (every symbol, every bar)
    this.predictOne('champion', this.champion, entry, x, batch, slots, regime);
    if (this.challenger !== null)
      this.predictOne('challenger', this.challenger, entry, x, batch, slots, regime);
    if (this.previous !== null)
      this.predictOne('previous', this.previous, entry, x, batch, slots, regime);
    if (this.frozen !== null)
      this.predictOne('frozen', this.frozen, entry, x, batch, slots, regime);
  }

  private predictOne(
    role: string,
    model: OnlineModel,
    entry: PendingPrediction,
    x: Float64Array,
    batch: ModelBatch,
    slots: number[],
    regime: string | null,
  ): void {
    if (regime !== null && isRegimeAware(model)) model.setRegime(regime);
    entry.roles.push(role);
    entry.versions.push(this.versionOf(role));
    slots.push(batch.predict(model, x));
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
  }

  challenge(model: OnlineModel, version: number): void {
    this.challenger = model;
    this.challengerVersion = version;
  }

  /** The challenger leaves (rejected or abandoned) and is released. */
  dropChallenger(): void {
    this.challenger?.dispose?.();
    this.challenger = null;
    this.challengerVersion = null;
  }

  /** The challenger becomes champion; the champion it replaces shadows it (probation). */
  promote(): void {
    this.previous = this.champion;
    this.previousVersion = this.championVersion;
    this.champion = this.challenger as OnlineModel;
    this.championVersion = this.challengerVersion;
    this.challenger = null;
    this.challengerVersion = null;
  }

  /** Probation is over: the previous champion is released. */
  endProbation(): void {
    this.previous?.dispose?.();
    this.previous = null;
    this.previousVersion = null;
  }

  /** A rollback: `model` (restored as `version`) replaces the champion; probation ends. */
  restore(model: OnlineModel, version: number): void {
    this.champion.dispose?.();
    if (this.previous !== this.champion) this.previous?.dispose?.();
    this.champion = model;
    this.championVersion = version;
    this.previous = null;
    this.previousVersion = null;
  }

  /** End of run: every model is released. */
  dispose(): void {
    for (const m of [this.champion, this.challenger, this.previous, this.frozen]) m?.dispose?.();
  }
}

/** Whether a model takes the market regime as an input (per-regime ensembles). */
export function isRegimeAware(
  m: OnlineModel,
): m is OnlineModel & { setRegime(regime: string): void } {
  return typeof (m as { setRegime?: unknown }).setRegime === 'function';
}
