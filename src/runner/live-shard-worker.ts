import { parentPort, workerData } from 'node:worker_threads';
import { ReplayClock } from '../clock/index.ts';
import type { EpochMs, OutcomeEvent } from '../core/index.ts';
import { Engine } from '../engine/index.ts';
import type { LiveShardJob, ShardCall, ShardCommand, ShardReport } from './live-shard-protocol.ts';
import { planOfScenario } from './run-plan.ts';

/*
 * A shard worker of a sharded live run (live-shards.ts): one Engine over a share of the symbols,
 * on a clock that follows the main thread's live clock. It receives its bars slice by slice, in
 * order, with the market time of each; it sends back the outcomes the engine wrote, marked with
 * where each symbol-bar was decided, after every message it handled.
 */

const job = workerData as LiveShardJob;
const state = new Int32Array(job.state);
const post = (r: ShardReport): void => job.port.postMessage(r);
// The live clock starts at the epoch (LiveClock's `start`); so does this one.
const clock = new ReplayClock(0 as EpochMs);
let events: OutcomeEvent[] = [];
let marks: number[] = [];
let seq = -1;
let failed = false;
let engine: Engine | null = null;

/** Moves market time to `ts` (never back), firing the timers due by then. */
function advance(ts: EpochMs): void {
  if (ts > clock.now()) clock.advanceTo(ts);
}

/** Sends what the engine wrote since the last message. */
function flush(e: Engine, done = -1): void {
  if (events.length === 0 && marks.length === 0 && done < 0) return;
  post({ type: 'out', events, marks, done, bars: e.bars });
  events = [];
  marks = [];
}

function answer(e: Engine, call: ShardCall): unknown {
  switch (call.method) {
    case 'status':
      return e.status(call.symbol);
    case 'command':
      return e.command(call.symbol, call.cmd, call.variant);
    case 'reconfigure':
      return e.reconfigure(call.symbol, call.change);
    case 'actor': {
      const a = e.actor(call.symbol, call.variant);
      return a === undefined ? null : { driftSpecs: a.driftSpecs, sizes: a.sizes() };
    }
  }
}

function handle(e: Engine, m: ShardCommand): void {
  switch (m.type) {
    case 'slice':
      seq = m.seq;
      advance(m.ts);
      e.onSlice({ ts: m.ts, bars: m.bars });
      flush(e, m.seq);
      return;
    case 'call': {
      advance(m.now);
      let reply: ShardReport;
      try {
        reply = { type: 'reply', id: m.id, ok: true, value: answer(e, m.call) };
      } catch (error) {
        const x = error as Error;
        reply = { type: 'reply', id: m.id, ok: false, name: x.name, message: x.message };
      }
      flush(e);
      post(reply);
      Atomics.add(state, 0, 1);
      Atomics.notify(state, 0);
      return;
    }
    case 'finish':
      advance(m.now);
      e.finish();
      flush(e);
      post({ type: 'finished', bars: e.bars });
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
  const e = new Engine(plan.config, clock, { write: (x) => events.push(x) }, (_symbol, ts) =>
    marks.push(events.length, ts, seq),
  );
  e.prepare(job.symbols);
  flush(e);
  engine = e;
  post({ type: 'ready' });
} catch (error) {
  fail(error);
}
