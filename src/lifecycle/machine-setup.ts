import { fromCallback, setup, stateIn } from 'xstate';
import type {
  BarTimerInput,
  Candidate,
  LifecycleContext,
  LifecycleEvent,
  LifecycleInput,
  UpdatePolicy,
  UpdateReason,
} from './events.ts';
import { rollbackTargetOf, testResultOf } from './events.ts';
import { fromSync } from './from-sync.ts';

/**
 * What the lifecycle machine names (DESIGN.md, CONVENTIONS.md): its context, events and input;
 * the actions, actors and delays the engine implements with `provide()` (the defaults here do
 * nothing, build nothing and time nothing); the guards, which only read the context and the
 * event. `lifecycleMachine` is the chart built from it.
 */
export const lifecycleSetup = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as LifecycleEvent,
    input: {} as LifecycleInput,
  },
  actions: {
    activateChampion: () => {},
    startCandidate: (_, _params: { reason: UpdateReason }) => {},
    startTest: (_, _params: { candidate: Candidate }) => {},
    discardCandidate: (_, _params: { reason: string }) => {},
    promoteChallenger: (_, _params: { forced: boolean }) => {},
    restoreVersion: () => {},
    endProbation: () => {},
    reportFailure: () => {},
  },
  actors: {
    buildCandidate: fromSync<Candidate>(() => {
      throw new Error('no candidate builder provided');
    }),
    barTimer: fromCallback<LifecycleEvent, BarTimerInput>(() => {}),
  },
  guards: {
    policyIs: ({ context }, params: { policy: UpdatePolicy }) => context.policy === params.policy,
    canRollback: ({ event }) => (rollbackTargetOf(event) ?? null) !== null,
    testPassed: ({ context, event }) => {
      const r = testResultOf(event);
      return r !== undefined && r.n >= context.minSamples && r.decision === 'promote';
    },
    testRejected: ({ context, event }) => {
      const r = testResultOf(event);
      return r !== undefined && r.n >= context.minSamples && r.decision === 'reject';
    },
    latencyOnClock: ({ context }) => context.updateLatencyMs !== null,
    scheduleOnClock: ({ context }) => context.policy === 'periodic' && context.periodMs !== null,
    scheduleInBars: ({ context }) => context.policy === 'periodic' && context.periodMs === null,
    /** The stage region serves (read by the schedule region). */
    serving: stateIn({ stage: 'serving' }),
  },
  delays: {
    updateLatency: ({ context }) => context.updateLatencyMs ?? 0,
    schedulePeriod: ({ context }) => context.periodMs ?? 0,
  },
});
