import type { MessagePort, Worker } from 'node:worker_threads';
import { StoreError } from '../core/index.ts';
import type { ColumnBatch } from './column-batch.ts';
import type { RecorderOptions, RunInfo, RunStatus } from './recorder.ts';

/*
 * The messages between ThreadedRecorder (the tick thread) and its recording thread
 * (recorder-worker.ts), and the wait for one. Importing this file starts nothing.
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

/** Waits for the recording thread's `want` message on its parent port (or its error or exit). */
export function reply(worker: Worker, want: 'opened' | 'finished', file: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: RecorderReply): void => {
      if (m.type !== want && m.type !== 'error') return;
      cleanup();
      if (m.type === 'error') reject(new StoreError(m.message));
      else resolve();
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(new StoreError(`the recording thread of ${file} failed: ${e.message}`, { cause: e }));
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new StoreError(`the recording thread of ${file} exited (code ${code})`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
