import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  type LifecycleEvent,
  lifecycleMachine,
  type UpdatePolicy,
} from '../../src/lifecycle/index.ts';

const EVENTS: LifecycleEvent[] = [
  { type: 'warmup.done' },
  { type: 'drift.detected', detector: 'adwin' },
  { type: 'metrics.degraded', message: 'm' },
  { type: 'schedule.due' },
  { type: 'candidate.ready' },
  { type: 'candidate.failed', reason: 'r' },
  { type: 'test.check' },
  { type: 'probation.passed' },
  { type: 'probation.failed', message: 'm' },
  { type: 'quality.failed', message: 'm' },
  { type: 'quality.recovered' },
  { type: 'cmd.update' },
  { type: 'cmd.validate' },
  { type: 'cmd.rollback' },
  { type: 'cmd.promote' },
];

function machineWith(guard: boolean) {
  return lifecycleMachine.provide({
    guards: {
      canRollback: () => guard,
      testDecided: () => !guard,
      testPassed: () => guard,
      hasMinSamples: () => true,
    },
  });
}

/** Every state of every policy's graph, by shortest paths (xstate/graph). */
function reachable(policy: UpdatePolicy, guard: boolean) {
  const machine = machineWith(guard);
  return getShortestPaths(machine, { events: EVENTS, input: { policy } }).map((p) => p.state);
}

describe('lifecycleMachine graph (xstate/graph shortest paths)', () => {
  const policies: UpdatePolicy[] = ['continuous', 'periodic', 'drift', 'degradation', 'none'];

  it('reaches every state, and rollback passes through to serving', () => {
    const states = new Set<string>();
    for (const p of policies)
      for (const g of [true, false]) for (const s of reachable(p, g)) states.add(String(s.value));
    // rollback is transient (always → serving): visible in microsteps, never a resting snapshot
    expect([...states].sort()).toEqual(['safe', 'serving', 'testing', 'updating', 'warmup']);
  });

  it('every reachable state can get back to serving', () => {
    for (const policy of policies) {
      for (const guard of [true, false]) {
        const machine = machineWith(guard);
        for (const from of reachable(policy, guard)) {
          if (from.value === 'serving') continue;
          const back = getShortestPaths(machine, {
            events: EVENTS,
            input: { policy },
            fromState: from,
            toState: (s) => s.value === 'serving',
          });
          expect(
            back.length,
            `${policy}/${guard}: no path from ${String(from.value)} to serving`,
          ).toBeGreaterThan(0);
          expect(back[0]!.steps.length).toBeLessThanOrEqual(2);
        }
      }
    }
  });
});
