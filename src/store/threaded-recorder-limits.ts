import type { RecorderOptions } from './recorder.ts';

/** Options of {@link ThreadedRecorder.open}: the inline recorder's, plus batching (tests tune them). */
export interface ThreadedRecorderOptions extends RecorderOptions {
  /** Rows of one table per batch sent to the recording thread; default 8,192. */
  readonly batchRows?: number;
  /** Batches sent and not yet appended before `write` waits; default 32. */
  readonly maxInFlight?: number;
}

/** Rows per batch sent to the recording thread (four 2,048-row data chunks). */
export const BATCH_ROWS = 8192;

/**
 * Batches sent and not yet appended before `write` waits: bounds the memory between the threads
 * (about 32 × 8,192 rows × 8 bytes × columns, ~20 MB for the widest table) when recording is slower
 * than the engine.
 */
export const MAX_IN_FLIGHT = 32;

/** Waits of 100 ms for the recording thread before giving up on it (2 minutes). */
export const MAX_WAITS = 1200;

/**
 * The recording thread's entry: the compiled module in the built package; from the sources, a
 * bootstrap that registers tsx first (a worker thread does not inherit the parent's loader).
 */
export const RECORDER_WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../bin/recorder-worker.js', import.meta.url)
  : new URL('./recorder-worker.js', import.meta.url);
