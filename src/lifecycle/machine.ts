import { assign, setup } from 'xstate';
import type { LifecycleEvent, UpdatePolicy } from './events.ts';

export interface LifecycleInput {
  readonly policy: UpdatePolicy;
}

export interface LifecycleContext {
  readonly policy: UpdatePolicy;
  /** The serving champion was promoted recently and is on probation against its predecessor. */
  readonly probation: boolean;
}

/**
 * The lifecycle of one symbol's model (DESIGN.md): warmup → serving → updating → testing →
 * (promote | discard) → serving, with rollback after a promotion (automatic on a failed
 * probation) or on command, and a `safe` state that holds the last good champion while the data
 * is bad. The machine decides; the engine does: every action and guard named here is supplied
 * by `engine/` through `provide()`. Ticks never pass through the machine — only the events that
 * can change its state.
 *
 * Invariants kept here: a challenger becomes champion only from `testing`, through
 * `testPassed` (a test with at least `minSamples` labels) or the recorded `cmd.promote`
 * override; every state other than warmup has a serving champion.
 *
 * @example
 * const actor = createActor(lifecycleMachine, { input: { policy: 'continuous' } }).start();
 * actor.send({ type: 'warmup.done' });
 * actor.getSnapshot().value; // 'serving'
 */
export const lifecycleMachine = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as LifecycleEvent,
    input: {} as LifecycleInput,
  },
  actions: {
    activateChampion: () => {},
    startCandidate: (_, _params: { reason: string }) => {},
    startTest: () => {},
    discardCandidate: (_, _params: { reason: string }) => {},
    promoteChallenger: (_, _params: { forced: boolean }) => {},
    restoreVersion: () => {},
    endProbation: () => {},
    enterSafe: () => {},
    leaveSafe: () => {},
  },
  guards: {
    policyIs: ({ context }, params: { policy: UpdatePolicy }) => context.policy === params.policy,
    canRollback: () => false,
    inProbation: ({ context }) => context.probation,
    testDecided: () => false,
    testPassed: () => false,
    hasMinSamples: () => false,
  },
}).createMachine({
  id: 'lifecycle',
  context: ({ input }) => ({ policy: input.policy, probation: false }),
  initial: 'warmup',
  states: {
    warmup: {
      on: { 'warmup.done': { target: 'serving', actions: 'activateChampion' } },
    },
    serving: {
      on: {
        'drift.detected': {
          guard: { type: 'policyIs', params: { policy: 'drift' } },
          target: 'updating',
          actions: { type: 'startCandidate', params: { reason: 'drift' } },
        },
        'metrics.degraded': {
          guard: { type: 'policyIs', params: { policy: 'degradation' } },
          target: 'updating',
          actions: { type: 'startCandidate', params: { reason: 'degradation' } },
        },
        'schedule.due': {
          guard: { type: 'policyIs', params: { policy: 'periodic' } },
          target: 'updating',
          actions: { type: 'startCandidate', params: { reason: 'schedule' } },
        },
        'cmd.update': {
          target: 'updating',
          actions: { type: 'startCandidate', params: { reason: 'manual' } },
        },
        'cmd.rollback': { guard: 'canRollback', target: 'rollback' },
        'probation.failed': { guard: 'inProbation', target: 'rollback' },
        'probation.passed': {
          guard: 'inProbation',
          actions: ['endProbation', assign({ probation: false })],
        },
        'quality.failed': { target: 'safe' },
      },
    },
    updating: {
      on: {
        'candidate.ready': { target: 'testing', actions: 'startTest' },
        'candidate.failed': {
          target: 'serving',
          actions: { type: 'discardCandidate', params: { reason: 'build failed' } },
        },
        'cmd.rollback': {
          guard: 'canRollback',
          target: 'rollback',
          actions: { type: 'discardCandidate', params: { reason: 'rollback command' } },
        },
        'quality.failed': {
          target: 'safe',
          actions: { type: 'discardCandidate', params: { reason: 'data quality' } },
        },
      },
    },
    testing: {
      on: {
        'test.check': [
          {
            guard: 'testPassed',
            target: 'serving',
            actions: [
              { type: 'promoteChallenger', params: { forced: false } },
              assign({ probation: true }),
            ],
          },
          {
            guard: 'testDecided',
            target: 'serving',
            actions: { type: 'discardCandidate', params: { reason: 'test rejected' } },
          },
        ],
        'cmd.validate': [
          {
            guard: 'testPassed',
            target: 'serving',
            actions: [
              { type: 'promoteChallenger', params: { forced: false } },
              assign({ probation: true }),
            ],
          },
          {
            guard: 'hasMinSamples',
            target: 'serving',
            actions: { type: 'discardCandidate', params: { reason: 'test rejected' } },
          },
        ],
        'cmd.promote': {
          target: 'serving',
          actions: [
            { type: 'promoteChallenger', params: { forced: true } },
            assign({ probation: true }),
          ],
        },
        'cmd.rollback': {
          guard: 'canRollback',
          target: 'rollback',
          actions: { type: 'discardCandidate', params: { reason: 'rollback command' } },
        },
        'quality.failed': {
          target: 'safe',
          actions: { type: 'discardCandidate', params: { reason: 'data quality' } },
        },
      },
    },
    rollback: {
      entry: ['restoreVersion', assign({ probation: false })],
      always: { target: 'serving' },
    },
    safe: {
      entry: 'enterSafe',
      exit: 'leaveSafe',
      on: { 'quality.recovered': { target: 'serving' } },
    },
  },
});
