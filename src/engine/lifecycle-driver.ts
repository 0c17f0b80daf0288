import type { Clock, EpochMs, OutcomeSink } from '../core/index.ts';
import {
  type Candidate,
  fromSync,
  type LifecycleEvent,
  type LifecycleStage,
  PairedLossTest,
  type PairedTestResult,
  type RefusalFacts,
  spentAlpha,
  type UpdateReason,
} from '../lifecycle/index.ts';
import { createFrozenBaseline, type OnlineModel, targetLoss } from '../models/index.ts';
import { type BarClock, barTimerLogic } from './bar-clock.ts';
import { buildCandidate, ExampleWindow } from './candidate-builder.ts';
import type { VariantConfig } from './config.ts';
import type { ModelBatch } from './model-batch.ts';
import type { PendingPrediction } from './pending-queue.ts';
import { VersionLog } from './version-log.ts';

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
  /** Delivers evidence (test results, probation verdicts) to the machine. */
  readonly send: (event: LifecycleEvent) => void;
  /** The machine's stage now (the machine is the only source of it). */
  readonly stage: () => LifecycleStage;
}

/** What an action's implementation receives from XState that the driver reads. */
interface ActionArgs {
  readonly event: LifecycleEvent;
  readonly self: { send(event: LifecycleEvent): void };
}

const resultOf = (e: LifecycleEvent): PairedTestResult | undefined =>
  e.type === 'test.check' || e.type === 'cmd.validate' ? e.result : undefined;

/**
 * Adapts the lifecycle machine to one symbol's models: it does what the machine decides. Holds
 * the champion, the challenger, the previous champion shadowing a promotion on probation and
 * the frozen baseline; builds candidates (the machine's `buildCandidate` actor); collects the
 * paired-test and probation evidence and sends it as events; keeps and records the versions.
 * It decides nothing: {@link implementations} go to `lifecycleMachine.provide()`.
 */
export class LifecycleDriver {
  champion: OnlineModel;
  private challenger: OnlineModel | null = null;
  private previous: OnlineModel | null = null;
  private frozen: OnlineModel | null = null;
  private championVersion: number | null = null;
  private challengerVersion: number | null = null;
  private previousVersion: number | null = null;
  private readonly versions: VersionLog;
  private readonly deps: DriverDeps;
  private recent: ExampleWindow;
  private changeTs: number | undefined;
  /** Where the current change began (set by the monitors before a drift signal). */
  changePoint: EpochMs | null = null;
  private test: PairedLossTest | null = null;
  private testStartedTs: EpochMs | null = null;
  /** Tests started for this symbol so far (the family-wise level of the next one depends on it). */
  private testsStarted = 0;
  private updateReason: UpdateReason = 'manual';
  private probationLabels = 0;
  private probationDiff = 0;

  constructor(deps: DriverDeps) {
    this.deps = deps;
    this.champion = deps.champion;
    const { lifecycle, name } = deps.variant;
    this.recent = new ExampleWindow(
      lifecycle.recentWindow,
      deps.champion.inputWindow * deps.features,
    );
    this.versions = new VersionLog({
      variant: name,
      symbol: deps.symbol,
      sink: deps.sink,
      clock: deps.clock,
      keepSnapshots: lifecycle.keepSnapshots,
    });
  }

  versionOf(role: string): number | null {
    if (role === 'champion') return this.championVersion;
    if (role === 'challenger') return this.challengerVersion;
    if (role === 'previous') return this.previousVersion;
    if (role === 'frozen') return this.frozen === null ? null : 1;
    return null;
  }

  /** What a refusal may name (see `refusalReason`). */
  refusalFacts(): RefusalFacts {
    return { challenger: this.challengerVersion, restorable: this.versions.restorable() };
  }

  /**
   * A command event with the evidence the machine's guards read: `validate` gets the DM test on
   * every pair so far (when a test runs), `rollback` the version it would restore.
   */
  withEvidence(event: LifecycleEvent): LifecycleEvent {
    if (event.type === 'cmd.rollback')
      return { ...event, target: this.versions.registry.rollbackTarget(event.version) };
    const result = event.type === 'cmd.validate' ? this.test?.validateNow() : undefined;
    return result === undefined ? event : { type: 'cmd.validate', result };
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
      const result = this.test.result();
      if (result.decision !== 'continue') this.deps.send({ type: 'test.check', result });
    }
    const prevLoss = this.lossOf(p, 'previous', this.previousVersion, y);
    if (champLoss !== null && prevLoss !== null) this.onProbationLabel(champLoss - prevLoss);
    const stage = this.deps.stage();
    if (stage === 'warmup' || (lifecycle.onlineLearning && stage !== 'safe'))
      batch.learn(this.champion, p.x, y);
    if (this.challenger !== null && lifecycle.onlineLearning) batch.learn(this.challenger, p.x, y);
    this.recent.push(p.x, y, p.ts);
  }

  /** Changes how many resolved examples are kept for building challengers (newest kept). */
  resizeRecent(capacity: number): void {
    this.recent = this.recent.resized(capacity);
  }

  /** Sizes of the bounded buffers (invariant 7). */
  sizes(): { recent: number; snapshots: number; versions: number } {
    const { registry } = this.versions;
    return { recent: this.recent.size, snapshots: registry.snapshotCount, versions: registry.size };
  }

  /** End of run: the final state of every version goes to `model_versions`; models are released. */
  finish(): void {
    for (const m of [this.champion, this.challenger, this.previous, this.frozen]) m?.dispose?.();
    this.versions.finish();
  }

  /** Actions and actors for `lifecycleMachine.provide()`, bar delays on `bars`. */
  implementations(bars: BarClock) {
    return {
      actions: {
        activateChampion: () => this.activateChampion(),
        startCandidate: (_: unknown, params: { reason: UpdateReason }) =>
          this.startCandidate(params.reason),
        startTest: (_: unknown, params: { candidate: Candidate }) =>
          this.startTest(params.candidate as OnlineModel),
        discardCandidate: ({ event }: ActionArgs, params: { reason: string }) =>
          this.discardCandidate(params.reason, event),
        promoteChallenger: ({ event, self }: ActionArgs, params: { forced: boolean }) =>
          this.report(self, 'promoteChallenger', this.promoteChallenger(params.forced, event)),
        restoreVersion: ({ event, self }: ActionArgs) =>
          this.report(self, 'restoreVersion', this.restoreVersion(event)),
        endProbation: () => this.endProbation(),
        reportFailure: ({ event }: ActionArgs) => this.reportFailure(event),
      },
      actors: {
        buildCandidate: fromSync<Candidate>(() => this.buildCandidate()),
        barTimer: barTimerLogic(bars),
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

  /** An action that could not do its work tells the machine (`action.failed`). */
  private report(self: ActionArgs['self'], action: string, failure: string | null): void {
    if (failure !== null) self.send({ type: 'action.failed', action, reason: failure });
  }

  private activateChampion(): void {
    const ts = this.now();
    const { registry } = this.versions;
    const v = registry.create(null, 'initial', ts, null);
    registry.promote(v, ts);
    this.championVersion = v;
    this.versions.event(v, 'created', 'initial');
    this.versions.event(v, 'promoted', 'end of warmup');
    this.frozen = createFrozenBaseline(this.champion);
  }

  private startCandidate(reason: UpdateReason): void {
    this.updateReason = reason;
    this.changeTs = reason === 'drift' ? (this.changePoint ?? this.now()) : this.now();
  }

  /** The `buildCandidate` actor: the challenger, or an error when it cannot be built. */
  private buildCandidate(): OnlineModel {
    const { lifecycle } = this.deps.variant;
    const candidate = buildCandidate(
      lifecycle.builder,
      this.champion,
      () => this.deps.build(this.versions.registry.size + 1),
      this.recent,
      lifecycle.epochs,
      this.changeTs,
    );
    if (candidate === null) throw new Error('not enough resolved examples');
    return candidate;
  }

  private startTest(model: OnlineModel): void {
    const ts = this.now();
    const v = this.versions.registry.create(this.championVersion, this.updateReason, ts, null);
    const { builder, test: config } = this.deps.variant.lifecycle;
    this.versions.event(v, 'created', `${this.updateReason} (${builder})`);
    this.challenger = model;
    this.challengerVersion = v;
    this.testsStarted++;
    const level = config.familywise ? spentAlpha(config.alpha, this.testsStarted) : config.alpha;
    this.test = new PairedLossTest(config, { horizon: this.deps.horizon, level });
    this.testStartedTs = ts;
  }

  private discardCandidate(reason: string, event: LifecycleEvent): void {
    this.challenger?.dispose?.();
    const result = resultOf(event);
    if (this.challengerVersion !== null) {
      if (this.test !== null && reason === 'test rejected' && result !== undefined)
        this.recordTest(result, 'reject', this.methodOf(event, this.test));
      this.versions.registry.discard(this.challengerVersion, this.now());
      this.versions.event(this.challengerVersion, 'discarded', reason);
    }
    this.challenger = null;
    this.challengerVersion = null;
    this.test = null;
  }

  private methodOf(event: LifecycleEvent, test: PairedLossTest): string {
    return event.type === 'cmd.validate' ? 'dm (validate command)' : test.config.method;
  }

  private promoteChallenger(forced: boolean, event: LifecycleEvent): string | null {
    const ts = this.now();
    const { challenger, challengerVersion: v, test } = this;
    if (challenger === null || v === null || test === null) return 'no challenger under test';
    const result = forced ? test.result() : (resultOf(event) ?? test.result());
    const method = forced ? 'manual override' : this.methodOf(event, test);
    this.recordTest(result, 'promote', method);
    const metrics = JSON.stringify({
      test: method,
      n: result.n,
      statistic: result.statistic,
      p_value: result.pValue,
      mean_loss_gain: result.meanDiff,
      forced,
    });
    this.versions.registry.promote(v, ts, this.champion.snapshot(), metrics);
    if (this.championVersion !== null)
      this.versions.event(this.championVersion, 'retired', `replaced by v${v}`);
    this.versions.event(v, 'promoted', forced ? 'forced by command' : `won the ${method} test`);
    this.previous = this.champion;
    this.previousVersion = this.championVersion;
    this.champion = challenger;
    this.championVersion = v;
    this.challenger = null;
    this.challengerVersion = null;
    this.test = null;
    this.probationLabels = 0;
    this.probationDiff = 0;
    return null;
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
        target: this.versions.registry.rollbackTarget(),
      });
    else this.deps.send({ type: 'probation.passed' });
  }

  private endProbation(): void {
    this.previous?.dispose?.();
    this.previous = null;
    this.previousVersion = null;
  }

  private restoreVersion(event: LifecycleEvent): string | null {
    const ts = this.now();
    const { registry } = this.versions;
    const version =
      event.type === 'cmd.rollback' || event.type === 'probation.failed' ? event.target : null;
    // The machine only rolls back to a kept version; a target gone since is reported, not ignored.
    if (
      version == null ||
      registry.rollbackTarget(version) !== version ||
      this.championVersion === null
    )
      return `v${version} cannot be restored`;
    const outgoing = this.championVersion;
    const snapshot = registry.restore(version, ts, this.champion.snapshot());
    this.versions.event(outgoing, 'retired', `rolled back (${event.type})`);
    const restored = this.deps.build(version);
    restored.restore(snapshot);
    this.champion.dispose?.();
    if (this.previous !== this.champion) this.previous?.dispose?.();
    this.champion = restored;
    this.championVersion = version;
    this.previous = null;
    this.previousVersion = null;
    this.versions.event(version, 'restored', `rollback from v${outgoing}`);
    return null;
  }

  private reportFailure(event: LifecycleEvent): void {
    if (event.type !== 'action.failed') return;
    this.deps.sink.write({
      type: 'alert',
      variant: this.deps.variant.name,
      symbol: this.deps.symbol,
      ts: this.now(),
      kind: 'lifecycle',
      severity: 'critical',
      message: `${event.action} could not run: ${event.reason}`,
    });
  }

  private recordTest(r: PairedTestResult, decision: 'promote' | 'reject', method: string): void {
    this.versions.test(r, decision, method, {
      startedTs: this.testStartedTs,
      championVersion: this.championVersion,
      challengerVersion: this.challengerVersion,
      testIndex: this.testsStarted,
      horizon: this.deps.horizon,
    });
  }
}
