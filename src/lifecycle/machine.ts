import { not, raise } from 'xstate';
import { LIFECYCLE_DEFAULTS, type UpdatePolicy, type UpdateReason } from './events.ts';
import { lifecycleSetup } from './machine-setup.ts';
import { REFUSALS } from './refusals.ts';

const startUpdate = (reason: UpdateReason) => ({
  target: 'updating' as const,
  actions: { type: 'startCandidate' as const, params: { reason } },
});
const onPolicy = (policy: UpdatePolicy, reason: UpdateReason) => ({
  guard: { type: 'policyIs' as const, params: { policy } },
  ...startUpdate(reason),
});
const discard = (reason: string) => ({ type: 'discardCandidate' as const, params: { reason } });
const promote = (forced: boolean) => ({ type: 'promoteChallenger' as const, params: { forced } });
/** A test result (evidence or the validate command) promotes, rejects, or leaves the test open. */
const decide = [
  { guard: 'testPassed' as const, target: 'serving.probation', actions: promote(false) },
  { guard: 'testRejected' as const, target: 'serving.resume', actions: discard('test rejected') },
];
const toRollback = { guard: 'canRollback' as const, target: 'rollback' };

/**
 * The lifecycle of one symbol's model (DESIGN.md), in two parallel regions:
 * - `stage`: warmup → serving → updating → testing → (promote | discard) → serving; rollback (a
 *   failed probation, a command); `safe` while the data is bad. A promotion enters
 *   `serving.probation`, which `serving.resume` (history) resumes after a rejected test or safe.
 *   An update waits its latency (market time on the injected clock, or bar closes on the bar
 *   clock), then invokes `buildCandidate`: done → `candidate.ready`, error → `candidate.failed`.
 * - `schedule` (policy `periodic`): `schedule.due` every `periodMs` from the end of warmup, or,
 *   counting bars, at the first bar opening in serving once `periodBars` bars opened since the
 *   last update started (`inBars.due` holds it while the stage is elsewhere).
 * The machine decides; the engine provides its named actions and actors. Ticks never pass
 * through it, only events that can change it. States say in `meta` why they refuse a command.
 *
 * Invariants kept here: a challenger becomes champion only from `testing`, through `testPassed`
 * (a result on at least `minSamples` labels) or the recorded `cmd.promote` override; a rollback
 * needs a version to restore; every stage but warmup has a serving champion. Guards read only
 * the context and the event: the engine attaches its evidence (test results, rollback targets).
 *
 * @example
 * const actor = createActor(lifecycleMachine, { input: { policy: 'continuous' } }).start();
 * actor.send({ type: 'warmup.done' });
 * stageOf(actor.getSnapshot()); // 'serving'
 */
export const lifecycleMachine = lifecycleSetup.createMachine({
  id: 'lifecycle',
  type: 'parallel',
  context: ({ input }) => ({ ...LIFECYCLE_DEFAULTS, ...input }),
  states: {
    stage: {
      initial: 'warmup',
      meta: REFUSALS.stage,
      on: { 'action.failed': { actions: 'reportFailure' } },
      states: {
        warmup: {
          meta: REFUSALS.warmup,
          on: { 'warmup.done': { target: 'serving', actions: 'activateChampion' } },
        },
        serving: {
          initial: 'steady',
          states: {
            steady: {},
            probation: {
              on: {
                'probation.passed': { target: 'steady', actions: 'endProbation' },
                'probation.failed': { guard: 'canRollback', target: '#lifecycle.stage.rollback' },
                'action.failed': { target: 'steady', actions: 'reportFailure' },
              },
            },
            resume: { type: 'history' },
          },
          on: {
            'drift.detected': onPolicy('drift', 'drift'),
            'metrics.degraded': onPolicy('degradation', 'degradation'),
            'schedule.due': onPolicy('periodic', 'schedule'),
            'cmd.update': startUpdate('manual'),
            'cmd.rollback': toRollback,
            'quality.failed': 'safe',
          },
        },
        updating: {
          meta: REFUSALS.updating,
          entry: raise({ type: 'update.started' }),
          initial: 'latency',
          states: {
            latency: { always: [{ guard: 'latencyOnClock', target: 'onClock' }, 'inBars'] },
            onClock: { after: { updateLatency: 'building' } },
            inBars: {
              invoke: {
                src: 'barTimer',
                input: ({ context }) => ({
                  bars: context.updateLatencyBars + 1,
                  at: 'close',
                  event: { type: 'latency.elapsed' },
                }),
              },
              on: { 'latency.elapsed': 'building' },
            },
            building: {
              invoke: {
                src: 'buildCandidate',
                onDone: {
                  actions: raise(({ event }) => ({
                    type: 'candidate.ready',
                    candidate: event.output,
                  })),
                },
                onError: {
                  actions: raise(({ event }) => ({
                    type: 'candidate.failed',
                    reason:
                      event.error instanceof Error ? event.error.message : String(event.error),
                  })),
                },
              },
            },
          },
          on: {
            'candidate.ready': {
              target: 'testing',
              actions: {
                type: 'startTest',
                params: ({ event }) => ({ candidate: event.candidate }),
              },
            },
            'candidate.failed': { target: 'serving.resume', actions: discard('build failed') },
            'cmd.rollback': { ...toRollback, actions: discard('rollback command') },
            'quality.failed': { target: 'safe', actions: discard('data quality') },
          },
        },
        testing: {
          meta: REFUSALS.testing,
          on: {
            'test.check': decide,
            'cmd.validate': decide,
            'cmd.promote': { target: 'serving.probation', actions: promote(true) },
            'cmd.rollback': { ...toRollback, actions: discard('rollback command') },
            'quality.failed': { target: 'safe', actions: discard('data quality') },
          },
        },
        rollback: { entry: 'restoreVersion', always: 'serving.steady' },
        safe: { meta: REFUSALS.safe, on: { 'quality.recovered': 'serving.resume' } },
      },
    },
    schedule: {
      initial: 'off',
      states: {
        off: {
          on: {
            'warmup.done': [
              { guard: 'scheduleOnClock', target: 'onClock' },
              { guard: 'scheduleInBars', target: 'inBars' },
            ],
          },
        },
        onClock: {
          after: {
            schedulePeriod: {
              target: 'onClock',
              reenter: true,
              actions: raise({ type: 'schedule.due' }),
            },
          },
        },
        inBars: {
          initial: 'counting',
          on: { 'update.started': { target: '.counting', reenter: true } },
          states: {
            counting: {
              invoke: {
                src: 'barTimer',
                input: ({ context }) => ({
                  bars: context.periodBars,
                  at: 'open',
                  event: { type: 'schedule.due' },
                }),
              },
              // Serving takes it (and restarts the count); any other stage leaves it due.
              on: { 'schedule.due': { guard: not('serving'), target: 'due' } },
            },
            // Due: the next bar that opens while serving starts the update (now, if one opens).
            due: {
              initial: 'held',
              states: {
                held: { always: { guard: 'serving', target: 'next' } },
                next: {
                  always: { guard: not('serving'), target: 'held' },
                  invoke: {
                    src: 'barTimer',
                    input: { bars: 0, at: 'open', event: { type: 'schedule.due' } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
});
