import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import {
  type EquityRowWriter,
  type OutcomeEvent,
  type PredictionRowWriter,
  StoreError,
} from '../core/index.ts';
import {
  buffersOf,
  type ColumnBatch,
  ColumnBatcher,
  type ColumnData,
  tableOfEvent,
} from './column-batch.ts';
import {
  FLUSH_EVERY_MS,
  FLUSH_EVERY_ROWS,
  type RunInfo,
  type RunRecorder,
  type RunStatus,
} from './recorder.ts';
import {
  type RecorderCommand,
  type RecorderReply,
  type RecorderWorkerData,
  reply,
  SLOT,
} from './recorder-protocol.ts';
import type { TableName } from './schema.ts';
import {
  BATCH_ROWS,
  MAX_IN_FLIGHT,
  MAX_WAITS,
  RECORDER_WORKER,
  type ThreadedRecorderOptions,
} from './threaded-recorder-limits.ts';
import { type AppendCells, equityRowWriter, predictionRowWriter } from './tick-row-writers.ts';

type EventTable = Exclude<TableName, 'runs'>;

/**
 * A {@link RunRecorder} whose DuckDB file, appenders and flushes live on a worker thread, so the
 * engine's thread only encodes rows: each outcome's cells are read with its table's accessors
 * (store/schema.ts) into column buffers (column-batch.ts), and every 8,192 rows of a table are
 * transferred (typed arrays move, no copy) to the recording thread, which appends them through
 * the same {@link Recorder} and TableWriter as the inline path — the same rows in the same order,
 * so the same table contents. Replay and recording overlap on two cores.
 *
 * Backpressure: at most 32 batches are in flight; `write` then blocks (Atomics.wait) until the
 * recording thread catches up, so memory stays bounded whatever the speed difference. Buffers
 * come back to be refilled. `flush` ships what is waiting and waits until it is durable. Rows
 * also ship every `flushEveryMs` (an unref'd timer) so a slow live run's rows reach the file.
 * A recording error is rethrown (as a StoreError) by the next write, flush or finish.
 *
 * @example
 * const rec = await ThreadedRecorder.open('out/run.duckdb', info);
 * rec.write(outcome);
 * await rec.finish('complete', { bars: 100, rejects: 0, finishedAtMs: Date.now() });
 */
export class ThreadedRecorder implements RunRecorder {
  readonly file: string;
  private readonly worker: Worker;
  private readonly replies: MessagePort;
  private readonly state: Int32Array;
  private readonly run: RunInfo;
  private readonly batchers = new Map<EventTable, ColumnBatcher>();
  private readonly pool = new Map<string, ColumnData[][]>();
  /** Rows that came encoded (writeBatch), per table. */
  private readonly external = new Map<EventTable, number>();
  private readonly batchRows: number;
  private readonly maxInFlight: number;
  private readonly flushEveryRows: number;
  /** Rows written since every table's rows were last shipped with a flush request. */
  private sinceFlush = 0;
  private posted = 0;
  private waits = 0;
  private flushes = 0;
  private closed = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  private constructor(
    file: string,
    run: RunInfo,
    worker: Worker,
    replies: MessagePort,
    state: Int32Array,
    options: ThreadedRecorderOptions,
  ) {
    this.file = file;
    this.batchRows = Math.max(1, options.batchRows ?? BATCH_ROWS);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? MAX_IN_FLIGHT);
    this.flushEveryRows = options.flushEveryRows ?? FLUSH_EVERY_ROWS;
    this.run = run;
    this.worker = worker;
    this.replies = replies;
    this.state = state;
  }

  /** Starts the recording thread, which creates the file, its tables and the `runs` row. */
  static async open(
    file: string,
    run: RunInfo,
    options: ThreadedRecorderOptions = {},
  ): Promise<ThreadedRecorder> {
    const { batchRows: _b, maxInFlight: _m, ...inline } = options;
    const state = new Int32Array(new SharedArrayBuffer(4 * 4));
    const { port1, port2 } = new MessageChannel();
    const data: RecorderWorkerData = {
      file,
      run,
      options: inline,
      state: state.buffer as SharedArrayBuffer,
      replies: port2,
    };
    const worker = new Worker(RECORDER_WORKER, { workerData: data, transferList: [port2] });
    try {
      await reply(worker, 'opened', file);
    } catch (error) {
      port1.close();
      await worker.terminate();
      throw error;
    }
    // Neither keeps the process alive: a run that never finishes its recorder still exits.
    worker.unref();
    port1.unref();
    const rec = new ThreadedRecorder(file, run, worker, port1, state, options);
    const everyMs = options.flushEveryMs ?? FLUSH_EVERY_MS;
    rec.timer = setInterval(() => rec.shipTimed(), everyMs);
    rec.timer.unref();
    return rec;
  }

  write(e: OutcomeEvent): void {
    const b = this.batcher(tableOfEvent(e.type));
    if (b.add(e)) this.ship(b);
    this.counted();
  }

  equityWriter(symbol: string, strategy: string): EquityRowWriter {
    return equityRowWriter(symbol, strategy, this.cellsTo('equity'));
  }

  predictionWriter(variant: string, symbol: string): PredictionRowWriter {
    return predictionRowWriter(variant, symbol, this.cellsTo('predictions'));
  }

  /** Adds rows given as cells to a table's batches, as {@link write} adds events. */
  private cellsTo(table: EventTable): AppendCells {
    const b = this.batcher(table);
    return (cells) => {
      if (b.addCells(cells)) this.ship(b);
      this.counted();
    };
  }

  private batcher(table: EventTable): ColumnBatcher {
    let b = this.batchers.get(table);
    if (b === undefined) {
      b = new ColumnBatcher(table, this.run.dictionaries ?? {}, this.batchRows);
      this.batchers.set(table, b);
    }
    return b;
  }

  /** As the inline Recorder flushes every table at this count: the small tables' rows too. */
  private counted(): void {
    if (++this.sinceFlush >= this.flushEveryRows) this.shipFlush();
  }

  /** Times `write` waited for the recording thread to catch up (backpressure), and batches sent. */
  get stats(): { readonly waits: number; readonly batches: number } {
    return { waits: this.waits, batches: this.posted };
  }

  /**
   * Ships rows encoded on another thread (a live shard's worker) as they are: their buffers move
   * on to the recording thread without a copy. Backpressure and flushing as for {@link write}.
   */
  writeBatch(batch: ColumnBatch): void {
    this.send(batch, buffersOf(batch.columns));
    this.external.set(batch.table, (this.external.get(batch.table) ?? 0) + batch.rows);
    this.sinceFlush += batch.rows;
    if (this.sinceFlush >= this.flushEveryRows) this.shipFlush();
  }

  count(table: EventTable): number {
    return (this.batchers.get(table)?.total ?? 0) + (this.external.get(table) ?? 0);
  }

  flush(): void {
    this.shipAll();
    this.sinceFlush = 0;
    const id = ++this.flushes;
    this.post({ type: 'flush', id });
    this.waitFor(SLOT.flushed, id);
  }

  async finish(
    status: RunStatus,
    info: { bars: number; rejects: number; error?: string; finishedAtMs: number },
  ): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.worker.ref();
    try {
      if (Atomics.load(this.state, SLOT.failed) === 0) this.shipAll();
      const done = reply(this.worker, 'finished', this.file);
      this.post({ type: 'finish', status, info });
      await done;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`finishing the run file ${this.file}: ${(error as Error).message}`, {
        cause: error,
      });
    } finally {
      this.replies.close();
      await this.worker.terminate();
    }
  }

  private shipTimed(): void {
    if (this.closed || Atomics.load(this.state, SLOT.failed) !== 0) return;
    if ([...this.batchers.values()].some((b) => b.rows > 0)) this.shipFlush();
  }

  /** Ships every table's waiting rows and asks for a flush (not waited for). */
  private shipFlush(): void {
    this.shipAll();
    this.post({ type: 'flush', id: 0 });
    this.sinceFlush = 0;
  }

  private shipAll(): void {
    for (const b of this.batchers.values()) if (b.rows > 0) this.ship(b);
  }

  /** Sends a batcher's rows. */
  private ship(b: ColumnBatcher): void {
    const { batch, transfer } = b.take(this.pool.get(b.table)?.pop());
    this.send(batch, transfer);
  }

  /** Sends a batch (waiting while too many batches are in flight). */
  private send(batch: ColumnBatch, transfer: ArrayBuffer[]): void {
    this.raiseIfFailed();
    if (this.posted - Atomics.load(this.state, SLOT.consumed) >= this.maxInFlight) {
      this.waits++;
      this.waitFor(SLOT.consumed, this.posted - this.maxInFlight + 1);
    }
    this.drainReplies();
    this.post({ type: 'batch', batch }, transfer);
    this.posted++;
  }

  private post(m: RecorderCommand, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  /** Takes the replies waiting: recycled buffers into the pool; an error is thrown. */
  private drainReplies(): void {
    for (let m = receiveMessageOnPort(this.replies); m; m = receiveMessageOnPort(this.replies)) {
      const r = m.message as RecorderReply;
      if (r.type === 'recycle') {
        const list = this.pool.get(r.table) ?? [];
        if (list.length < 4) list.push(r.columns as ColumnData[]);
        this.pool.set(r.table, list);
      } else if (r.type === 'error') {
        throw new StoreError(`recording to ${this.file}: ${r.message}`);
      }
    }
  }

  private raiseIfFailed(): void {
    if (Atomics.load(this.state, SLOT.failed) === 0) return;
    this.drainReplies();
    throw new StoreError(`recording to ${this.file} failed`);
  }

  /** Blocks until a slot reaches `target` (the recording thread notifies), or it fails. */
  private waitFor(slot: number, target: number): void {
    for (let waits = 0; Atomics.load(this.state, slot) < target; waits++) {
      this.raiseIfFailed();
      if (waits >= MAX_WAITS)
        throw new StoreError(
          `recording to ${this.file}: the recording thread did not answer for ${(MAX_WAITS / 10).toFixed(0)} s`,
        );
      Atomics.wait(this.state, slot, Atomics.load(this.state, slot), 100);
    }
    this.raiseIfFailed();
  }
}
