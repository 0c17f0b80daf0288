import type { Clock } from '../core/index.ts';
import type { PhaseSink } from './phase-sinks.ts';
import {
  type Candidate,
  fromSync,
  type LifecycleEvent,
  type LifecycleStage,
  type PairedLossTest,
  type PairedTestResult,
  type RefusalFacts,
  rollbackTargetOf,
  testResultOf,
  type UpdateReason,
} from '../lifecycle/index.ts';
import type { OnlineModel } from '../models/index.ts';
import { BarClock, barTimerLogic } from './bar-clock.ts';
import { CandidateSource } from './candidate-builder.ts';
import type { VariantConfig } from './config.ts';
import { LifecycleEvidence } from './lifecycle-evidence.ts';
import { LifecycleLog, promotionMetrics } from './lifecycle-log.ts';
import type { ModelBatch } from './model-batch.ts';
import { ModelRoles } from './model-roles.ts';
import type { PendingPrediction } from './pending-queue.ts';

export interface DriverDeps {
  readonly variant: VariantConfig;
  readonly champion: OnlineModel;
  readonly symbol: string;
  readonly sink: PhaseSink<'lifecycle'>;
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
  /** The machine's stage now (the machine is the only record of it). */
  readonly stage: () => LifecycleStage;
}

/** What an action's implementation reads of XState's arguments. */
interface ActionArgs {
  readonly event: LifecycleEvent;
  readonly self: { send(event: LifecycleEvent): void };
  /** The actor system the machine runs in: it finds the machine's driver. */
  readonly system: object;
}

/**
 * Adapts the lifecycle machine to one symbol's models: it does what the machine decides and
 * tells it what it observes. Holds the models by role; builds candidates (the machine's
 * `buildCandidate` actor); collects the paired-test and probation evidence and sends it as
 * events; attaches evidence to commands; keeps and records the versions. It decides nothing:
 * its public actions run through {@link driverImplementations}.
 */
export class LifecycleDriver {
  readonly roles: ModelRoles;
  /** Time in bars: the machine's bar-count delays run on it. */
  readonly bars = new BarClock();
  private readonly log: LifecycleLog;
  private readonly deps: DriverDeps;
  /** The recent examples and change point challengers are built from. */
  readonly candidates: CandidateSource;
  private updateReason: UpdateReason = 'manual';
  private readonly evidence: LifecycleEvidence;

  constructor(deps: DriverDeps) {
    this.deps = deps;
    this.roles = new ModelRoles(deps.champion);
    const { lifecycle } = deps.variant;
    this.candidates = new CandidateSource(lifecycle, deps.champion.inputWindow * deps.features);
    this.evidence = new LifecycleEvidence(lifecycle, deps.horizon);
    this.log = new LifecycleLog(deps);
  }

  /** What a refusal may name (see `refusalReason`). */
  refusalFacts(): RefusalFacts {
    return { challenger: this.roles.challengerVersion, restorable: this.log.restorable() };
  }

  /**
   * A command event with the evidence the machine's guards read: `validate` gets the DM test on
   * every pair so far (when a test runs), `rollback` the version it would restore.
   */
  withEvidence(event: LifecycleEvent): LifecycleEvent {
    if (event.type === 'cmd.rollback')
      return { ...event, target: this.log.registry.rollbackTarget(event.version) };
    const test = this.evidence.running;
    const result = event.type === 'cmd.validate' ? test?.validateNow() : undefined;
    return result === undefined ? event : { type: 'cmd.validate', result };
  }

  /**
   * A label matured: test and probation evidence first (a decision may swap the champion), then
   * learning requests for the models serving after it, and the recent-examples window.
   */
  onLabel(p: PendingPrediction, y: number, batch: ModelBatch): void {
    const { lifecycle } = this.deps.variant;
    const { roles } = this;
    const { target } = this.deps;
    // The champion's loss is needed only beside a challenger's or a previous champion's. It is the
    // loss under the roles before test.check is sent (a promotion changes them): taken before the
    // send when there is a challenger, else after it (no send, the same roles).
    const chLoss = roles.lossOf(p, 'challenger', y, target);
    let champLoss = chLoss === null ? null : roles.lossOf(p, 'champion', y, target);
    const result =
      champLoss !== null && chLoss !== null ? this.evidence.addPair(champLoss, chLoss) : null;
    if (result !== null) this.deps.send({ type: 'test.check', result });
    const prevLoss = roles.lossOf(p, 'previous', y, target);
    if (prevLoss !== null && chLoss === null) champLoss = roles.lossOf(p, 'champion', y, target);
    const verdict =
      champLoss !== null && prevLoss !== null
        ? this.evidence.addProbation(champLoss - prevLoss)
        : null;
    if (verdict?.passed === false)
      this.deps.send({
        type: 'probation.failed',
        message: `mean loss ${verdict.mean.toFixed(4)} worse than v${roles.previousVersion}`,
        target: this.log.registry.rollbackTarget(),
      });
    else if (verdict?.passed) this.deps.send({ type: 'probation.passed' });
    const stage = this.deps.stage();
    if (stage === 'warmup' || (lifecycle.onlineLearning && stage !== 'safe'))
      batch.learn(roles.champion, p.x, y);
    if (roles.challenger !== null && lifecycle.onlineLearning)
      batch.learn(roles.challenger, p.x, y);
    this.candidates.push(p.x, y, p.ts);
  }

  /** Changes how many resolved examples are kept for building challengers (newest kept). */
  resizeRecent(capacity: number): void {
    this.candidates.resize(capacity);
  }

  /** Sizes of the bounded buffers (invariant 7). */
  sizes(): { recent: number; snapshots: number; versions: number } {
    const { registry } = this.log;
    const recent = this.candidates.size;
    return { recent, snapshots: registry.snapshotCount, versions: registry.size };
  }

  /** Records an alert about this symbol's lifecycle or configuration. */
  alert(kind: string, severity: 'info' | 'warning' | 'critical', message: string): void {
    this.log.alert(kind, severity, message);
  }

  /** End of run: the final state of every version goes to `model_versions`; models are released. */
  finish(): void {
    this.roles.dispose();
    this.log.finish();
  }

  /** Action: the end of warmup makes the model version 1, champion. */
  activateChampion(): void {
    const ts = this.deps.clock.now();
    const v = this.log.registry.create(null, 'initial', ts, null);
    this.log.registry.promote(v, ts);
    this.roles.activate(v);
    this.log.event(v, 'created', 'initial');
    this.log.event(v, 'promoted', 'end of warmup');
  }

  /** Action: an update starts (its reason and change point go to the build and the version). */
  startCandidate(reason: UpdateReason): void {
    this.updateReason = reason;
    this.candidates.start(reason, this.deps.clock.now());
  }

  /** The `buildCandidate` actor: the challenger, or an error when it cannot be built. */
  buildCandidate(): OnlineModel {
    const fresh = () => this.deps.build(this.log.registry.size + 1);
    let model: OnlineModel | null;
    try {
      model = this.candidates.build(this.roles.champion, fresh);
    } catch (error) {
      // The machine goes back to serving (onError); a broken build must not pass unseen.
      this.alert('lifecycle', 'critical', `candidate build threw: ${String(error)}`);
      throw error;
    }
    if (model === null) throw new Error('not enough resolved examples');
    return model;
  }

  /** Action: the built challenger gets a version and a paired test. */
  startTest(model: OnlineModel): void {
    const ts = this.deps.clock.now();
    const v = this.log.registry.create(this.roles.championVersion, this.updateReason, ts, null);
    this.log.event(v, 'created', `${this.updateReason} (${this.deps.variant.lifecycle.builder})`);
    this.roles.challenge(model, v);
    this.evidence.startTest(ts);
  }

  /** Action: the challenger (if built) is discarded; a rejection records its test. */
  discardCandidate(reason: string, event: LifecycleEvent): void {
    const v = this.roles.challengerVersion;
    const result = testResultOf(event);
    const test = this.evidence.running;
    if (v !== null) {
      if (test !== null && reason === 'test rejected' && result !== undefined)
        this.recordTest(result, 'reject', this.methodOf(event, test));
      this.log.registry.discard(v, this.deps.clock.now());
      this.log.event(v, 'discarded', reason);
    }
    this.roles.dropChallenger();
    this.evidence.endTest();
  }

  private methodOf(event: LifecycleEvent, test: PairedLossTest): string {
    return event.type === 'cmd.validate' ? 'dm (validate command)' : test.config.method;
  }

  /** Action: the challenger becomes champion on probation; null, or why it could not. */
  promoteChallenger(forced: boolean, event: LifecycleEvent): string | null {
    const { roles } = this;
    const test = this.evidence.running;
    const v = roles.challengerVersion;
    if (roles.challenger === null || v === null || test === null) return 'no challenger under test';
    const result = forced ? test.result() : (testResultOf(event) ?? test.result());
    const method = forced ? 'manual override' : this.methodOf(event, test);
    this.recordTest(result, 'promote', method);
    const metrics = promotionMetrics(result, method, forced);
    this.log.registry.promote(v, this.deps.clock.now(), roles.champion.snapshot(), metrics);
    if (roles.championVersion !== null)
      this.log.event(roles.championVersion, 'retired', `replaced by v${v}`);
    this.log.event(v, 'promoted', forced ? 'forced by command' : `won the ${method} test`);
    roles.promote();
    this.evidence.endTest();
    this.evidence.startProbation();
    return null;
  }

  /** Action: the event's target version serves again, exactly; null, or why it could not. */
  restoreVersion(event: LifecycleEvent): string | null {
    const { registry } = this.log;
    const outgoing = this.roles.championVersion;
    const version = rollbackTargetOf(event);
    // The machine rolls back only to a kept version; one gone since is reported, not skipped.
    if (version == null || registry.rollbackTarget(version) !== version || outgoing === null)
      return `v${version} cannot be restored`;
    const now = this.deps.clock.now();
    const snapshot = registry.restore(version, now, this.roles.champion.snapshot());
    this.log.event(outgoing, 'retired', `rolled back (${event.type})`);
    const restored = this.deps.build(version);
    restored.restore(snapshot);
    this.roles.restore(restored, version);
    this.log.event(version, 'restored', `rollback from v${outgoing}`);
    return null;
  }

  private recordTest(r: PairedTestResult, decision: 'promote' | 'reject', method: string): void {
    const { championVersion, challengerVersion } = this.roles;
    this.log.test(r, decision, method, this.evidence.record(championVersion, challengerVersion));
  }
}

/** An action that could not do its work tells the machine (`action.failed`), never silently. */
function report(self: ActionArgs['self'], action: string, failure: string | null): void {
  if (failure !== null) self.send({ type: 'action.failed', action, reason: failure });
}

/**
 * Actions and actors for `lifecycleMachine.provide()`: each runs on the driver of the actor
 * system it runs in (`driverOf`), so the chart is provided once rather than per symbol
 * (`provide()` rebuilds every state node).
 */
export function driverImplementations(driverOf: (system: object) => LifecycleDriver) {
  return {
    actions: {
      activateChampion: ({ system }: ActionArgs) => driverOf(system).activateChampion(),
      startCandidate: ({ system }: ActionArgs, params: { reason: UpdateReason }) =>
        driverOf(system).startCandidate(params.reason),
      startTest: ({ system }: ActionArgs, params: { candidate: Candidate }) =>
        driverOf(system).startTest(params.candidate as OnlineModel),
      discardCandidate: ({ event, system }: ActionArgs, params: { reason: string }) =>
        driverOf(system).discardCandidate(params.reason, event),
      promoteChallenger: ({ event, self, system }: ActionArgs, params: { forced: boolean }) =>
        report(self, 'promoteChallenger', driverOf(system).promoteChallenger(params.forced, event)),
      restoreVersion: ({ event, self, system }: ActionArgs) =>
        report(self, 'restoreVersion', driverOf(system).restoreVersion(event)),
      endProbation: ({ system }: ActionArgs) => driverOf(system).roles.endProbation(),
      reportFailure: ({ event, system }: ActionArgs) => {
        if (event.type === 'action.failed')
          driverOf(system).alert('lifecycle', 'critical', `${event.action}: ${event.reason}`);
      },
    },
    actors: {
      buildCandidate: fromSync<Candidate>(({ system }) => driverOf(system).buildCandidate()),
      barTimer: barTimerLogic((system) => driverOf(system).bars),
    },
  };
}
