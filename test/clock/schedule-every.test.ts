import { describe, expect, it } from 'vitest';
import { ReplayClock, scheduleEvery } from '../../src/clock/index.ts';
import { type Clock, type EpochMs, InputError, InvariantError } from '../../src/core/index.ts';

describe('scheduleEvery', () => {
  it('doc example', () => {
    const clock = new ReplayClock(0 as EpochMs);
    const seen: number[] = [];
    scheduleEvery(clock, 100, (ts) => seen.push(ts));
    clock.advanceTo(350 as EpochMs);
    expect(seen).toEqual([100, 200, 300]);
  });

  it('fires every tick a slice jumps over, with now() at each tick, and stops when cancelled', () => {
    const clock = new ReplayClock(1000 as EpochMs);
    const seen: Array<[number, number]> = [];
    const timer = scheduleEvery(clock, 10, (ts) => seen.push([ts, clock.now()]));
    clock.advanceTo(1005 as EpochMs);
    expect(seen).toEqual([]);
    clock.advanceTo(1030 as EpochMs);
    expect(seen).toEqual([
      [1010, 1010],
      [1020, 1020],
      [1030, 1030],
    ]);
    expect(timer.nextTs).toBe(1040);
    timer.cancel();
    timer.cancel();
    expect(timer.nextTs).toBeUndefined();
    clock.advanceTo(2000 as EpochMs);
    expect(seen).toHaveLength(3);
    expect(clock.pending).toBe(0);
  });

  it('can be cancelled from inside its own callback', () => {
    const clock = new ReplayClock(0 as EpochMs);
    let n = 0;
    const t = scheduleEvery(clock, 5, () => {
      if (++n === 2) t.cancel();
    });
    clock.advanceTo(100 as EpochMs);
    expect(n).toBe(2);
  });

  it('aligns to multiples of the period plus an offset', () => {
    const HOUR = 3_600_000;
    const clock = new ReplayClock(Date.UTC(2024, 0, 1, 9, 17) as EpochMs);
    const seen: string[] = [];
    scheduleEvery(clock, HOUR, (ts) => seen.push(new Date(ts).toISOString().slice(11, 16)), {
      align: true,
    });
    scheduleEvery(
      clock,
      24 * HOUR,
      (ts) => seen.push(`daily ${new Date(ts).toISOString().slice(0, 16)}`),
      { align: true, offsetMs: 21 * HOUR },
    );
    clock.advanceTo(Date.UTC(2024, 0, 1, 12, 0) as EpochMs);
    expect(seen).toEqual(['10:00', '11:00', '12:00']);
    clock.advanceTo(Date.UTC(2024, 0, 1, 21, 0) as EpochMs);
    // same due time: the daily timer was armed first, so it fires first
    expect(seen.slice(-2)).toEqual(['daily 2024-01-01T21:00', '21:00']);
  });

  it('does not drift on a clock that fires late', () => {
    // A live-like clock: every timer fires 3 ms after it was due.
    let now = 0;
    const queue: Array<{ due: number; fn: () => void; id: number }> = [];
    let nextId = 1;
    const late: Clock = {
      now: () => now as EpochMs,
      setTimeout: (fn, delayMs) => {
        queue.push({ due: now + delayMs, fn, id: nextId });
        return nextId++;
      },
      clearTimeout: () => {},
    };
    const seen: number[] = [];
    scheduleEvery(late, 100, (ts) => seen.push(ts));
    for (let i = 0; i < 4; i++) {
      const t = queue.shift()!;
      now = t.due + 3;
      t.fn();
    }
    expect(seen).toEqual([100, 200, 300, 400]);
    expect(queue[0]?.due).toBe(500);
  });

  it('refuses a bad period and a clock that has not started', () => {
    expect(() => scheduleEvery(new ReplayClock(0 as EpochMs), 0, () => {})).toThrow(InputError);
    expect(() =>
      scheduleEvery(new ReplayClock(Number.MIN_SAFE_INTEGER as EpochMs), 1000, () => {}),
    ).toThrow(InvariantError);
  });
});
