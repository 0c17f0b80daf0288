import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot, AnyStateNode } from 'xstate';
import {
  type LifecycleEvent,
  type LifecycleInput,
  lifecycleMachine,
  type PairedTestResult,
  refusalReason,
  stageOf,
  type UpdatePolicy,
} from '../../src/lifecycle/index.ts';

const verdict = (decision: PairedTestResult['decision']): PairedTestResult => ({
  n: 100,
  decision,
  statistic: 0,
  pValue: 0.5,
  meanDiff: 0,
  level: 0.05,
  df: null,
});

/** The delayed events of the two `after` transitions (market time on the injected clock). */
const AFTER = [
  { type: 'xstate.after.updateLatency.lifecycle.stage.updating.onClock' },
  { type: 'xstate.after.schedulePeriod.lifecycle.schedule.onClock' },
] as unknown as LifecycleEvent[];

const EVENTS: LifecycleEvent[] = [
  { type: 'warmup.done' },
  { type: 'drift.detected', detector: 'adwin' },
  { type: 'metrics.degraded', message: 'm' },
  { type: 'schedule.due' },
  { type: 'latency.elapsed' },
  { type: 'candidate.ready', candidate: {} },
  { type: 'candidate.failed', reason: 'r' },
  { type: 'test.check', result: verdict('promote') },
  { type: 'test.check', result: verdict('reject') },
  { type: 'probation.passed' },
  { type: 'probation.failed', message: 'm', target: 1 },
  { type: 'quality.failed', message: 'm' },
  { type: 'quality.recovered' },
  { type: 'cmd.update' },
  { type: 'cmd.validate', result: verdict('reject') },
  { type: 'cmd.rollback', target: 1 },
  { type: 'cmd.promote' },
  ...AFTER,
];

const POLICIES: UpdatePolicy[] = ['continuous', 'periodic', 'drift', 'degradation', 'none'];
const INPUTS: LifecycleInput[] = POLICIES.flatMap((policy) =>
  [null, 5000].flatMap((updateLatencyMs) =>
    [null, 86_400_000].map((periodMs) => ({ policy, updateLatencyMs, periodMs })),
  ),
);

/** Leaf state ids of a snapshot, e.g. `lifecycle.stage.serving.probation`. */
function leaves(value: unknown, prefix = 'lifecycle'): string[] {
  if (typeof value === 'string') return [`${prefix}.${value}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    leaves(v, `${prefix}.${k}`),
  );
}

/** Atomic states a snapshot can rest in: not history, not transient (an unguarded `always`). */
function restingLeaves(node: AnyStateNode): string[] {
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length > 0) return children.flatMap(restingLeaves);
  const transient = node.always?.some((t) => t.guard === undefined) ?? false;
  return node.type === 'history' || transient ? [] : [node.id];
}

function reachable(input: LifecycleInput): AnyMachineSnapshot[] {
  return getShortestPaths(lifecycleMachine, { events: EVENTS, input }).map(
    (p) => p.state as AnyMachineSnapshot,
  );
}

describe('lifecycleMachine graph (xstate/graph shortest paths)', () => {
  it('reaches every state of both regions; rollback and the latency choice are only passed through', () => {
    const seen = new Set<string>();
    for (const input of INPUTS)
      for (const s of reachable(input)) for (const l of leaves(s.value)) seen.add(l);
    expect([...seen].sort()).toEqual(restingLeaves(lifecycleMachine.root).sort());
    expect(seen).not.toContain('lifecycle.stage.rollback');
    expect([...seen].sort()).toEqual([
      'lifecycle.schedule.inBars.counting',
      'lifecycle.schedule.inBars.due.held',
      'lifecycle.schedule.inBars.due.next',
      'lifecycle.schedule.off',
      'lifecycle.schedule.onClock',
      'lifecycle.stage.safe',
      'lifecycle.stage.serving.probation',
      'lifecycle.stage.serving.steady',
      'lifecycle.stage.testing',
      'lifecycle.stage.updating.building',
      'lifecycle.stage.updating.inBars',
      'lifecycle.stage.updating.onClock',
      'lifecycle.stage.warmup',
    ]);
  });

  it('every reachable state can get back to serving within two events', () => {
    for (const input of INPUTS) {
      for (const from of reachable(input)) {
        if (stageOf(from) === 'serving') continue;
        const back = getShortestPaths(lifecycleMachine, {
          events: EVENTS,
          input,
          fromState: from,
          toState: (s) => stageOf(s) === 'serving',
        });
        const name = `${JSON.stringify(input)}: ${JSON.stringify(from.value)}`;
        expect(back.length, `no path from ${name} to serving`).toBeGreaterThan(0);
        expect(Math.min(...back.map((p) => p.steps.length)), name).toBeLessThanOrEqual(2);
      }
    }
  });

  it('wherever a command is refused, a state says why in its meta', () => {
    const commands: LifecycleEvent[] = [
      { type: 'cmd.update' },
      { type: 'cmd.validate' },
      { type: 'cmd.validate', result: verdict('reject') },
      { type: 'cmd.promote' },
      { type: 'cmd.rollback', target: null },
      { type: 'cmd.rollback', target: 1 },
    ];
    let refused = 0;
    for (const input of INPUTS)
      for (const s of reachable(input))
        for (const c of commands) {
          if (s.can(c)) continue;
          refused++;
          const reason = refusalReason(s, c, { challenger: 2, restorable: [] });
          expect(reason, `${c.type} in ${JSON.stringify(s.value)}`).not.toMatch(/does not apply/);
        }
    expect(refused).toBeGreaterThan(100);
  });
});
