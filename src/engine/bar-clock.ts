import { fromCallback } from 'xstate';
import type { BarTimerInput, LifecycleEvent } from '../lifecycle/index.ts';

interface BarTimer {
  readonly id: number;
  readonly due: number;
  readonly at: 'open' | 'close';
  readonly fn: () => void;
}

/**
 * Time in bars for one symbol: the bar-count twin of the market {@link Clock}, on which the
 * lifecycle machine's bar-count delays run (its invoked `barTimer` actors, see
 * {@link barTimerLogic}). Every bar after warmup first *opens* (the schedule looks at it), then
 * *closes* (an update's latency counts it): a timer started as a bar opens counts that bar's
 * close but not its opening. Timers due at the same point fire in (due, start) order, including
 * timers started while firing. O(timers) per bar; a symbol has at most two.
 *
 * @example
 * const bars = new BarClock();
 * bars.setTimeout(() => console.log('built'), 1, 'close');
 * bars.tick(); // logs "built" at the first bar's close
 */
export class BarClock {
  private opens = 0;
  private closes = 0;
  private nextId = 1;
  private readonly timers: BarTimer[] = [];

  /**
   * Calls `fn` at the `bars`-th bar open (`open`) or close (`close`) from now; with 0 bars at the
   * next one, or at once when such a point is under way.
   */
  setTimeout(fn: () => void, bars: number, at: 'open' | 'close'): number {
    const id = this.nextId++;
    this.timers.push({ id, due: (at === 'open' ? this.opens : this.closes) + bars, at, fn });
    return id;
  }

  /** Cancels a timer; an unknown or fired id does nothing. */
  clearTimeout(id: number): void {
    const i = this.timers.findIndex((t) => t.id === id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** One bar: it opens, then closes. */
  tick(): void {
    this.opens++;
    this.fire('open', this.opens);
    this.closes++;
    this.fire('close', this.closes);
  }

  /** Timers waiting. */
  get pending(): number {
    return this.timers.length;
  }

  private fire(at: 'open' | 'close', now: number): void {
    for (;;) {
      let next: BarTimer | undefined;
      for (const t of this.timers)
        if (t.at === at && t.due <= now && (next === undefined || t.due < next.due)) next = t;
      if (next === undefined) return;
      this.clearTimeout(next.id);
      next.fn();
    }
  }
}

/**
 * The machine's `barTimer` actor on the {@link BarClock} of its actor system (`clockOf`): sends
 * `input.event` to the machine once `input.bars` bar opens or closes have passed, unless the
 * machine stops the actor first (it leaves the state that invoked it).
 */
export function barTimerLogic(clockOf: (system: object) => BarClock) {
  return fromCallback<LifecycleEvent, BarTimerInput>(({ input, sendBack, system }) => {
    const clock = clockOf(system);
    const id = clock.setTimeout(() => sendBack(input.event), input.bars, input.at);
    return () => clock.clearTimeout(id);
  });
}
