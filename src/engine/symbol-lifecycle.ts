import { type Actor, type AnyMachineSnapshot, createActor } from 'xstate';
import type { EpochMs } from '../core/index.ts';
import {
  type CommandResult,
  commandEvent,
  type LifecycleCommand,
  type LifecycleEvent,
  type LifecycleStage,
  lifecycleMachine,
  refusalReason,
  stageOf,
} from '../lifecycle/index.ts';
import { type DriverDeps, driverImplementations, LifecycleDriver } from './lifecycle-driver.ts';

/** What the machine and its driver need; `clock` is market time, the machine's delays run on it. */
export type SymbolLifecycleDeps = Omit<DriverDeps, 'send' | 'stage'>;

/** The driver of each running machine, by the actor system the machine's implementations see. */
const drivers = new WeakMap<object, LifecycleDriver>();
const driverOf = (system: object): LifecycleDriver => drivers.get(system) as LifecycleDriver;
/** The chart with the engine's implementations, provided once for every symbol. */
const engineMachine = lifecycleMachine.provide(driverImplementations(driverOf));

/**
 * The running lifecycle machine of one symbol: the XState actor with the driver's
 * implementations, its delays on the market clock and its bar-count delays on the driver's bar
 * clock;
 * every change of stage is recorded as a `transition` outcome. Commands are applied when the
 * machine can take them, else refused with the reason its states give.
 */
export class SymbolLifecycle {
  private readonly deps: SymbolLifecycleDeps;
  /** Does what the machine decides (models, evidence, versions). */
  readonly driver: LifecycleDriver;
  private readonly actor: Actor<typeof engineMachine>;
  private current: LifecycleStage = 'warmup';

  constructor(deps: SymbolLifecycleDeps) {
    this.deps = deps;
    const { variant, champion, symbol, sink, clock, build, features, target, horizon } = deps;
    this.driver = new LifecycleDriver({
      variant,
      champion,
      symbol,
      sink,
      clock,
      build,
      features,
      target,
      horizon,
      send: (e) => this.send(e),
      stage: () => this.current,
    });
    const { lifecycle } = deps.variant;
    this.actor = createActor(engineMachine, {
      input: {
        policy: lifecycle.policy,
        minSamples: lifecycle.test.minSamples,
        updateLatencyBars: lifecycle.updateLatency,
        updateLatencyMs: lifecycle.updateLatencyMs,
        periodBars: lifecycle.periodBars,
        periodMs: lifecycle.periodMs,
      },
      clock: deps.clock,
      inspect: (ev) => {
        if (ev.type !== '@xstate.microstep' || ev.actorRef !== this.actor) return;
        this.recordTransition(stageOf(ev.snapshot as AnyMachineSnapshot), ev.event.type);
      },
    });
    drivers.set(this.actor.system, this.driver);
    this.actor.start();
  }

  /** The machine's stage (as recorded in `transitions`). */
  get stage(): LifecycleStage {
    return this.current;
  }

  send(event: LifecycleEvent): void {
    this.actor.send(event);
  }

  /** Delivers monitor signals to the machine; a drift's change began at `changeTs` (builds since). */
  deliver(signals: readonly LifecycleEvent[], changeTs: EpochMs | null): void {
    for (const s of signals) {
      if (s.type === 'drift.detected') this.driver.candidates.changePoint = changeTs;
      this.send(s);
    }
  }

  /** One bar after warmup: the bar clock advances (bar-count latencies and schedules). */
  onBar(): void {
    this.driver.bars.tick();
  }

  /** Applies a user command, or refuses it with the reason the machine's state gives. */
  command(cmd: LifecycleCommand): CommandResult {
    const event = this.driver.withEvidence(commandEvent(cmd));
    const snapshot = this.actor.getSnapshot();
    if (!snapshot.can(event))
      return {
        accepted: false,
        reason: refusalReason(snapshot, event, this.driver.refusalFacts()),
        state: this.current,
      };
    this.actor.send(event);
    return { accepted: true, state: this.current };
  }

  /** End of run: versions recorded, models released, the machine (and its timers) stopped. */
  finish(): void {
    this.driver.finish();
    this.actor.stop();
  }

  private recordTransition(to: LifecycleStage, event: string): void {
    if (to === this.current) return;
    this.deps.sink.write({
      type: 'transition',
      variant: this.deps.variant.name,
      symbol: this.deps.symbol,
      ts: this.deps.clock.now(),
      from: this.current,
      to,
      event,
    });
    this.current = to;
  }
}
