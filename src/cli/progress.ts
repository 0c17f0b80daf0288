import { formatProgressLine } from './progress-line.ts';

/** Where progress is drawn: a subset of `process.stderr`. */
export interface ProgressStream {
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
  write(text: string): unknown;
}

/** A progress line on a terminal: one phase at a time, redrawn in place, cleared at the end. */
export interface Progress {
  /** Starts a phase (it replaces the previous one's line). */
  phase(label: string, options?: { total?: number | undefined; unit?: string | undefined }): void;
  /** The count of the current phase; redrawn at most every `minIntervalMs`. */
  update(done: number, detail?: string): void;
  /** Clears the line and stops the spinner's timer. The progress can start a new phase after. */
  stop(): void;
}

export interface ProgressOptions {
  readonly stream: ProgressStream;
  /** False for `--quiet`, `--json` and other non-interactive uses. */
  readonly enabled: boolean;
  /** Milliseconds clock (default `performance.now`). */
  readonly now?: () => number;
  /** Least time between two redraws (default 100 ms: at most ~10 per second). */
  readonly minIntervalMs?: number;
  /** Animate the spinner with a timer while the event loop is free (default true). */
  readonly animate?: boolean;
}

const CLEAR = '\r\x1b[2K';

/** A progress that draws nothing. */
export const NO_PROGRESS: Progress = { phase: () => {}, update: () => {}, stop: () => {} };

/**
 * A progress line on `stream`, drawn only when `enabled`, the stream is a terminal and `TERM` is
 * not `dumb`; otherwise {@link NO_PROGRESS}. Each draw rewrites the line (`\r`, clear line);
 * updates between two draws are kept and shown by the next. A timer (unref'd, so it never keeps
 * the process alive) redraws the spinner while the work awaits I/O.
 *
 * @example
 * const progress = createProgress({ stream: process.stderr, enabled: !quiet });
 * progress.phase('replay model', { total: 20_000, unit: 'bars' });
 * progress.update(5_000);
 * progress.stop();
 */
export function createProgress(options: ProgressOptions): Progress {
  const { stream } = options;
  if (!options.enabled || stream.isTTY !== true || process.env['TERM'] === 'dumb')
    return NO_PROGRESS;
  const now = options.now ?? (() => performance.now());
  const minInterval = options.minIntervalMs ?? 100;
  let label = '';
  let total: number | undefined;
  let unit: string | undefined;
  let done: number | undefined;
  let detail: string | undefined;
  let since: { done: number; elapsedMs: number } | undefined;
  let started = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let shown = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const draw = (): void => {
    const t = now();
    lastDraw = t;
    const line = formatProgressLine(
      { label, done, total, unit, detail, since, elapsedMs: t - started },
      stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80,
    );
    stream.write(`${CLEAR}${line}`);
    shown = true;
  };
  return {
    phase(next, o = {}) {
      label = next;
      total = o.total;
      unit = o.unit;
      done = undefined;
      detail = undefined;
      since = undefined;
      started = now();
      draw();
      if (timer === undefined && options.animate !== false) {
        timer = setInterval(() => {
          if (now() - lastDraw >= minInterval) draw();
        }, minInterval);
        timer.unref();
      }
    },
    update(n, d) {
      // the rate counts from the first update: time spent before counting started is not work
      if (since === undefined && n > 0) since = { done: n, elapsedMs: now() - started };
      done = n;
      detail = d;
      if (now() - lastDraw >= minInterval) draw();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (shown) stream.write(CLEAR);
      shown = false;
    },
  };
}
