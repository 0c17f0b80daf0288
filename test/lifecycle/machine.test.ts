import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  type LifecycleEvent,
  lifecycleMachine,
  type UpdatePolicy,
} from '../../src/lifecycle/index.ts';

function start(
  policy: UpdatePolicy,
  guards: Partial<
    Record<'canRollback' | 'testDecided' | 'testPassed' | 'hasMinSamples', boolean>
  > = {},
) {
  const calls: string[] = [];
  const machine = lifecycleMachine.provide({
    actions: {
      activateChampion: () => calls.push('activateChampion'),
      startCandidate: (_, p) => calls.push(`startCandidate:${p.reason}`),
      startTest: () => calls.push('startTest'),
      discardCandidate: (_, p) => calls.push(`discard:${p.reason}`),
      promoteChallenger: (_, p) => calls.push(`promote:${p.forced}`),
      restoreVersion: () => calls.push('restore'),
      enterSafe: () => calls.push('enterSafe'),
      leaveSafe: () => calls.push('leaveSafe'),
    },
    guards: {
      canRollback: () => guards.canRollback ?? false,
      testDecided: () => guards.testDecided ?? false,
      testPassed: () => guards.testPassed ?? false,
      hasMinSamples: () => guards.hasMinSamples ?? false,
    },
  });
  const actor = createActor(machine, { input: { policy } }).start();
  const send = (e: LifecycleEvent) => {
    actor.send(e);
    return String(actor.getSnapshot().value);
  };
  return { actor, send, calls };
}

describe('lifecycleMachine', () => {
  it('doc example: warmup → serving activates the first champion', () => {
    const { send, calls } = start('continuous');
    expect(send({ type: 'warmup.done' })).toBe('serving');
    expect(calls).toEqual(['activateChampion']);
  });

  it('only the policy’s own trigger starts an update; a manual update always can', () => {
    const c = start('continuous');
    c.send({ type: 'warmup.done' });
    expect(c.send({ type: 'drift.detected', detector: 'adwin' })).toBe('serving');
    expect(c.send({ type: 'schedule.due' })).toBe('serving');
    expect(c.send({ type: 'cmd.update' })).toBe('updating');
    const d = start('drift');
    d.send({ type: 'warmup.done' });
    expect(d.send({ type: 'schedule.due' })).toBe('serving');
    expect(d.send({ type: 'drift.detected', detector: 'adwin' })).toBe('updating');
    expect(d.calls).toContain('startCandidate:drift');
    const p = start('periodic');
    p.send({ type: 'warmup.done' });
    expect(p.send({ type: 'schedule.due' })).toBe('updating');
    const g = start('degradation');
    g.send({ type: 'warmup.done' });
    expect(g.send({ type: 'metrics.degraded', message: 'accuracy 0.4' })).toBe('updating');
  });

  it('ignores events that do not apply (no silent state change)', () => {
    const { actor, send } = start('periodic');
    expect(send({ type: 'candidate.ready' })).toBe('warmup');
    expect(actor.getSnapshot().can({ type: 'cmd.update' })).toBe(false);
    send({ type: 'warmup.done' });
    expect(actor.getSnapshot().can({ type: 'cmd.validate' })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'cmd.promote' })).toBe(false);
    expect(actor.getSnapshot().can({ type: 'cmd.rollback' })).toBe(false);
  });

  it('testing promotes only through testPassed, else discards when decided', () => {
    const pass = start('periodic', { testPassed: true });
    pass.send({ type: 'warmup.done' });
    pass.send({ type: 'schedule.due' });
    expect(pass.send({ type: 'candidate.ready' })).toBe('testing');
    expect(pass.send({ type: 'test.check' })).toBe('serving');
    expect(pass.calls).toContain('promote:false');
    expect(pass.actor.getSnapshot().context.probation).toBe(true);
    const fail = start('periodic', { testDecided: true });
    fail.send({ type: 'warmup.done' });
    fail.send({ type: 'schedule.due' });
    fail.send({ type: 'candidate.ready' });
    expect(fail.send({ type: 'test.check' })).toBe('serving');
    expect(fail.calls).toContain('discard:test rejected');
    const open = start('periodic');
    open.send({ type: 'warmup.done' });
    open.send({ type: 'schedule.due' });
    open.send({ type: 'candidate.ready' });
    expect(open.send({ type: 'test.check' })).toBe('testing');
  });

  it('a forced promotion is recorded as forced', () => {
    const { send, calls } = start('none');
    send({ type: 'warmup.done' });
    send({ type: 'cmd.update' });
    send({ type: 'candidate.ready' });
    expect(send({ type: 'cmd.promote' })).toBe('serving');
    expect(calls).toContain('promote:true');
  });

  it('rollback passes through the rollback state back to serving and ends probation', () => {
    const { actor, send, calls } = start('periodic', { testPassed: true, canRollback: true });
    send({ type: 'warmup.done' });
    send({ type: 'schedule.due' });
    send({ type: 'candidate.ready' });
    send({ type: 'test.check' });
    expect(send({ type: 'probation.failed', message: 'worse' })).toBe('serving');
    expect(calls.at(-1)).toBe('restore');
    expect(actor.getSnapshot().context.probation).toBe(false);
  });

  it('a failed candidate build and the safe state return to serving', () => {
    const { send, calls } = start('periodic');
    send({ type: 'warmup.done' });
    send({ type: 'schedule.due' });
    expect(send({ type: 'candidate.failed', reason: 'x' })).toBe('serving');
    expect(send({ type: 'quality.failed', message: 'stale' })).toBe('safe');
    expect(send({ type: 'cmd.update' })).toBe('safe');
    expect(send({ type: 'quality.recovered' })).toBe('serving');
    expect(calls).toEqual([
      'activateChampion',
      'startCandidate:schedule',
      'discard:build failed',
      'enterSafe',
      'leaveSafe',
    ]);
  });
});
