import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { ReplayClock } from '../clock/index.ts';
import type { EpochMs, OutcomeEvent, OutcomeSink } from '../core/index.ts';
import { Engine } from '../engine/index.ts';
import { type ColumnBatch, ColumnBatcher, TABLE_OF_EVENT } from '../store/index.ts';
import {
  answerCall,
  type LiveShardJob,
  type ShardCommand,
  type ShardReport,
  unpackBars,
} from './live-shard-protocol.ts';
import { planOfScenario } from './run-plan.ts';
import { threadCpuSeconds } from './thread-cpu.ts';

/*
 * A shard worker of a sharded live run (live-shards.ts): one Engine over a share of the symbols,
 * on a clock that follows the main thread's live clock. It receives its bars slice by slice, in
 * order, with the market time of each; it sends back the outcomes the engine wrote, marked with
 * where each symbol-bar was decided, after every message it handled. The bulk rows (predictions,
 * equity, ensemble weights: nothing but the run file reads them) are encoded here into the
 * recorder's column batches, whose buffers move to the main thread and on to the recording
 * thread without a copy; a structured clone of thousands of outcome objects per slice would
 * cost the main thread more than the engine saves it.
 */

/** Outcome types encoded here (see above). */
const BULK: ReadonlySet<OutcomeEvent['type']> = new Set(['prediction', 'equity', 'weight']);
/** Rows per batch: a slice of 500 symbols' equity (four strategies) fits in one. */
const BATCH_ROWS = 4096;

const job = workerData as LiveShardJob;
const state = new Int32Array(job.state);
/** Posts a report and counts it in slot 0 (the main thread may be waiting for one). */
function post(r: ShardReport, transfer: ArrayBuffer[] = []): void {
  job.port.postMessage(r, transfer);
  Atomics.add(state, 0, 1);
  Atomics.notify(state, 0);
}
// The live clock starts at the epoch (LiveClock's `start`); so does this one.
const clock = new ReplayClock(0 as EpochMs);
let events: OutcomeEvent[] = [];
let marks: number[] = [];
const batchers = new Map<OutcomeEvent['type'], ColumnBatcher>();
let batches: ColumnBatch[] = [];
let transfer: ArrayBuffer[] = [];
let seq = -1;
let failed = false;
let engine: Engine | null = null;
let readyAt = performance.eventLoopUtilization();
let cpuAtReady = threadCpuSeconds();

function cpuSince(from: number | null): number | null {
  const now = threadCpuSeconds();
  return from === null || now === null ? null : now - from;
}

/** The share of wall time this thread's event loop was busy since `from`. */
function busySince(from: ReturnType<typeof performance.eventLoopUtilization>): number {
  return performance.eventLoopUtilization(from).utilization;
}

/** Moves market time to `ts` (never back), firing the timers due by then. */
function advance(ts: EpochMs): void {
  if (ts > clock.now()) clock.advanceTo(ts);
}

/** The engine's sink: bulk rows into column batches, the rest kept as they are. */
const sink: OutcomeSink = {
  write(x: OutcomeEvent): void {
    if (!BULK.has(x.type)) {
      events.push(x);
      return;
    }
    let b = batchers.get(x.type);
    if (b === undefined) {
      const table = TABLE_OF_EVENT[x.type] as ColumnBatch['table'];
      b = new ColumnBatcher(table, job.dictionaries, BATCH_ROWS);
      batchers.set(x.type, b);
    }
    if (b.add(x)) take(b);
  },
};

function take(b: ColumnBatcher): void {
  const t = b.take();
  batches.push(t.batch);
  transfer.push(...t.transfer);
}

/** Sends what the engine wrote since the last message. */
function flush(e: Engine, done = -1): void {
  for (const b of batchers.values()) if (b.rows > 0) take(b);
  if (batches.length === 0 && events.length === 0 && marks.length === 0 && done < 0) return;
  const report: ShardReport = {
    type: 'out',
    batches,
    events,
    marks: Float64Array.from(marks),
    done,
    bars: e.bars,
  };
  post(report, [...transfer, report.marks.buffer as ArrayBuffer]);
  batches = [];
  transfer = [];
  events = [];
  marks = [];
}

function handle(e: Engine, m: ShardCommand): void {
  switch (m.type) {
    case 'slice':
      seq = m.seq;
      advance(m.ts);
      e.onSlice({ ts: m.ts, bars: unpackBars(m.symbols, m.values) });
      flush(e, m.seq);
      return;
    case 'call': {
      advance(m.now);
      let reply: ShardReport;
      try {
        reply = { type: 'reply', id: m.id, ok: true, value: answerCall(e, m.call) };
      } catch (error) {
        const x = error as Error;
        reply = { type: 'reply', id: m.id, ok: false, name: x.name, message: x.message };
      }
      flush(e);
      post(reply);
      return;
    }
    case 'finish':
      advance(m.now);
      e.finish();
      flush(e);
      post({ type: 'finished', bars: e.bars, busy: busySince(readyAt), cpu: cpuSince(cpuAtReady) });
      return;
  }
}

function fail(error: unknown): void {
  failed = true;
  const x = error instanceof Error ? error : new Error(String(error));
  post({ type: 'failed', name: x.name, message: x.message });
}

parentPort?.on('message', (m: ShardCommand) => {
  if (failed || engine === null) return;
  try {
    handle(engine, m);
  } catch (error) {
    fail(error);
  }
});

try {
  const plan = await planOfScenario(job.scenario, job.request);
  const e = new Engine(plan.config, clock, sink, (_symbol, ts) =>
    marks.push(events.length, ts, seq),
  );
  e.prepare(job.symbols);
  flush(e);
  engine = e;
  readyAt = performance.eventLoopUtilization();
  cpuAtReady = threadCpuSeconds();
  post({ type: 'ready' });
} catch (error) {
  fail(error);
}
