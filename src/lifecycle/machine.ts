import { raise } from 'xstate';
import type { UpdatePolicy, UpdateReason } from './events.ts';
import { lifecycleSetup } from './machine-setup.ts';
import { REFUSALS } from './refusals.ts';

const DEFAULTS = {
  minSamples: 30,
  updateLatencyBars: 0,
  updateLatencyMs: null,
  periodBars: 250,
  periodMs: null,
} as const;

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
 * The lifecycle of one symbol's model (DESIGN.md). Two parallel regions:
 * - `stage`: warmup → serving → updating → testing → (promote | discard) → serving, rollback
 *   (after a failed probation or on command) and `safe` while the data is bad. A promotion enters
 *   `serving.probation`; leaving serving and coming back (a rejected challenger, recovered data)
 *   resumes probation through `serving.resume` (history). An update waits its latency (market time
 *   on the injected clock, or bar closes on the engine's bar clock), then invokes
 *   `buildCandidate`: done → `candidate.ready` → testing, error → `candidate.failed` → serving.
 * - `schedule` (policy `periodic`): `schedule.due` every `periodMs` on the clock from the end of
 *   warmup, or once `periodBars` bars opened since the last update started (repeated each bar
 *   until serving takes it).
 * The machine decides; the engine does: it provides the named actions, guards and actors. Ticks
 * never pass through the machine, only events that can change it. States name in `meta` why they
 * refuse a command (see `refusalReason`).
 *
 * Invariants kept here: a challenger becomes champion only from `testing`, through `testPassed`
 * (a result on at least `minSamples` labels) or the recorded `cmd.promote` override; a rollback
 * needs a version to restore; every stage but warmup has a serving champion. Guards only read the
 * context and the event: the engine attaches its evidence (test results, rollback targets).
 *
 * @example
 * const actor = createActor(lifecycleMachine, { input: { policy: 'continuous' } }).start();
 * actor.send({ type: 'warmup.done' });
 * stageOf(actor.getSnapshot()); // 'serving'
 */
export const lifecycleMachine = lifecycleSetup.createMachine({
  id: 'lifecycle',
  type: 'parallel',
  context: ({ input }) => ({ ...DEFAULTS, ...input }),
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
                  repeat: false,
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
          invoke: {
            src: 'barTimer',
            input: ({ context }) => ({
              bars: context.periodBars,
              at: 'open',
              repeat: true,
              event: { type: 'schedule.due' },
            }),
          },
          on: { 'update.started': { target: 'inBars', reenter: true } },
        },
      },
    },
  },
});
