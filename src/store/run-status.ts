/** How a run ended, as the report and summary.json present it. */
export interface RunOutcome {
  /** `complete`, `incomplete` (interrupted or killed), `failed`, or an unexpected recorded value. */
  readonly status: string;
  /** `status` with how an incomplete run stopped: `incomplete (interrupted)` or `incomplete (killed)`. */
  readonly label: string;
}

/**
 * The outcome of a run from its `runs` row. A run that ends normally records `complete`,
 * `incomplete` (Ctrl-C/SIGINT: stopped cleanly) or `failed`, with `finished_at`. A row still
 * `running` with no `finished_at` means the process died (kill -9, out of memory, power loss)
 * before it could write more: a DuckDB file another process is writing cannot be opened (the
 * writer holds the file lock), so a reader that sees `running` sees a dead run. It is
 * `incomplete (killed)`: its file holds every row flushed before the kill.
 *
 * @example
 * runOutcome('running', null); // { status: 'incomplete', label: 'incomplete (killed)' }
 * runOutcome('incomplete', 1_700_000_000_000); // { status: 'incomplete', label: 'incomplete (interrupted)' }
 */
export function runOutcome(recordedStatus: string, finishedAtMs: number | null): RunOutcome {
  if (recordedStatus === 'running' && finishedAtMs === null)
    return { status: 'incomplete', label: 'incomplete (killed)' };
  if (recordedStatus === 'incomplete')
    return { status: 'incomplete', label: 'incomplete (interrupted)' };
  return { status: recordedStatus, label: recordedStatus };
}
