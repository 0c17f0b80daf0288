import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ReplayClock } from '../../src/clock/index.ts';
import type { EpochMs } from '../../src/core/index.ts';
import { fcParams } from '../helpers/fc-params.ts';

describe('ReplayClock', () => {
  it('doc example', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const clock = new ReplayClock(0 as EpochMs);
    clock.setTimeout(() => console.log('fired at', clock.now()), 500);
    clock.advanceTo(1000 as EpochMs);
    expect(log).toHaveBeenCalledWith('fired at', 500);
    expect(clock.now()).toBe(1000);
    log.mockRestore();
  });

  it('fires timers in (due, creation) order and skips cleared ones', () => {
    const clock = new ReplayClock(0 as EpochMs);
    const order: string[] = [];
    clock.setTimeout(() => order.push('b@20'), 20);
    clock.setTimeout(() => order.push('a@10'), 10);
    const c = clock.setTimeout(() => order.push('cleared'), 15);
    clock.setTimeout(() => order.push('c@20'), 20);
    clock.clearTimeout(c);
    expect(clock.pending).toBe(3);
    expect(clock.nextDue()).toBe(10);
    clock.advanceTo(30 as EpochMs);
    expect(order).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.pending).toBe(0);
    expect(clock.nextDue()).toBeUndefined();
  });

  it('clearing a timer that already fired does not disturb the count of pending ones', () => {
    const clock = new ReplayClock(0 as EpochMs);
    const id = clock.setTimeout(() => {}, 1);
    clock.advanceTo(5 as EpochMs);
    clock.clearTimeout(id);
    clock.setTimeout(() => {}, 1);
    expect(clock.pending).toBe(1);
  });

  it('refuses to go backwards', () => {
    const clock = new ReplayClock(10 as EpochMs);
    expect(() => clock.advanceTo(9 as EpochMs)).toThrow(
      /clock must not go backwards: got 9 after 10/,
    );
  });

  it('property: now() never decreases, inside timers or between advances', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            advance: fc.integer({ min: 0, max: 50 }),
            delay: fc.integer({ min: -5, max: 80 }),
          }),
          { maxLength: 40 },
        ),
        (steps) => {
          const clock = new ReplayClock(0 as EpochMs);
          const seen: number[] = [];
          let t = 0;
          for (const s of steps) {
            clock.setTimeout(() => {
              seen.push(clock.now());
              clock.setTimeout(() => seen.push(clock.now()), s.delay);
            }, s.delay);
            t += s.advance;
            clock.advanceTo(t as EpochMs);
            seen.push(clock.now());
          }
          for (let i = 1; i < seen.length; i++) expect(seen[i]! >= seen[i - 1]!).toBe(true);
        },
      ),
      fcParams(200),
    );
  });
});
