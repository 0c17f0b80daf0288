import { type PeriodicTimer, scheduleEvery } from '../clock/index.ts';
import type { Clock, EpochMs, OutcomeSink, TimerId } from '../core/index.ts';
import {
  type LifecycleEvent,
  PairedLossTest,
  type PairedTestResult,
  spentAlpha,
  VersionRegistry,
} from '../lifecycle/index.ts';
import {
  createFrozenBaseline,
  encodeSnapshot,
  type ModelSnapshot,
  type OnlineModel,
  targetLoss,
} from '../models/index.ts';
import { buildCandidate, ExampleWindow } from './candidate-builder.ts';
import type { VariantConfig } from './config.ts';
import type { ModelBatch } from './model-batch.ts';
import type { PendingPrediction } from './pending-queue.ts';
import type { RefusalFacts } from './refusal-reason.ts';

export interface DriverDeps {
  readonly variant: VariantConfig;
  readonly champion: OnlineModel;
  readonly symbol: string;
  readonly sink: OutcomeSink;
  readonly clock: Clock;
  /** A fresh, untrained model of the variant's kind, seeded for the given version. */
  readonly build: (version: number) => OnlineModel;
  /** Features per bar (the model input is inputWindow × features). */
  readonly features: number;
  /** What the variant's models predict (their loss: log loss or squared error). */
  readonly target: 'direction' | 'return';
  /** Label horizon in bars (the paired tests account for the overlap of h-bar labels). */
  readonly horizon: number;
  readonly send: (event: LifecycleEvent) => void;
}

type MachineEvent = LifecycleEvent;

/**
 * Does what the lifecycle machine decides, for one symbol: holds the champion, the challenger,
 * the previous champion on probation and the frozen baseline; builds candidates; collects the
 * paired-test and probation evidence; keeps the version registry; records versions and tests.
 * Its `implementations()` are provided to the machine's named actions and guards.
 */
export class LifecycleDriver implements RefusalFacts {
  champion: OnlineModel;
  private challenger: OnlineModel | null = null;
  private previous: OnlineModel | null = null;
  private frozen: OnlineModel | null = null;
  private championVersion: number | null = null;
  private challengerVersion: number | null = null;
  private previousVersion: number | null = null;
  private readonly registry: VersionRegistry<ModelSnapshot>;
  private readonly deps: DriverDeps;
  private recent: ExampleWindow;
  private changeTs: number | undefined;
  /** Where the current change began (set by the monitors before a drift signal). */
  changePoint: EpochMs | null = null;
  private test: PairedLossTest | null = null;
  private testStartedTs: EpochMs | null = null;
  /** Tests started for this symbol so far (the family-wise level of the next one depends on it). */
  private testsStarted = 0;
  private updateReason = 'manual';
  private latencyLeft = -1;
  private barsSinceUpdate = 0;
  private safe = false;
  private probationLabels = 0;
  private probationDiff = 0;
  private decidedByValidate = false;
  /** Market-time schedule of the periodic policy (`lifecycle.every`). */
  private schedule: PeriodicTimer | null = null;
  /** Market-time build of an update (`lifecycle.updateLatencyTime`). */
  private buildTimer: TimerId | null = null;

  constructor(deps: DriverDeps) {
    this.deps = deps;
    this.champion = deps.champion;
    this.recent = new ExampleWindow(
      deps.variant.lifecycle.recentWindow,
      deps.champion.inputWindow * deps.features,
    );
    this.registry = new VersionRegistry<ModelSnapshot>(
      deps.variant.lifecycle.keepSnapshots,
      (version, snapshot) => {
        deps.sink.write({
          type: 'snapshot',
          variant: deps.variant.name,
          symbol: deps.symbol,
          ts: this.now(),
          version,
          kind: snapshot.kind,
          snapshot: encodeSnapshot(snapshot),
        });
      },
    );
  }

  get minSamples(): number {
    return this.deps.variant.lifecycle.test.minSamples;
  }

  get testSamples(): number {
    return this.test?.samples ?? 0;
  }

  versionOf(role: string): number | null {
    if (role === 'champion') return this.championVersion;
    if (role === 'challenger') return this.challengerVersion;
    if (role === 'previous') return this.previousVersion;
    if (role === 'frozen') return this.frozen === null ? null : 1;
    return null;
  }

  restorableVersions(): number[] {
    return this.registry
      .all()
      .map((r) => r.version)
      .filter((v) => this.registry.rollbackTarget(v) !== null);
  }

  /** Models that predict this tick, by role. */
  *predictors(): Generator<[string, OnlineModel]> {
    yield ['champion', this.champion];
    if (this.challenger !== null) yield ['challenger', this.challenger];
    if (this.previous !== null) yield ['previous', this.previous];
    if (this.frozen !== null) yield ['frozen', this.frozen];
  }

  /**
   * A label matured: test and probation evidence first (a decision may swap the champion), then
   * learning requests for the models serving after it, and the recent-examples window.
   */
  onLabel(p: PendingPrediction, y: number, batch: ModelBatch): void {
    const { lifecycle } = this.deps.variant;
    const champLoss = this.lossOf(p, 'champion', this.championVersion, y);
    const chLoss = this.lossOf(p, 'challenger', this.challengerVersion, y);
    if (this.test !== null && champLoss !== null && chLoss !== null) {
      this.test.add(champLoss, chLoss);
      if (this.test.result().decision !== 'continue') this.deps.send({ type: 'test.check' });
    }
    const prevLoss = this.lossOf(p, 'previous', this.previousVersion, y);
    if (champLoss !== null && prevLoss !== null) this.onProbationLabel(champLoss - prevLoss);
    const warmup = this.championVersion === null;
    if (warmup || (lifecycle.onlineLearning && !this.safe)) batch.learn(this.champion, p.x, y);
    if (this.challenger !== null && lifecycle.onlineLearning) batch.learn(this.challenger, p.x, y);
    this.recent.push(p.x, y, p.ts);
  }

  /** Changes how many resolved examples are kept for building challengers (newest kept). */
  resizeRecent(capacity: number): void {
    this.recent = this.recent.resized(capacity);
  }

  /** Sizes of the bounded buffers (invariant 7). */
  sizes(): { recent: number; snapshots: number; versions: number } {
    return {
      recent: this.recent.size,
      snapshots: this.registry.snapshotCount,
      versions: this.registry.size,
    };
  }

  /** Once per bar after warmup: schedules and the build of a pending update. */
  onBar(ts: EpochMs): void {
    const { lifecycle } = this.deps.variant;
    this.barsSinceUpdate++;
    if (
      lifecycle.policy === 'periodic' &&
      lifecycle.periodMs === null &&
      this.barsSinceUpdate >= lifecycle.periodBars &&
      this.latencyLeft < 0 &&
      this.challenger === null
    ) {
      this.deps.send({ type: 'schedule.due' });
    }
    if (this.latencyLeft >= 0 && this.latencyLeft-- === 0) this.completeBuild(ts);
  }

  /** End of run: the final state of every version goes to `model_versions`; models are released. */
  finish(_ts: EpochMs): void {
    this.schedule?.cancel();
    if (this.buildTimer !== null) this.deps.clock.clearTimeout(this.buildTimer);
    for (const m of [
      this.champion,
      this.challenger,
      this.previous,
      this.frozen,
      this.pendingCandidate,
    ])
      m?.dispose?.();
    const { sink, symbol, variant } = this.deps;
    for (const r of this.registry.all()) {
      sink.write({
        type: 'version',
        variant: variant.name,
        symbol,
        version: r.version,
        parentVersion: r.parentVersion,
        createdTs: r.createdTs,
        promotedTs: r.promotedTs,
        retiredTs: r.retiredTs,
        reason: r.reason,
        metrics: r.metrics,
      });
    }
  }

  /** Action and guard implementations for `lifecycleMachine.provide()`. */
  implementations() {
    return {
      actions: {
        activateChampion: () => this.activateChampion(),
        startCandidate: (_: unknown, params: { reason: string }) =>
          this.startCandidate(params.reason),
        startTest: () => this.startTest(),
        discardCandidate: (_: unknown, params: { reason: string }) =>
          this.discardCandidate(params.reason),
        promoteChallenger: (_: unknown, params: { forced: boolean }) =>
          this.promoteChallenger(params.forced),
        restoreVersion: ({ event }: { event: MachineEvent }) =>
          this.restoreVersion(
            event.type === 'cmd.rollback' ? event.version : undefined,
            event.type,
          ),
        endProbation: () => this.endProbation(),
        enterSafe: () => {
          this.safe = true;
        },
        leaveSafe: () => {
          this.safe = false;
        },
      },
      guards: {
        canRollback: ({ event }: { event: MachineEvent }) =>
          this.registry.rollbackTarget(
            event.type === 'cmd.rollback' ? event.version : undefined,
          ) !== null,
        testDecided: () => (this.test?.result().decision ?? 'continue') !== 'continue',
        testPassed: ({ event }: { event: MachineEvent }) =>
          this.testPasses(event.type === 'cmd.validate'),
        hasMinSamples: () => this.testSamples >= this.minSamples,
      },
    };
  }

  private now(): EpochMs {
    return this.deps.clock.now();
  }

  private lossOf(
    p: PendingPrediction,
    role: string,
    version: number | null,
    y: number,
  ): number | null {
    const i = p.roles.indexOf(role);
    if (i < 0 || version === null || p.versions[i] !== version) return null;
    return targetLoss(this.deps.target, p.scores[i] as number, y);
  }

  private testPasses(validateNow: boolean): boolean {
    if (this.test === null || this.test.samples < this.minSamples) return false;
    this.decidedByValidate = validateNow;
    return (validateNow ? this.test.validateNow() : this.test.result()).decision === 'promote';
  }

  private activateChampion(): void {
    const ts = this.now();
    const v = this.registry.create(null, 'initial', ts, null);
    this.registry.promote(v, ts);
    this.championVersion = v;
    this.versionEvent(v, 'created', 'initial');
    this.versionEvent(v, 'promoted', 'end of warmup');
    this.frozen = createFrozenBaseline(this.champion);
    const { policy, periodMs } = this.deps.variant.lifecycle;
    if (policy === 'periodic' && periodMs !== null) {
      // Fires from the clock (replay or live) between bars; the machine ignores it unless serving.
      this.schedule = scheduleEvery(this.deps.clock, periodMs, () =>
        this.deps.send({ type: 'schedule.due' }),
      );
    }
  }

  private startCandidate(reason: string): void {
    this.updateReason = reason;
    this.changeTs = reason === 'drift' ? (this.changePoint ?? this.now()) : this.now();
    const { updateLatency, updateLatencyMs } = this.deps.variant.lifecycle;
    if (updateLatencyMs !== null) {
      this.latencyLeft = -1;
      this.buildTimer = this.deps.clock.setTimeout(() => {
        this.buildTimer = null;
        this.completeBuild(this.now());
      }, updateLatencyMs);
    } else {
      this.latencyLeft = updateLatency;
    }
    this.barsSinceUpdate = 0;
  }

  private completeBuild(_ts: EpochMs): void {
    const { lifecycle } = this.deps.variant;
    const candidate = buildCandidate(
      lifecycle.builder,
      this.champion,
      () => this.deps.build(this.registry.size + 1),
      this.recent,
      lifecycle.epochs,
      this.changeTs,
    );
    this.pendingCandidate = candidate;
    this.deps.send(
      candidate === null
        ? { type: 'candidate.failed', reason: 'not enough resolved examples' }
        : { type: 'candidate.ready' },
    );
  }

  private pendingCandidate: OnlineModel | null = null;

  private startTest(): void {
    const ts = this.now();
    const model = this.pendingCandidate;
    this.pendingCandidate = null;
    if (model === null) return;
    const v = this.registry.create(this.championVersion, this.updateReason, ts, null);
    this.versionEvent(
      v,
      'created',
      `${this.updateReason} (${this.deps.variant.lifecycle.builder})`,
    );
    this.challenger = model;
    this.challengerVersion = v;
    const config = this.deps.variant.lifecycle.test;
    this.testsStarted++;
    const level = config.familywise ? spentAlpha(config.alpha, this.testsStarted) : config.alpha;
    this.test = new PairedLossTest(config, { horizon: this.deps.horizon, level });
    this.testStartedTs = ts;
  }

  private discardCandidate(reason: string): void {
    this.latencyLeft = -1;
    if (this.buildTimer !== null) {
      this.deps.clock.clearTimeout(this.buildTimer);
      this.buildTimer = null;
    }
    this.pendingCandidate?.dispose?.();
    this.pendingCandidate = null;
    this.challenger?.dispose?.();
    if (this.challengerVersion !== null) {
      if (this.test !== null && reason === 'test rejected')
        this.recordTest(
          this.decidedByValidate ? this.test.validateNow() : this.test.result(),
          'reject',
          this.decidedByValidate ? 'dm (validate command)' : this.test.config.method,
        );
      this.registry.discard(this.challengerVersion, this.now());
      this.versionEvent(this.challengerVersion, 'discarded', reason);
    }
    this.challenger = null;
    this.challengerVersion = null;
    this.test = null;
    this.decidedByValidate = false;
  }

  private promoteChallenger(forced: boolean): void {
    const ts = this.now();
    const challenger = this.challenger;
    const v = this.challengerVersion;
    if (challenger === null || v === null || this.test === null) return;
    const result = this.decidedByValidate ? this.test.validateNow() : this.test.result();
    const method = forced
      ? 'manual override'
      : this.decidedByValidate
        ? 'dm (validate command)'
        : this.test.config.method;
    this.recordTest(result, 'promote', method);
    const metrics = JSON.stringify({
      test: method,
      n: result.n,
      statistic: result.statistic,
      p_value: result.pValue,
      mean_loss_gain: result.meanDiff,
      forced,
    });
    this.registry.promote(v, ts, this.champion.snapshot(), metrics);
    if (this.championVersion !== null)
      this.versionEvent(this.championVersion, 'retired', `replaced by v${v}`);
    this.versionEvent(v, 'promoted', forced ? 'forced by command' : `won the ${method} test`);
    this.previous = this.champion;
    this.previousVersion = this.championVersion;
    this.champion = challenger;
    this.championVersion = v;
    this.challenger = null;
    this.challengerVersion = null;
    this.test = null;
    this.decidedByValidate = false;
    this.probationLabels = 0;
    this.probationDiff = 0;
  }

  private onProbationLabel(lossDiff: number): void {
    const { probationBars, probationMargin } = this.deps.variant.lifecycle;
    this.probationLabels++;
    this.probationDiff += lossDiff;
    if (this.probationLabels < probationBars) return;
    const mean = this.probationDiff / this.probationLabels;
    if (mean > probationMargin)
      this.deps.send({
        type: 'probation.failed',
        message: `mean loss ${mean.toFixed(4)} worse than v${this.previousVersion}`,
      });
    else this.deps.send({ type: 'probation.passed' });
  }

  private endProbation(): void {
    this.previous?.dispose?.();
    this.previous = null;
    this.previousVersion = null;
  }

  private restoreVersion(target: number | undefined, cause: string): void {
    const ts = this.now();
    const version = this.registry.rollbackTarget(target);
    if (version === null || this.championVersion === null) return;
    const outgoing = this.championVersion;
    const snapshot = this.registry.restore(version, ts, this.champion.snapshot());
    this.versionEvent(outgoing, 'retired', `rolled back (${cause})`);
    const restored = this.deps.build(version);
    restored.restore(snapshot);
    this.champion.dispose?.();
    if (this.previous !== this.champion) this.previous?.dispose?.();
    this.champion = restored;
    this.championVersion = version;
    this.previous = null;
    this.previousVersion = null;
    this.versionEvent(version, 'restored', `rollback from v${outgoing}`);
  }

  private recordTest(r: PairedTestResult, decision: 'promote' | 'reject', method: string): void {
    const { sink, symbol, variant } = this.deps;
    sink.write({
      type: 'ab_test',
      variant: variant.name,
      symbol,
      startedTs: this.testStartedTs ?? this.now(),
      endedTs: this.now(),
      championVersion: this.championVersion ?? 0,
      challengerVersion: this.challengerVersion ?? 0,
      n: r.n,
      statistic: r.statistic,
      pValue: r.pValue,
      decision,
      method,
      alpha: r.level,
      testIndex: this.testsStarted,
      horizon: this.deps.horizon,
      df: r.df,
      meanDiff: r.meanDiff,
    });
  }

  private versionEvent(
    version: number,
    event: 'created' | 'promoted' | 'retired' | 'discarded' | 'restored',
    detail: string,
  ): void {
    const { sink, symbol, variant } = this.deps;
    sink.write({
      type: 'version_event',
      variant: variant.name,
      symbol,
      ts: this.now(),
      version,
      event,
      detail,
    });
  }
}
