import { map, VirtualTimeScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { pacedReplay, ReplayClock, scheduleEvery } from '../../src/clock/index.ts';
import { type Bar, type EpochMs, InputError } from '../../src/core/index.ts';
import { bar } from '../helpers/bars.ts';

const MIN = 60_000;

async function* lazily(batches: readonly (readonly Bar[])[]): AsyncGenerator<readonly Bar[]> {
  for (const b of batches) {
    await Promise.resolve();
    yield b;
  }
}

/** Runs a virtual-time scheduler until `finished()`, letting promises settle between flushes. */
async function drive(scheduler: VirtualTimeScheduler, finished: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !finished(); i++) {
    await new Promise<void>((r) => setImmediate(r));
    scheduler.flush();
  }
}

describe('pacedReplay', () => {
  it('doc example: one bar per market minute at 60× is one slice per virtual second (marble test)', () => {
    const testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    testScheduler.run(({ expectObservable }) => {
      const clock = new ReplayClock(0 as EpochMs);
      const batches = [
        [bar('A', 0), bar('B', 0)],
        [bar('A', MIN)],
        [bar('A', 3 * MIN), bar('B', 3 * MIN)],
      ];
      const ts$ = pacedReplay(batches, clock, { speed: 60, scheduler: testScheduler }).pipe(
        map((s) => `${s.ts / MIN}:${s.bars.length}`),
      );
      expectObservable(ts$).toBe('a 999ms b 1999ms (c|)', { a: '0:2', b: '1:1', c: '3:2' });
    });
  });

  it('emits at (ts − first ts) / speed on a virtual scheduler with a lazy (async) source, with the clock at the slice time', async () => {
    const scheduler = new VirtualTimeScheduler();
    const clock = new ReplayClock(0 as EpochMs);
    const start = Date.UTC(2024, 0, 2, 9, 30);
    const batches = [
      [bar('A', start)],
      [bar('A', start + MIN), bar('B', start + MIN)],
      [bar('B', start + 2 * MIN)],
      [bar('A', start + 10 * MIN)],
    ];
    const seen: Array<[number, number, number]> = [];
    let done = false;
    pacedReplay(lazily(batches), clock, { speed: 120, scheduler }).subscribe({
      next: (s) => seen.push([scheduler.now(), (s.ts - start) / MIN, clock.now() - start]),
      complete: () => {
        done = true;
      },
    });
    await drive(scheduler, () => done);
    expect(done).toBe(true);
    expect(seen).toEqual([
      [0, 0, 0],
      [500, 1, MIN],
      [1000, 2, 2 * MIN],
      [5000, 10, 10 * MIN],
    ]);
  });

  it('emits exactly the slices of an unpaced replay, in the same order', async () => {
    const scheduler = new VirtualTimeScheduler();
    const clock = new ReplayClock(0 as EpochMs);
    const bars = Array.from({ length: 200 }, (_, i) =>
      bar(i % 3 === 0 ? 'B' : 'A', Math.floor(i / 2) * 1000),
    );
    const batches = [bars.slice(0, 77), bars.slice(77, 150), bars.slice(150)];
    const out: Bar[] = [];
    let done = false;
    pacedReplay(lazily(batches), clock, { speed: 1000, scheduler }).subscribe({
      next: (s) => out.push(...s.bars),
      complete: () => (done = true),
    });
    await drive(scheduler, () => done);
    expect(out).toEqual(bars);
  });

  it('fires market-time timers between slices at their own paced moment', async () => {
    const scheduler = new VirtualTimeScheduler();
    const clock = new ReplayClock(0 as EpochMs);
    const fired: Array<[number, number]> = [];
    let done = false;
    let armed = false;
    pacedReplay(lazily([[bar('A', 0)], [bar('A', 10 * MIN)]]), clock, {
      speed: 60,
      scheduler,
    }).subscribe({
      next: () => {
        if (armed) return;
        armed = true;
        scheduleEvery(clock, 3 * MIN, (ts) => fired.push([ts / MIN, scheduler.now()]));
      },
      complete: () => (done = true),
    });
    await drive(scheduler, () => done);
    // ticks at market minutes 3, 6, 9 → real 3 s, 6 s, 9 s at 60×; the slice at minute 10 comes at 10 s
    expect(fired).toEqual([
      [3, 3000],
      [6, 6000],
      [9, 9000],
    ]);
  });

  it('stops emitting when unsubscribed', async () => {
    const scheduler = new VirtualTimeScheduler();
    const clock = new ReplayClock(0 as EpochMs);
    const seen: number[] = [];
    const sub = pacedReplay(lazily([[bar('A', 0)], [bar('A', 1000)], [bar('A', 2000)]]), clock, {
      speed: 1,
      scheduler,
    }).subscribe((s) => {
      seen.push(s.ts);
      if (s.ts === 1000) sub.unsubscribe();
    });
    await drive(scheduler, () => false);
    expect(seen).toEqual([0, 1000]);
  });

  it('reports bars out of order as an error', async () => {
    const scheduler = new VirtualTimeScheduler();
    let error: unknown;
    pacedReplay(lazily([[bar('A', 5)], [bar('A', 1)]]), new ReplayClock(0 as EpochMs), {
      speed: 1,
      scheduler,
    }).subscribe({ error: (e: unknown) => (error = e) });
    await drive(scheduler, () => error !== undefined);
    expect(String(error)).toMatch(/bars must come in time order/);
  });

  it('refuses a speed that is not a finite number > 0', () => {
    for (const speed of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => pacedReplay([], new ReplayClock(0 as EpochMs), { speed })).toThrow(InputError);
    }
    expect(() => pacedReplay([], new ReplayClock(0 as EpochMs), { speed: 0 })).toThrow(
      /replay speed to be a finite number > 0, got `0`/,
    );
  });
});
