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

  it('barTimerLogic: sends its event when due (then every bar if repeating) until the machine stops it', () => {
    const bars = new BarClock();
    const got: number[] = [];
    let bar = 0;
    const machine = createMachine({
      initial: 'waiting',
      states: {
        waiting: {
          invoke: {
            src: barTimerLogic(bars),
            input: { bars: 2, at: 'open', repeat: true, event: { type: 'schedule.due' } },
          },
          on: {
            'schedule.due': { actions: () => got.push(bar) },
            stop: 'stopped',
          },
        },
        stopped: {},
      },
    });
    const actor = createActor(machine).start();
    for (bar = 1; bar <= 4; bar++) bars.tick();
    expect(got).toEqual([2, 3, 4]);
    actor.send({ type: 'stop' });
    expect(bars.pending).toBe(0);
  });
});
