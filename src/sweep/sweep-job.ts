/**
 * One job of a sweep: a scenario text plus `--set` overrides, a seed and a symbol shard, run into
 * its own folder. Plain JSON, so it crosses worker-thread and Redis boundaries unchanged.
 */
export interface SweepJob {
  /** `j001`, `j002`, … in grid order. */
  readonly id: string;
  /** Position in the grid (0-based). */
  readonly index: number;
  /** Swept parameter path → value, in the sweep file's order. */
  readonly parameters: Record<string, unknown>;
  readonly seed: number;
  /** 0-based shard index, and how many shards the symbols were split into. */
  readonly shard: number;
  readonly shards: number;
  /** The shard's symbols; null: every symbol the scenario selects. */
  readonly symbols: readonly string[] | null;
  /** `--set` pairs (path, JSON text) applied to the scenario. */
  readonly overrides: readonly (readonly [string, string])[];
  /** The scenario's YAML without its sweep block, data file made absolute. */
  readonly scenarioText: string;
  /** Absolute path of the data file (workers on other machines need it at the same path); null for a synthetic market. */
  readonly dataFile: string | null;
  /** Absolute output folder `DIR/jobs/<id>` (shared between machines in queue mode). */
  readonly outDir: string;
  /** The strategy whose portfolio metrics the sweep compares (the first variant). */
  readonly strategy: string;
}

/** How a job ended. `incomplete`: stopped early (Ctrl-C); `cancelled`: never started. */
export type JobStatus = 'complete' | 'incomplete' | 'failed' | 'cancelled';

/** What running a job gave. */
export interface JobResult {
  readonly id: string;
  readonly status: JobStatus;
  /** The error's one-line message when failed. */
  readonly error: string | null;
  readonly durationMs: number | null;
  readonly bars: number | null;
  /** Which worker ran it: `thread-2` locally, `host:pid/thread-1` on a queue worker. */
  readonly worker: string | null;
}

/** Runs one job (in a worker thread or a queue worker); never rejects: failures are results. */
export type JobRunner = (job: SweepJob, signal: AbortSignal) => Promise<JobResult>;
