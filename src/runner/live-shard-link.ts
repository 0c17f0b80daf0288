import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import { AppError, DataError, type EpochMs, InputError, StoreError } from '../core/index.ts';
import type { Scenario } from '../scenario/index.ts';
import type { Dictionaries } from '../store/index.ts';
import type { LiveShardJob, ShardCall, ShardCommand, ShardReport } from './live-shard-protocol.ts';
import type { RunRequest } from './run-plan.ts';

/**
 * The shard worker's entry: the compiled module in the built package; from the sources, a
 * bootstrap that registers tsx first (a worker thread does not inherit the parent's loader).
 */
const LIVE_SHARD_WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../bin/live-shard-worker.js', import.meta.url)
  : new URL('./live-shard-worker.js', import.meta.url);

/** How long a control-API call waits for a shard before giving up on it. */
const CALL_TIMEOUT_MS = 30_000;

/** What a shard starts with (see LiveShardJob). */
export interface ShardStart {
  readonly scenario: Scenario;
  readonly request: RunRequest;
  readonly symbols: readonly string[];
  readonly dictionaries: Dictionaries;
}

/** What the link hands its owner: outcomes (in order) and the end of the worker. */
export interface ShardLinkHandlers {
  out(index: number, report: Extract<ShardReport, { type: 'out' }>): void;
  /** The worker failed (an engine error, a crash): the run must stop. Told once. */
  failed(error: Error): void;
}

/**
 * The main thread's end of one shard worker of a sharded live run: starts it, sends it
 * commands in order, reads its reports in order (asynchronously; synchronously while a control
 * call waits for its reply, so no report is overtaken), and turns its failure — an error it
 * reports, an uncaught exception, an exit — into one error naming the shard.
 */
export class ShardLink {
  readonly index: number;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state: Int32Array;
  private readonly handlers: ShardLinkHandlers;
  private readonly name: string;
  private calls = 0;
  private ended = false;
  private failure: Error | null = null;
  private waiting: { resolve: () => void; reject: (e: Error) => void } | null = null;
  /** Share of wall time the worker's event loop was busy, from ready to finished (NaN before). */
  busy = Number.NaN;
  /** CPU seconds of the worker's thread from ready to finished (null: not known). */
  cpu: number | null = null;

  private constructor(
    index: number,
    symbols: number,
    request: ShardStart,
    handlers: ShardLinkHandlers,
  ) {
    this.index = index;
    this.name = `live shard ${index} (${symbols} symbol${symbols === 1 ? '' : 's'} at the start)`;
    this.handlers = handlers;
    this.state = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const job: LiveShardJob = {
      index,
      scenario: request.scenario,
      request: request.request,
      symbols: request.symbols,
      dictionaries: request.dictionaries,
      port: port2,
      state: this.state.buffer as SharedArrayBuffer,
    };
    this.worker = new Worker(LIVE_SHARD_WORKER, { workerData: job, transferList: [port2] });
    this.port.on('message', (r: ShardReport) => this.onReport(r));
    this.worker.on('error', (e) => this.fail(new AppError(`${this.name} failed: ${e.message}`)));
    this.worker.on('exit', (code) => {
      if (!this.ended) this.fail(new AppError(`${this.name} exited with code ${code}`));
    });
  }

  /** Starts a worker and waits until its engine is built. */
  static async start(
    index: number,
    job: ShardStart,
    handlers: ShardLinkHandlers,
  ): Promise<ShardLink> {
    const link = new ShardLink(index, job.symbols.length, job, handlers);
    await link.wait();
    return link;
  }

  post(m: ShardCommand, transfer: ArrayBuffer[] = []): void {
    if (this.failure === null) this.worker.postMessage(m, transfer);
  }

  /**
   * A control call, answered synchronously: blocks this thread until the worker has handled
   * every earlier command and this one (reports read meanwhile are handled in order).
   *
   * @throws the worker's error for the call (an InputError stays one), or an AppError when the
   *   shard has failed or does not answer within 30 s.
   */
  call(call: ShardCall, now: EpochMs): unknown {
    if (this.failure !== null) throw this.failure;
    const id = ++this.calls;
    this.worker.postMessage({ type: 'call', id, now, call } satisfies ShardCommand);
    const r = this.block((x) => x.type === 'reply' && x.id === id, 'answer a control call');
    if (r.type !== 'reply') throw new AppError(`${this.name}: expected a reply, got ${r.type}`);
    if (r.ok) return r.value;
    throw rebuildError(r.name, r.message);
  }

  /**
   * Blocks until the worker's next slice is decided and its outcomes handed on (backpressure:
   * the feed waits, as it would for an engine on this thread).
   */
  awaitSlice(): void {
    if (this.failure !== null) throw this.failure;
    this.block((x) => x.type === 'out' && x.done >= 0, 'decide a slice');
  }

  /**
   * Reads the worker's reports synchronously, handing each on in order, until one matches
   * `want` (a reply is handed on by the caller, an `out` here too).
   */
  private block(want: (r: ShardReport) => boolean, what: string): ShardReport {
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    for (;;) {
      const seen = Atomics.load(this.state, 0);
      for (
        let m = receiveMessageOnPort(this.port);
        m !== undefined;
        m = receiveMessageOnPort(this.port)
      ) {
        const r = m.message as ShardReport;
        if (r.type !== 'reply') this.onReport(r);
        if (want(r)) return r;
      }
      if (this.failure !== null) throw this.failure;
      if (Date.now() > deadline)
        throw new AppError(`${this.name} did not ${what} within ${CALL_TIMEOUT_MS} ms`);
      Atomics.wait(this.state, 0, seen, 50);
    }
  }

  /** Finishes the shard's engine at market time `now`; resolves once all its outcomes are handed on. */
  finish(now: EpochMs): Promise<void> {
    this.post({ type: 'finish', now });
    return this.wait();
  }

  /** Ends the worker (after it finished, or on a failure of the run). */
  async close(): Promise<void> {
    this.ended = true;
    this.port.close();
    await this.worker.terminate();
  }

  private wait(): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  private onReport(r: ShardReport): void {
    switch (r.type) {
      case 'out':
        this.handlers.out(this.index, r);
        return;
      case 'ready':
      case 'finished':
        if (r.type === 'finished') {
          this.ended = true;
          this.busy = r.busy;
          this.cpu = r.cpu;
        }
        this.waiting?.resolve();
        this.waiting = null;
        return;
      case 'failed':
        this.fail(rebuildError(r.name, `${this.name}: ${r.message}`));
        return;
      case 'reply':
        return; // a reply nobody waits for any more (its call timed out)
    }
  }

  private fail(error: Error): void {
    if (this.failure !== null || this.ended) return;
    this.failure = error;
    this.waiting?.reject(error);
    this.waiting = null;
    this.handlers.failed(error);
  }
}

/** The worker's error as the class callers branch on (InputError → exit 2, a 400 in the API). */
function rebuildError(name: string, message: string): Error {
  if (name === 'InputError') return new InputError(message);
  if (name === 'DataError') return new DataError(message);
  if (name === 'StoreError') return new StoreError(message);
  return new AppError(message);
}
