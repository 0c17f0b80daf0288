/**
 * Live benchmark (child of bench/run.ts): `tsx bench/live-child.ts SYMBOLS RATE SECONDS [SHARDS] [SCENARIO]`.
 * Starts a local WebSocket server that streams NDJSON trades for SYMBOLS symbols at RATE messages
 * per second (market time = send time) for SECONDS, and runs the real `livemodel live --feed
 * ndjson` against it (250 ms bars). Prints one JSON line with the CLI's latencies: per symbol-bar,
 * from the bar's end (market time = this machine's send time, so the feed's clock is ours) to that
 * symbol's decision — queueing, GC and recording on the thread included — and from the arrival
 * of the message that closed the bar; per slice, to the engine having decided every bar of it.
 * The recorder mode is the CLI's (LIVEMODEL_RECORDER, inherited). SHARDS (default 1) is passed as
 * `--shards`: the engine on that many worker threads, the feed, clock and recorder on the main one.
 * SCENARIO defaults to bench/bench-live.yaml (logistic); bench/bench-live-lstm.yaml has a small LSTM.
 * The line also gives the machine's 1-minute load average at the start and the end (a shared
 * machine's figures are only comparable at similar loads).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { recorderModeOf } from '../src/store/index.ts';

const [symbols = 1000, rate = 10_000, seconds = 20, shards = 1] = process.argv
  .slice(2, 6)
  .map(Number);
// default: the logistic model of bench/bench-live.yaml
const scenario = process.argv[6] ?? join(import.meta.dirname, 'bench-live.yaml');
const loadStart = loadavg()[0] as number;
const names = Array.from({ length: symbols }, (_, i) => `S${String(i + 1).padStart(5, '0')}`);
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise<void>((r) => server.once('listening', () => r()));
const port = (server.address() as { port: number }).port;
let sent = 0;
server.on('connection', (ws) => {
  const prices = names.map(() => 100);
  let id = 0;
  const started = Date.now();
  const perTick = Math.max(1, Math.round(rate / 100));
  const timer = setInterval(() => {
    if (Date.now() - started > seconds * 1000) {
      clearInterval(timer);
      return;
    }
    for (let k = 0; k < perTick; k++) {
      const i = id % symbols;
      prices[i] = (prices[i] as number) * Math.exp(0.001 * (Math.random() - 0.5));
      ws.send(
        `{"ts":${Date.now()},"symbol":"${names[i]}","price":${(prices[i] as number).toFixed(4)},"id":${id}}`,
      );
      id++;
      sent++;
    }
  }, 10);
  ws.on('close', () => clearInterval(timer));
});
const out = mkdtempSync(join(tmpdir(), 'livemodel-live-bench-'));
const root = join(import.meta.dirname, '..');
const child = spawn(
  process.execPath,
  [
    join(root, 'bin/livemodel-dev.js'),
    'live',
    '--feed',
    'ndjson',
    '--url',
    `ws://127.0.0.1:${port}`,
    '--symbols',
    names.join(','),
    '--interval',
    '250ms',
    '--reorder-window',
    '0ms',
    '--idle-exit',
    '2s',
    '--scenario',
    scenario,
    '--out',
    out,
    '--shards',
    String(shards),
  ],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let text = '';
child.stdout.on('data', (d: Buffer) => (text += d.toString()));
child.stderr.on('data', (d: Buffer) => (text += d.toString()));
const code = await new Promise<number | null>((r) => child.on('exit', r));
server.close();
rmSync(out, { recursive: true, force: true });
const slice = /bar closes: p50 ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms/.exec(text);
const symbol =
  /per symbol over the last (\d+) symbol-bars: p50 ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms \(from the closing message: p50 ([\d.]+) ms, p99 ([\d.]+) ms\)/.exec(
    text,
  );
const n = (m: RegExpExecArray | null, i: number): number | null => (m ? Number(m[i]) : null);
// sharded runs: how busy each thread's event loop was (the busiest limits the latency)
const busy = /event loops busy: main thread \([^)]*\) (\d+)%, shards ([\d%, ]+)/.exec(text);
// CPU seconds of each thread (Linux): they do not move with the machine's load as latencies do
const cpu = /CPU s: main ([\d.]+)(?:.*?, shards ([\d., ]+))?/.exec(text);
console.log(
  JSON.stringify({
    symbols,
    rate,
    seconds,
    shards,
    load_start: Number(loadStart.toFixed(2)),
    load_end: Number((loadavg()[0] as number).toFixed(2)),
    sent,
    exit: code,
    recorder: recorderModeOf(undefined, 'live'),
    symbol_bars: n(symbol, 1),
    p50_ms: n(symbol, 2),
    p99_ms: n(symbol, 3),
    max_ms: n(symbol, 4),
    from_message_p50_ms: n(symbol, 5),
    from_message_p99_ms: n(symbol, 6),
    slice_p50_ms: n(slice, 1),
    slice_p99_ms: n(slice, 2),
    slice_max_ms: n(slice, 3),
    main_busy_pct: n(busy, 1),
    shard_busy_pct: busy
      ? (busy[2] as string).split(', ').map((x) => Number.parseInt(x, 10))
      : null,
    main_cpu_s: n(cpu, 1),
    shard_cpu_s: cpu?.[2] ? cpu[2].split(', ').map(Number) : null,
    log: symbol && slice ? undefined : text.slice(-2000),
  }),
);
