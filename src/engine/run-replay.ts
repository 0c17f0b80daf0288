import { pacedReplay, ReplayClock, replay } from '../clock/index.ts';
import type { EpochMs } from '../core/index.ts';
import type { BarSource } from '../feeds/index.ts';
import type { Engine } from './engine.ts';

/** Options of {@link runReplay}. */
export interface RunReplayOptions {
  /** Paced replay: market ms per real ms (see `pacedReplay`); default as fast as possible. */
  readonly speed?: number | undefined;
  /**
   * Progress side channel: called with the bars and slices processed so far, after the first
   * slice that takes the count `progressEveryBars` past the last call, and once more at the
   * end of a complete replay. It only
   * observes counts; what the engine does never depends on it (the caller may read the wall
   * clock in it, the replay does not).
   */
  readonly onProgress?: ((bars: number, slices: number) => void) | undefined;
  /** Bars between two `onProgress` calls (default 1,024). */
  readonly progressEveryBars?: number | undefined;
  /**
   * Decision latency side channel: with a stopwatch (ms, e.g. `performance.now`), `onDecision`
   * gets the time from a slice's release by the clock (its bars closed) to the engine having
   * decided and recorded every bar of it. Observes only, like `onProgress`.
   */
  readonly stopwatch?: (() => number) | undefined;
  readonly onDecision?: ((ms: number) => void) | undefined;
}

/**
 * Replays a source through an engine on a virtual clock, as fast as possible (or paced at
 * `speed`× market time, see `pacedReplay`), and finishes the engine at the end — on completion,
 * on abort and on the first error (bad data, invariant) alike, so the predictions still waiting
 * for their label are recorded; then resolves, or rejects with that error. The abort listener is
 * removed when the replay ends. `onProgress` reports counts as the replay goes (see {@link RunReplayOptions}).
 *
 * @example
 * const { bars } = await runReplay(source, engine, clock, signal, { onProgress: (n) => console.error(n) });
 */
export function runReplay(
  source: BarSource,
  engine: Engine,
  clock: ReplayClock,
  signal?: AbortSignal,
  options: RunReplayOptions = {},
): Promise<{ bars: number; slices: number; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    let aborted = false;
    let settled = false;
    const { onProgress, stopwatch, onDecision } = options;
    const timed = stopwatch !== undefined && onDecision !== undefined;
    const every = Math.max(1, options.progressEveryBars ?? 1024);
    let nextReport = every;
    const slices =
      options.speed === undefined
        ? replay(source.batches(), clock)
        : pacedReplay(source.batches(), clock, { speed: options.speed });
    // Assigned after subscribe returns; used by next() on failure.
    let sub: { unsubscribe(): void } | undefined;
    const onAbort = (): void => {
      aborted = true;
      sub?.unsubscribe();
      end(null);
    };
    /** Finishes the engine (recording what was processed) once, then settles. */
    const end = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      try {
        engine.finish();
      } catch (finishError) {
        if (error === null) error = finishError;
      }
      if (error !== null) reject(error);
      else {
        if (!aborted) onProgress?.(engine.bars, engine.slices);
        resolve({ bars: engine.bars, slices: engine.slices, aborted });
      }
    };
    sub = slices.subscribe({
      next: (slice) => {
        if (settled) return;
        try {
          const started = timed ? stopwatch() : 0;
          engine.onSlice(slice);
          if (timed) onDecision(stopwatch() - started);
          if (onProgress !== undefined && engine.bars >= nextReport) {
            nextReport = engine.bars + every;
            onProgress(engine.bars, engine.slices);
          }
        } catch (error) {
          // An error inside a subscriber's next would be rethrown asynchronously by RxJS (an
          // uncaught exception); stop the replay and reject instead, so the run is closed as failed.
          queueMicrotask(() => sub?.unsubscribe());
          end(error);
        }
      },
      error: (error: unknown) => end(error),
      complete: () => end(null),
    });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A replay clock starting at the epoch; it jumps to the first bar's time. */
export function createReplayClock(): ReplayClock {
  return new ReplayClock(Number.MIN_SAFE_INTEGER as EpochMs);
}
