import type { MessagePort } from 'node:worker_threads';
import type { ColumnBatch } from './column-batch.ts';
import type { RecorderOptions, RunInfo, RunStatus } from './recorder.ts';

/*
 * The messages between ThreadedRecorder (the tick thread) and its recording thread
 * (recorder-worker.ts). Types and slot numbers only: importing this file starts nothing.
 */

/** What ThreadedRecorder.open gives the recording thread. */
export interface RecorderWorkerData {
  readonly file: string;
  readonly run: RunInfo;
  readonly options: RecorderOptions;
  /** Int32 slots shared with the tick thread: see {@link SLOT}. */
  readonly state: SharedArrayBuffer;
  /** Replies the tick thread reads synchronously (receiveMessageOnPort): recycled buffers, errors. */
  readonly replies: MessagePort;
}

/** Slots of the shared state. */
export const SLOT = { consumed: 0, flushed: 1, failed: 2 } as const;

/** Messages from the tick thread, in order. */
export type RecorderCommand =
  | { readonly type: 'batch'; readonly batch: ColumnBatch }
  /** `id` > 0 is acknowledged in SLOT.flushed; 0 is a timed flush nobody waits for. */
  | { readonly type: 'flush'; readonly id: number }
  | {
      readonly type: 'finish';
      readonly status: RunStatus;
      readonly info: { bars: number; rejects: number; error?: string; finishedAtMs: number };
    };

/** Messages to the tick thread: on parentPort (async: open, finish), on `replies` (sync). */
export type RecorderReply =
  | { readonly type: 'opened' }
  | { readonly type: 'finished' }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'recycle'; readonly table: string; readonly columns: unknown[] };
