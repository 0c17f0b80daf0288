import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { BarClock, barTimerLogic } from '../../src/engine/bar-clock.ts';

describe('BarClock', () => {
  it('doc example: a timer of one close fires at the first bar close', () => {
    const bars = new BarClock();
    const seen: string[] = [];
    bars.setTimeout(() => seen.push('built'), 1, 'close');
    bars.tick();
    expect(seen).toEqual(['built']);
  });

  it('each bar opens then closes; a timer started as a bar opens counts that bar’s close', () => {
    const bars = new BarClock();
    const seen: string[] = [];
    bars.setTimeout(
      () => {
        seen.push('open 2');
        bars.setTimeout(() => seen.push('close 2'), 1, 'close');
        bars.setTimeout(() => seen.push('close 3'), 2, 'close');
        bars.setTimeout(() => seen.push('open 3'), 1, 'open');
      },
      2,
      'open',
    );
    bars.setTimeout(() => seen.push('close 2 (first started)'), 2, 'close');
    bars.tick();
    expect(seen).toEqual([]);
    bars.tick();
    expect(seen).toEqual(['open 2', 'close 2 (first started)', 'close 2']);
    bars.tick();
    expect(seen.slice(3)).toEqual(['open 3', 'close 3']);
    expect(bars.pending).toBe(0);
  });

  it('a cleared timer never fires', () => {
    const bars = new BarClock();
    let fired = 0;
    const id = bars.setTimeout(() => fired++, 1, 'close');
    bars.clearTimeout(id);
    bars.clearTimeout(999);
    bars.tick();
    expect(fired).toBe(0);
  });

  it('barTimerLogic: sends its event when due, unless the machine stopped it first', () => {
    const bars = new BarClock();
    const got: number[] = [];
    let bar = 0;
    const machine = createMachine({
      initial: 'waiting',
      states: {
        waiting: {
          invoke: {
            src: barTimerLogic(() => bars),
            input: { bars: 2, at: 'open', event: { type: 'schedule.due' } },
          },
          on: { 'schedule.due': { actions: () => got.push(bar) }, stop: 'stopped' },
        },
        stopped: {
          invoke: {
            src: barTimerLogic(() => bars),
            input: { bars: 1, at: 'close', event: { type: 'never' } },
          },
          on: { leave: 'left' },
        },
        left: {},
      },
    });
    const actor = createActor(machine).start();
    for (bar = 1; bar <= 4; bar++) bars.tick();
    expect(got).toEqual([2]);
    actor.send({ type: 'stop' });
    expect(bars.pending).toBe(1);
    actor.send({ type: 'leave' });
    expect(bars.pending).toBe(0);
  });

  it('a timer of 0 bars fires at the next point of its kind, or at once while one is under way', () => {
    const bars = new BarClock();
    const seen: string[] = [];
    bars.setTimeout(() => seen.push('next open'), 0, 'open');
    bars.setTimeout(
      () => {
        seen.push('close 1');
        bars.setTimeout(() => seen.push('open 2 (started at a close)'), 0, 'open');
      },
      1,
      'close',
    );
    bars.setTimeout(
      () => {
        seen.push('open 1');
        bars.setTimeout(() => seen.push('open 1 again (under way)'), 0, 'open');
      },
      1,
      'open',
    );
    bars.tick();
    bars.tick();
    expect(seen).toEqual([
      'next open',
      'open 1',
      'open 1 again (under way)',
      'close 1',
      'open 2 (started at a close)',
    ]);
  });
});
