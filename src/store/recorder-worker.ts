import { parentPort, workerData } from 'node:worker_threads';
import { buffersOf, type ColumnBatch } from './column-batch.ts';
import { Recorder } from './recorder.ts';
import {
  type RecorderCommand,
  type RecorderReply,
  type RecorderWorkerData,
  SLOT,
} from './recorder-protocol.ts';

/**
 * The recording thread of {@link ThreadedRecorder} (started by it; never imported): opens the run
 * file through the inline {@link Recorder}, appends the batches the tick thread sends, in order,
 * flushes when asked (and on the Recorder's own timer), finishes and closes the file.
 */

const data = workerData as RecorderWorkerData;
const state = new Int32Array(data.state);
const port = parentPort;
let recorder: Recorder | null = null;
let failure: string | null = null;

/** Records the first error: the tick thread sees the flag at its next write, flush or finish. */
function fail(error: unknown): void {
  if (failure !== null) return;
  failure = (error as Error).message ?? String(error);
  data.replies.postMessage({ type: 'error', message: failure } satisfies RecorderReply);
  Atomics.store(state, SLOT.failed, 1);
  Atomics.notify(state, SLOT.consumed);
  Atomics.notify(state, SLOT.flushed);
}

function onBatch(batch: ColumnBatch): void {
  try {
    if (failure === null) recorder?.writeBatch(batch);
  } catch (error) {
    fail(error);
  }
  Atomics.add(state, SLOT.consumed, 1);
  Atomics.notify(state, SLOT.consumed);
  // the buffers go back to be filled again
  data.replies.postMessage(
    { type: 'recycle', table: batch.table, columns: batch.columns } satisfies RecorderReply,
    buffersOf(batch.columns),
  );
}

async function onCommand(m: RecorderCommand): Promise<void> {
  if (m.type === 'batch') return onBatch(m.batch);
  if (m.type === 'flush') {
    try {
      if (failure === null) recorder?.flush();
    } catch (error) {
      fail(error);
    }
    if (m.id > 0) {
      Atomics.store(state, SLOT.flushed, m.id);
      Atomics.notify(state, SLOT.flushed);
    }
    return;
  }
  // Recorder.finish closes the file whatever happens; its error names the file already
  let message: string | null = null;
  try {
    await recorder?.finish(m.status, m.info);
  } catch (error) {
    message = (error as Error).message;
  }
  if (message === null && failure !== null)
    message = `finishing the run file ${data.file}: ${failure}`;
  port?.postMessage(
    (message === null ? { type: 'finished' } : { type: 'error', message }) satisfies RecorderReply,
  );
}

try {
  recorder = await Recorder.open(data.file, data.run, data.options);
  // batches and flushes are synchronous; only finish awaits (the last command)
  port?.on('message', (m: RecorderCommand) => void onCommand(m));
  port?.postMessage({ type: 'opened' } satisfies RecorderReply);
} catch (error) {
  port?.postMessage({ type: 'error', message: (error as Error).message } satisfies RecorderReply);
}
