import type { Bar, Clock, LifecycleState, Random } from '../core/index.ts';
import { fillPrice } from '../backtest/index.ts';
import { FeaturePipeline } from '../features/index.ts';
import type { CommandResult, LifecycleCommand } from '../lifecycle/index.ts';
import { ClassificationMetrics } from '../metrics/index.ts';
import { type BankRegistry, NaiveDirection, type OnlineModel } from '../models/index.ts';
import type { DriftMonitorSpec, EngineConfig, VariantConfig } from './config.ts';
import { FeatureHistory } from './feature-history.ts';
import type { LifecycleDriver } from './lifecycle-driver.ts';
import type { ModelBatch } from './model-batch.ts';
import { buildModel, directionScore } from './model-factory.ts';
import { isRegimeAware, MAX_ROLES, type ModelRoles } from './model-roles.ts';
import { type PendingPrediction, PendingQueue } from './pending-queue.ts';
import type { PhaseSinks } from './phase-sinks.ts';
import { StrategyBooks } from './strategy-books.ts';
import { SymbolLifecycle } from './symbol-lifecycle.ts';
import { type MonitorSignal, SymbolMonitors } from './symbol-monitors.ts';
import type { SymbolStatus } from './symbol-status.ts';
import { TickRecorder } from './tick-recorder.ts';

export interface SymbolActorDeps {
  readonly config: EngineConfig;
  readonly variant: VariantConfig;
  readonly symbol: string;
  /** The primary variant also computes the baselines. */
  readonly primary: boolean;
  readonly clock: Clock;
  /** One sink per tick phase (phase-sinks.ts). */
  readonly sinks: PhaseSinks;
  readonly random: Random;
  /** Neural banks shared by the engine's models (their batched kernels). */
  readonly banks: BankRegistry;
}

/**
 * One symbol of one variant: features, models, pending labels, books and the lifecycle machine.
 * A clock tick runs in three phases so models of all symbols can be computed in batches:
 * {@link resolve} (labels that matured → metrics, test evidence, learning requests),
 * {@link observe} (features → prediction requests), {@link settle} (books, lifecycle events).
 * The tick itself never goes through the machine; only state-changing events do.
 */
export class SymbolActor {
  readonly symbol: string;
  readonly variant: VariantConfig;
  private readonly deps: SymbolActorDeps;
  private readonly features: FeaturePipeline;
  private readonly history: FeatureHistory;
  private readonly pending: PendingQueue;
  private readonly books: StrategyBooks;
  private readonly metrics = new ClassificationMetrics();
  private readonly naive: NaiveDirection | null;
  private readonly driver: LifecycleDriver;
  /** The models by role (the lifecycle decides the roles). */
  private readonly roles: ModelRoles;
  private readonly monitors: SymbolMonitors;
  private readonly signals: MonitorSignal[] = [];
  private readonly lifecycle: SymbolLifecycle;
  private readonly recorder: TickRecorder;
  private barIndex = -1;
  /** Prediction slots of the current tick, in the order of the current entry's roles. */
  private readonly slots = new Int32Array(MAX_ROLES);
  /** How many of {@link slots} this tick uses. */
  private slotCount = 0;
  /** Up-probability of a role's score, for the books (bound once, not per tick). */
  private readonly upOf = (role: string, score: number): number =>
    role === 'naive' ? score : this.upProbability(score);
  /** The entry of this tick's predictions, between observe and settle. */
  private current: PendingPrediction | null = null;
  /** What the variant's models predict: up-probability or return forecast. */
  private readonly target: 'direction' | 'return';
  /** The variant's models take the market regime as an input (per-regime ensembles). */
  private readonly regimeAware: boolean;

  constructor(deps: SymbolActorDeps) {
    this.deps = deps;
    this.symbol = deps.symbol;
    this.variant = deps.variant;
    const { config, variant, primary } = deps;
    this.features = new FeaturePipeline(config.features);
    const seedOf = (version: number): number => deps.random.fork(`v${version}`).int(2 ** 31);
    const champion = buildModel(variant.model, this.features.size, seedOf(1), deps.banks);
    this.target = champion.target ?? 'direction';
    this.recorder = new TickRecorder({
      symbol: deps.symbol,
      sink: deps.sinks.predict,
      variant: variant.name,
      target: this.target,
    });
    this.regimeAware = isRegimeAware(champion);
    this.history = new FeatureHistory(champion.inputWindow, this.features.size);
    this.pending = new PendingQueue(champion.inputWindow * this.features.size);
    this.naive =
      primary && config.baselines.includes('naive')
        ? new NaiveDirection(config.features.returnLags.indexOf(1))
        : null;
    this.books = StrategyBooks.of(
      deps.symbol,
      variant.name,
      primary ? config.baselines : [],
      config.book,
      config.position,
      deps.sinks.book,
    );
    this.monitors = new SymbolMonitors(
      config.monitoring,
      this.features.names,
      deps.symbol,
      variant.name,
      deps.sinks.monitor,
      deps.random,
    );
    // fields named, not spread: one hidden class for every symbol's deps (core/with-defaults.ts)
    this.lifecycle = new SymbolLifecycle({
      variant,
      symbol: deps.symbol,
      clock: deps.clock,
      sink: deps.sinks.lifecycle,
      champion,
      build: (version) =>
        buildModel(variant.model, this.features.size, seedOf(version), deps.banks),
      target: this.target,
      horizon: config.horizon,
      features: this.features.size,
    });
    this.driver = this.lifecycle.driver;
    this.roles = this.driver.roles;
  }

  /**
   * Phase 1: labels whose horizon has come → metrics, test evidence and learning requests.
   *
   * With `label: traded` (the default) a prediction made at bar t decides the position filled
   * at bar t+1, so its label is the move from that fill to the fill h bars later:
   * price(t+1) → price(t+1+h), price being the close (`next_close`) or the open (`next_open`,
   * the close where the open is missing, as the book fills). It is known, and learned, at bar
   * t+1+h. With `label: forecast` it is close(t) → close(t+h), known at t+h.
   */
  resolve(bar: Bar, batch: ModelBatch): void {
    this.barIndex++;
    const { horizon: h, label } = this.deps.config;
    const price = label === 'traded' ? fillPrice(this.deps.config.book.fill, bar) : bar.close;
    if (label === 'traded') {
      const newest = this.pending.newest;
      if (newest !== undefined && newest.barIndex === this.barIndex - 1) newest.entry = price;
    }
    const due = this.barIndex - h - (label === 'traded' ? 1 : 0);
    for (let p = this.pending.shiftDue(due); p !== undefined; p = this.pending.shiftDue(due)) {
      const up = price > p.entry ? 1 : 0;
      const y = this.target === 'return' ? Math.log(price / p.entry) : up;
      this.recorder.predictions(p, up, y, bar.ts);
      const c = p.roles.indexOf('champion');
      if (c >= 0) {
        const f = p.roles.indexOf('frozen');
        this.metrics.update(this.upProbability(p.scores[c] as number), up);
        this.monitors.onLabel(
          bar.ts,
          this.upProbability(p.scores[c] as number),
          f >= 0 ? this.upProbability(p.scores[f] as number) : null,
          up,
          this.signals,
        );
      }
      this.driver.onLabel(p, y, batch);
      this.pending.release(p); // reused from the next observe, after the learning flush
    }
    this.dispatchSignals();
  }

  /** Phase 2: features, warmup exit, prediction requests. */
  observe(bar: Bar, batch: ModelBatch): void {
    this.monitors.onBar(bar, this.signals);
    this.features.update(bar.close);
    this.slotCount = 0;
    this.current = null;
    if (!this.features.ready) {
      this.dispatchSignals();
      return;
    }
    const values = this.features.values();
    this.monitors.onFeatures(bar.ts, values, this.signals);
    this.dispatchSignals();
    this.history.push(values);
    if (!this.history.full) return;
    const entry = this.pending.acquire();
    const x = this.history.inputInto(entry.x);
    this.current = entry;
    if (this.state === 'warmup' && this.barIndex + 1 >= this.variant.lifecycle.warmupBars)
      this.lifecycle.send({ type: 'warmup.done' });
    if (this.state === 'warmup') return;
    const regime = this.regimeAware ? this.monitors.regime : null;
    const layout = this.roles.layout(this.naive !== null);
    entry.roles = layout.roles;
    entry.versions = layout.versions;
    let n = this.roles.predict(x, batch, this.slots, regime);
    if (this.naive !== null) this.slots[n++] = batch.predict(this.naive, x);
    this.slotCount = n;
  }

  /** Phase 3: record the predictions, mark and re-order the books, fire due lifecycle events. */
  settle(bar: Bar, batch: ModelBatch): void {
    const entry = this.current;
    if (entry === null) return;
    this.current = null;
    for (let i = 0; i < this.slotCount; i++) entry.scores[i] = batch.score(this.slots[i] as number);
    entry.barIndex = this.barIndex;
    entry.ts = bar.ts;
    entry.close = bar.close;
    entry.entry = this.deps.config.label === 'traded' ? Number.NaN : bar.close;
    this.pending.push(entry);
    if (this.state === 'warmup') return;
    this.books.mark(bar);
    this.books.order(entry.roles, entry.scores, this.upOf);
    this.recorder.weights(this.roles.champion, bar.ts, this.monitors.regime);
    this.lifecycle.onBar();
  }

  /** End of the run: predictions whose horizon never came are recorded with a NULL label. */
  finish(): void {
    for (const p of this.pending.drain()) this.recorder.predictions(p, null, null, null);
    this.lifecycle.finish();
  }

  /** Applies a user command, or refuses it with the reason the machine gives. */
  command(cmd: LifecycleCommand): CommandResult {
    return this.lifecycle.command(cmd);
  }

  /**
   * Delivers a monitoring signal to the machine (drift detectors, degradation rules and the
   * data-quality gate call this; tests too). The machine decides whether it applies.
   */
  signal(event: MonitorSignal): void {
    this.lifecycle.send(event);
  }

  /**
   * Reconfigures monitoring and buffers while running (the control API): replaces the drift
   * detectors, resizes the recent-examples window. Recorded as an `config` alert.
   *
   * @throws {InputError} for a bad detector spec.
   */
  reconfigure(change: { drift?: readonly DriftMonitorSpec[]; recentWindow?: number }): void {
    const parts: string[] = [];
    if (change.drift !== undefined) {
      this.monitors.replaceDrift(change.drift);
      parts.push(
        `drift detectors: ${change.drift.map((d) => `${d.detector} on ${d.on === 'feature' ? d.feature : d.on} ${JSON.stringify(d.params)}`).join(', ') || 'none'}`,
      );
    }
    if (change.recentWindow !== undefined) {
      this.driver.resizeRecent(change.recentWindow);
      parts.push(`recent window ${change.recentWindow}`);
    }
    if (parts.length > 0) this.driver.alert('config', 'info', `reconfigured: ${parts.join('; ')}`);
  }

  /** The drift detectors being fed. */
  get driftSpecs(): DriftMonitorSpec[] {
    return this.monitors.driftSpecs;
  }

  /** Sizes of this actor's bounded buffers (invariant 7). */
  sizes(): { pending: number; recent: number; snapshots: number; versions: number } {
    return { pending: this.pending.size, ...this.driver.sizes() };
  }

  get state(): LifecycleState {
    return this.lifecycle.stage;
  }

  status(): SymbolStatus {
    return {
      variant: this.variant.name,
      symbol: this.symbol,
      state: this.state,
      championVersion: this.roles.versionOf('champion'),
      challengerVersion: this.roles.versionOf('challenger'),
      regime: this.monitors.regime,
      bars: this.barIndex + 1,
      metrics: this.metrics.summary(),
    };
  }

  /** The serving champion (for tests and the API). */
  get champion(): OnlineModel {
    return this.roles.champion;
  }

  private dispatchSignals(): void {
    if (this.signals.length === 0) return;
    this.lifecycle.deliver(this.signals, this.monitors.changeTs);
    this.signals.length = 0;
  }

  /** Up-probability of a score of the variant's models (a return forecast is mapped, see model-factory). */
  private upProbability(score: number): number {
    return directionScore(this.roles.champion, score, this.deps.config.returnScale);
  }
}
