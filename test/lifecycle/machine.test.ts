import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, createActor } from 'xstate';
import { ReplayClock } from '../../src/clock/index.ts';
import type { EpochMs } from '../../src/core/index.ts';
import { BarClock, barTimerLogic } from '../../src/engine/bar-clock.ts';
import {
  type Candidate,
  fromSync,
  type LifecycleEvent,
  type LifecycleInput,
  lifecycleMachine,
  type PairedTestResult,
  type RefusalFacts,
  refusalReason,
  stageOf,
} from '../../src/lifecycle/index.ts';

const CANDIDATE = { name: 'v2' };

function verdict(n: number, decision: PairedTestResult['decision']): PairedTestResult {
  return { n, decision, statistic: 0, pValue: 0.5, meanDiff: 0, level: 0.05, df: null };
}

/** `stage.sub` of a snapshot, e.g. `serving.probation`, `updating.inBars`, `testing`. */
function where(s: Pick<AnyMachineSnapshot, 'value'>): string {
  const stage = (s.value as { stage: string | Record<string, string> }).stage;
  if (typeof stage === 'string') return stage;
  const [k, v] = Object.entries(stage)[0]!;
  return `${k}.${v}`;
}

/** The machine with recording actions, a builder and bar timers on a bar clock, on a virtual clock. */
function start(input: LifecycleInput, build: () => Candidate = () => CANDIDATE) {
  const calls: string[] = [];
  const clock = new ReplayClock(0 as EpochMs);
  const bars = new BarClock();
  const machine = lifecycleMachine.provide({
    actions: {
      activateChampion: () => calls.push('activateChampion'),
      startCandidate: (_, p) => calls.push(`startCandidate:${p.reason}`),
      startTest: (_, p) => calls.push(`startTest:${(p.candidate as typeof CANDIDATE).name}`),
      discardCandidate: (_, p) => calls.push(`discard:${p.reason}`),
      promoteChallenger: (_, p) => calls.push(`promote:${p.forced}`),
      restoreVersion: ({ event }) => calls.push(`restore:${event.type}`),
      endProbation: () => calls.push('endProbation'),
      reportFailure: ({ event }) =>
        calls.push(`failure:${event.type === 'action.failed' ? event.action : event.type}`),
    },
    actors: { buildCandidate: fromSync(build), barTimer: barTimerLogic(() => bars) },
  });
  /** Stage after each microstep, and the events that made the microsteps. */
  const stages: string[] = [];
  const events: LifecycleEvent[] = [];
  const actor = createActor(machine, {
    input,
    clock,
    inspect: (ev) => {
      if (ev.type !== '@xstate.microstep') return;
      stages.push(stageOf(ev.snapshot as AnyMachineSnapshot));
      events.push(ev.event as LifecycleEvent);
    },
  }).start();
  const send = (e: LifecycleEvent) => {
    actor.send(e);
    return where(actor.getSnapshot());
  };
  const now = () => where(actor.getSnapshot());
  return { actor, send, now, calls, clock, bars, stages, events };
}

const FACTS: RefusalFacts = { challenger: 2, restorable: [] };

describe('lifecycleMachine', () => {
  it('doc example: warmup → serving activates the first champion', () => {
    const actor = createActor(lifecycleMachine, { input: { policy: 'continuous' } }).start();
    actor.send({ type: 'warmup.done' });
    expect(stageOf(actor.getSnapshot())).toBe('serving');
  });

  it('only the policy’s own trigger starts an update; a manual update always can', () => {
    const c = start({ policy: 'continuous' });
    c.send({ type: 'warmup.done' });
    expect(c.calls).toEqual(['activateChampion']);
    expect(c.send({ type: 'drift.detected', detector: 'adwin' })).toBe('serving.steady');
    expect(c.send({ type: 'schedule.due' })).toBe('serving.steady');
    expect(c.send({ type: 'cmd.update' })).toBe('updating.inBars');
    const d = start({ policy: 'drift' });
    d.send({ type: 'warmup.done' });
    expect(d.send({ type: 'schedule.due' })).toBe('serving.steady');
    expect(d.send({ type: 'drift.detected', detector: 'adwin' })).toBe('updating.inBars');
    expect(d.calls).toContain('startCandidate:drift');
    const p = start({ policy: 'periodic' });
    p.send({ type: 'warmup.done' });
    expect(p.send({ type: 'schedule.due' })).toBe('updating.inBars');
    const g = start({ policy: 'degradation' });
    g.send({ type: 'warmup.done' });
    expect(g.send({ type: 'metrics.degraded', message: 'accuracy 0.4' })).toBe('updating.inBars');
  });

  it('ignores events that do not apply (no silent state change)', () => {
    const { actor, send } = start({ policy: 'periodic' });
    expect(send({ type: 'candidate.ready', candidate: CANDIDATE })).toBe('warmup');
    expect(actor.getSnapshot().can({ type: 'cmd.update' })).toBe(false);
    send({ type: 'warmup.done' });
    for (const e of [
      { type: 'cmd.validate', result: verdict(50, 'promote') },
      { type: 'cmd.promote' },
      { type: 'cmd.rollback' },
      { type: 'cmd.rollback', target: null },
      { type: 'probation.passed' },
    ] as const)
      expect(actor.getSnapshot().can(e)).toBe(false);
    expect(actor.getSnapshot().can({ type: 'cmd.rollback', target: 1 })).toBe(true);
  });

  it('the invoked builder: done → candidate.ready (its output to startTest), error → candidate.failed', () => {
    const ok = start({ policy: 'none' });
    ok.send({ type: 'warmup.done' });
    ok.send({ type: 'cmd.update' });
    ok.bars.tick(); // the next bar close builds it, within the tick
    expect(ok.now()).toBe('testing');
    expect(ok.calls).toEqual(['activateChampion', 'startCandidate:manual', 'startTest:v2']);
    const failing = start({ policy: 'none' }, () => {
      throw new Error('not enough resolved examples');
    });
    failing.send({ type: 'warmup.done' });
    failing.send({ type: 'cmd.update' });
    failing.bars.tick();
    expect(failing.now()).toBe('serving.steady');
    expect(failing.calls.at(-1)).toBe('discard:build failed');
    expect(failing.events.at(-1)).toEqual({
      type: 'candidate.failed',
      reason: 'not enough resolved examples',
    });
    expect(ok.events.at(-1)).toEqual({ type: 'candidate.ready', candidate: CANDIDATE });
  });

  it('testing promotes only on a passed test with minSamples labels, else rejects when decided', () => {
    const t = start({ policy: 'none', minSamples: 20 });
    t.send({ type: 'warmup.done' });
    t.send({ type: 'cmd.update' });
    t.bars.tick();
    expect(t.send({ type: 'test.check', result: verdict(19, 'promote') })).toBe('testing');
    expect(t.send({ type: 'test.check', result: verdict(20, 'continue') })).toBe('testing');
    expect(t.actor.getSnapshot().can({ type: 'cmd.validate', result: verdict(3, 'reject') })).toBe(
      false,
    );
    expect(t.send({ type: 'test.check', result: verdict(20, 'promote') })).toBe(
      'serving.probation',
    );
    expect(t.calls.at(-1)).toBe('promote:false');
    t.send({ type: 'cmd.update' });
    t.bars.tick();
    expect(t.send({ type: 'cmd.validate', result: verdict(25, 'reject') })).toBe(
      'serving.probation',
    );
    expect(t.calls.at(-1)).toBe('discard:test rejected');
  });

  it('a forced promotion is recorded as forced and starts probation', () => {
    const { send, calls, bars } = start({ policy: 'none' });
    send({ type: 'warmup.done' });
    send({ type: 'cmd.update' });
    bars.tick();
    expect(send({ type: 'cmd.promote' })).toBe('serving.probation');
    expect(calls.at(-1)).toBe('promote:true');
  });

  it('probation is a state: it survives an update, a rejected test and the safe state, and ends once', () => {
    const { send, calls, bars } = start({ policy: 'none', minSamples: 5 });
    send({ type: 'warmup.done' });
    send({ type: 'cmd.update' });
    bars.tick();
    send({ type: 'cmd.promote' });
    send({ type: 'cmd.update' });
    bars.tick();
    expect(send({ type: 'test.check', result: verdict(5, 'reject') })).toBe('serving.probation');
    expect(send({ type: 'quality.failed', message: 'stale' })).toBe('safe');
    expect(send({ type: 'quality.recovered' })).toBe('serving.probation');
    expect(send({ type: 'probation.passed' })).toBe('serving.steady');
    expect(calls.at(-1)).toBe('endProbation');
    expect(send({ type: 'probation.failed', message: 'late', target: 1 })).toBe('serving.steady');
  });

  it('a failed probation rolls back through the rollback stage, only to a kept version', () => {
    const { send, calls, bars, stages } = start({ policy: 'none' });
    send({ type: 'warmup.done' });
    send({ type: 'cmd.update' });
    bars.tick();
    send({ type: 'cmd.promote' });
    expect(send({ type: 'probation.failed', message: 'worse', target: null })).toBe(
      'serving.probation',
    );
    expect(send({ type: 'probation.failed', message: 'worse', target: 1 })).toBe('serving.steady');
    expect(calls.at(-1)).toBe('restore:probation.failed');
    expect(stages.slice(-2)).toEqual(['rollback', 'serving']);
    expect(send({ type: 'cmd.rollback', target: 2 })).toBe('serving.steady');
    expect(calls.at(-1)).toBe('restore:cmd.rollback');
  });

  it('an action that cannot do its work is reported, and a promotion that failed leaves probation', () => {
    const { send, calls, bars } = start({ policy: 'none' });
    send({ type: 'warmup.done' });
    send({ type: 'action.failed', action: 'restoreVersion', reason: 'v1 cannot be restored' });
    expect(calls.at(-1)).toBe('failure:restoreVersion');
    send({ type: 'cmd.update' });
    bars.tick();
    send({ type: 'cmd.promote' });
    expect(send({ type: 'action.failed', action: 'promoteChallenger', reason: 'none' })).toBe(
      'serving.steady',
    );
  });

  it('market-time delays run on the injected clock: update latency and the periodic grid', () => {
    const m = start({ policy: 'periodic', updateLatencyMs: 1500, periodMs: 1000 });
    m.send({ type: 'warmup.done' });
    m.clock.advanceTo(999 as EpochMs);
    expect(m.now()).toBe('serving.steady');
    m.clock.advanceTo(1000 as EpochMs);
    expect(m.now()).toBe('updating.onClock');
    m.clock.advanceTo(2000 as EpochMs); // due while updating: ignored, the grid goes on
    expect(m.now()).toBe('updating.onClock');
    m.clock.advanceTo(2500 as EpochMs);
    expect(m.now()).toBe('testing');
    m.send({ type: 'test.check', result: verdict(30, 'reject') });
    m.clock.advanceTo(2999 as EpochMs);
    expect(m.now()).toBe('serving.steady');
    m.clock.advanceTo(3000 as EpochMs);
    expect(m.now()).toBe('updating.onClock');
    m.actor.stop();
    expect(m.clock.pending).toBe(0);
  });

  it('bar-count delays run on the bar clock: latency counts closes, the period counts opens', () => {
    const b = start({ policy: 'periodic', periodBars: 3, updateLatencyBars: 1 });
    b.send({ type: 'warmup.done' });
    b.bars.tick();
    b.bars.tick();
    expect(b.now()).toBe('serving.steady');
    b.bars.tick(); // opens bar 3: due; its close is the first of the latency's two
    expect(b.now()).toBe('updating.inBars');
    b.bars.tick();
    expect(b.now()).toBe('testing');
    for (let i = 0; i < 3; i++) b.bars.tick(); // the period passes while testing
    b.send({ type: 'test.check', result: verdict(30, 'reject') });
    expect(b.now()).toBe('serving.steady');
    b.bars.tick(); // overdue: the next bar that opens in serving starts the update
    expect(b.now()).toBe('updating.inBars');
    const zero = start({ policy: 'periodic', periodBars: 2 });
    zero.send({ type: 'warmup.done' });
    zero.bars.tick();
    zero.bars.tick(); // the bar that starts the update also closes it: latency 0
    expect(zero.now()).toBe('testing');
    expect(zero.calls).toEqual(['activateChampion', 'startCandidate:schedule', 'startTest:v2']);
  });

  it('refusal reasons come from the state meta', () => {
    const r = start({ policy: 'none', minSamples: 20 });
    const why = (e: LifecycleEvent, facts = FACTS) =>
      refusalReason(r.actor.getSnapshot(), e, facts);
    expect(why({ type: 'cmd.update' })).toBe('still warming up: no champion serves yet');
    r.send({ type: 'warmup.done' });
    expect(why({ type: 'cmd.validate' })).toBe('no challenger under test (state serving)');
    expect(why({ type: 'cmd.promote' })).toBe('no challenger under test (state serving)');
    expect(why({ type: 'cmd.rollback', target: null })).toBe('no earlier champion to roll back to');
    expect(
      why({ type: 'cmd.rollback', version: 7, target: null }, { ...FACTS, restorable: [1, 3] }),
    ).toBe('version 7 is not an earlier champion with a kept snapshot (restorable: 1, 3)');
    r.send({ type: 'cmd.update' });
    expect(why({ type: 'cmd.update' })).toBe('an update is already running');
    r.bars.tick();
    expect(why({ type: 'cmd.update' })).toBe('a challenger (v2) is already under test');
    expect(why({ type: 'cmd.validate', result: verdict(3, 'reject') })).toBe(
      'only 3 of 20 labels resolved for the test',
    );
    r.send({ type: 'quality.failed', message: 'stale' });
    for (const type of ['cmd.update', 'cmd.validate', 'cmd.promote', 'cmd.rollback'] as const)
      expect(why({ type })).toBe('held in the safe state until the data is clean again');
  });
});
