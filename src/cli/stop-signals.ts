/** The signals that stop a long-running command, and their conventional exit codes. */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export type StopSignal = keyof typeof EXIT_CODES;

/** Listens for SIGINT and SIGTERM while a command runs. */
export interface StopSignals {
  /** Aborted by the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** Which signal stopped the command, if any. */
  received(): StopSignal | null;
  /** 130 after SIGINT, 143 after SIGTERM (128 + the signal number). */
  exitCode(): number;
  /** Stops listening. */
  dispose(): void;
}

/**
 * SIGINT (Ctrl-C) and SIGTERM (what `timeout`, docker and systemd send) both stop a command the
 * same clean way: its run finishes, the run file and the report are written. Every long-running
 * command (`run`, `serve`, `live`, `sweep`, `worker`) listens through this.
 *
 * @example
 * const stop = listenForStop();
 * try { await runScenario(request, { signal: stop.signal }); } finally { stop.dispose(); }
 * return stop.received() === null ? 0 : stop.exitCode();
 */
export function listenForStop(): StopSignals {
  const controller = new AbortController();
  let got: StopSignal | null = null;
  const handlers = new Map<StopSignal, () => void>();
  for (const name of Object.keys(EXIT_CODES) as StopSignal[]) {
    const handler = (): void => {
      got ??= name;
      controller.abort();
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  return {
    signal: controller.signal,
    received: () => got,
    exitCode: () => (got === null ? 0 : EXIT_CODES[got]),
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
