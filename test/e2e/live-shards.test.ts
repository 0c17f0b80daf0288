import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';
import { EVENT_TABLES, sortedTables } from '../helpers/table-rows.ts';
import { type SynthTrade, synthTrades } from '../helpers/venue-frames.ts';
import {
  startVenueServer,
  type VenueConnection,
  type VenueServer,
} from '../helpers/venue-server.ts';

// The same NDJSON feed, over a real WebSocket on 127.0.0.1, through `livemodel live` deciding on
// one thread and on two shard threads: the recorded rows must be the same. The scenario makes
// the lifecycle busy (scheduled updates that take 2 s of market time — timers on the clock —
// paired tests, promotions); the feed drops its connection once (reconnect, dedupe) and sends
// one late trade (dropped by the live clock: an alert and a reject). Two variants: the logistic
// model and a small LSTM (every symbol of a shard in one batched kernel call per bar).
const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE'];
const SECONDS = 50;
const SCENARIO = [
  'name: live-shards',
  'seed: 3',
  'data: { file: unused.csv }',
  'backend: wasm',
  'variants:',
  '  - { name: logistic, model: { kind: logistic } }',
  '  - { name: lstm, model: { kind: lstm, hidden: 4, window: 8 } }',
  'lifecycle: { warmupBars: 10, policy: periodic, periodBars: 8, updateLatencyTime: 2s, test: { minSamples: 5, alpha: 0.5 } }',
  'monitoring: { drift: [{ detector: adwin, on: error }] }',
  '',
].join('\n');

function frames(trades: readonly SynthTrade[]): string[] {
  const out = trades.map((t) =>
    JSON.stringify({ ts: t.ts, symbol: t.symbol, price: t.price, size: t.size, id: t.id }),
  );
  const late = trades[300] as SynthTrade; // 15 s in: a trade 5 s old arrives
  out.splice(
    301,
    0,
    JSON.stringify({ ts: late.ts - 5000, symbol: late.symbol, price: late.price }),
  );
  return out;
}

/** Sends the frames; the first connection drops after 400 of them, the next repeats 60 first. */
function script(lines: readonly string[]) {
  return (c: VenueConnection): void => {
    if (c.index === 0) {
      for (const f of lines.slice(0, 400)) c.send(f);
      setTimeout(() => c.drop(), 30);
    } else for (const f of lines.slice(340)) c.send(f);
  };
}

/** A run's tables, the feed's port (each run has its own server) spelt out as PORT. */
async function tablesOf(file: string): Promise<Map<string, string[]>> {
  // the journal's receive times are wall clock
  const tables = await sortedTables(file, new Map([['feed_messages', ['received_ts']]]));
  for (const [name, rows] of tables)
    tables.set(name, rows.map((r) => r.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')).sort());
  return tables;
}

const liveArgs = (url: string, dir: string, scenario: string, shards: number): string[] => [
  'live',
  '--feed',
  'ndjson',
  '--url',
  url,
  '--symbols',
  SYMBOLS.join(','),
  '--interval',
  '1s',
  '--idle-exit',
  '1500ms',
  '--scenario',
  scenario,
  '--out',
  dir,
  '--shards',
  String(shards),
];

describe('livemodel live --shards (end to end, a WebSocket feed on 127.0.0.1)', () => {
  const dir = tempDir('livemodel-live-shards-');
  const scenario = join(dir, 'scenario.yaml');
  const servers: VenueServer[] = [];
  const runs = new Map<number, { code: number; stdout: string; stderr: string; dir: string }>();
  const tables = new Map<string, Map<string, string[]>>();

  beforeAll(async () => {
    writeFileSync(scenario, SCENARIO);
    const lines = frames(synthTrades(SYMBOLS, SECONDS));
    await Promise.all(
      [1, 2].map(async (shards) => {
        const server = await startVenueServer(script(lines));
        servers.push(server);
        const out = join(dir, `shards-${shards}`);
        const r = await spawnCli(liveArgs(server.url, out, scenario, shards)).done;
        runs.set(shards, { ...r, dir: out });
        tables.set(`shards ${shards}`, await tablesOf(join(out, 'run.duckdb')));
      }),
    );
    const replay = join(dir, 'replay');
    const r = await spawnCli(['replay', join(dir, 'shards-2'), '--out', replay, '--quiet']).done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    tables.set('replay of shards 2', await tablesOf(join(replay, 'run.duckdb')));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('both runs complete with every bar; the lifecycle was busy (the comparison is not vacuous)', async () => {
    for (const [shards, r] of runs) {
      expect(r.stderr, `shards ${shards}`).toBe('');
      expect(r.code, `shards ${shards}`).toBe(0);
      const [row] = await queryFile(join(r.dir, 'run.duckdb'), 'SELECT status, bars FROM runs');
      expect(row, `shards ${shards}`).toEqual({
        status: 'complete',
        bars: String(SECONDS * SYMBOLS.length),
      });
    }
    expect(runs.get(2)?.stdout).toMatch(/decided on 2 worker threads/);
    expect(runs.get(2)?.stdout).toMatch(/bar close to decision per symbol over the last \d+/);
    const one = tables.get('shards 1');
    for (const table of ['version_events', 'ab_tests', 'transitions', 'data_rejects'])
      expect(one?.get(table)?.length, table).toBeGreaterThan(0);
    // the scheduled update's 2 s of market time run on the clock: candidate.ready after a timer
    expect(one?.get('transitions')?.some((r) => r.includes('candidate.ready'))).toBe(true);
    expect(one?.get('alerts')?.some((r) => r.includes('|late|'))).toBe(true);
    expect(one?.get('predictions')?.some((r) => r.endsWith('|lstm'))).toBe(true);
  });

  for (const table of EVENT_TABLES)
    it(`${table}: --shards 2, and the replay of its journal, record exactly the rows of --shards 1`, () => {
      const base = tables.get('shards 1')?.get(table);
      expect(base, table).toBeDefined();
      for (const name of ['shards 2', 'replay of shards 2'])
        expect(tables.get(name)?.get(table), `${table} in ${name}`).toEqual(base);
    });
});

describe('livemodel live --shards: ending a run', () => {
  it('SIGINT stops a sharded run cleanly: exit 0, the run complete and reported; /metrics served meanwhile', async () => {
    const trades = synthTrades(SYMBOLS, 1200);
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const server = await startVenueServer((c) => {
      timer = setInterval(() => {
        for (let k = 0; k < 20 && sent < trades.length; k++) {
          const t = trades[sent++] as SynthTrade;
          c.send(JSON.stringify({ ts: t.ts, symbol: t.symbol, price: t.price, id: t.id }));
        }
      }, 5);
    });
    const dir = tempDir('livemodel-live-shards-sigint-');
    // the live default scenario; no --idle-exit: only the signal ends it
    const run = spawnCli([
      'live',
      '--feed',
      'ndjson',
      '--url',
      server.url,
      '--symbols',
      SYMBOLS.join(','),
      '--interval',
      '1s',
      '--out',
      dir,
      '--shards',
      '2',
      '--metrics-port',
      '0',
    ]);
    // stop once every symbol is past its warmup (30 bars), as the shards report it on /metrics
    let metrics = '';
    const deadline = Date.now() + 60_000;
    for (let bars = 0; bars < 40 * SYMBOLS.length && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 50));
      const url = /metrics: (http:\/\/[\d.:]+\/metrics)/.exec(run.stdout())?.[1];
      if (url === undefined) continue;
      metrics = await (await fetch(url)).text();
      bars = Number(/^livemodel_bars_total (\d+)/m.exec(metrics)?.[1] ?? 0);
    }
    run.child.kill('SIGINT');
    const r = await run.done;
    clearInterval(timer);
    await server.close();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(
      Number(/^livemodel_decision_latency_seconds_count (\d+)/m.exec(metrics)?.[1]),
    ).toBeGreaterThan(0);
    const [row] = await queryFile(
      join(dir, 'run.duckdb'),
      `SELECT status, bars, (SELECT count(DISTINCT symbol) FROM predictions) AS symbols FROM runs`,
    );
    expect(row?.status).toBe('complete');
    expect(Number(row?.bars)).toBeGreaterThanOrEqual(40 * SYMBOLS.length);
    expect(Number(row?.symbols)).toBe(SYMBOLS.length);
  });

  it("a shard's engine error fails the run: exit 1, the message names the shard, runs.status failed", async () => {
    const dir = tempDir('livemodel-live-shards-fail-');
    // An NDJSON bar row whose open is negative: the adapter passes it on (only the close is
    // checked), and the engine's book refuses it (an invariant) — on the shard that owns BBB,
    // once BBB's features are ready and its books trade (its 36th bar).
    const rows = Array.from({ length: 90 }, (_, k) =>
      JSON.stringify(
        k === 70
          ? {
              ts: 1_700_000_000_000 + k * 1000,
              symbol: 'BBB',
              open: -1,
              high: 11,
              low: 9,
              close: 10,
            }
          : {
              ts: 1_700_000_000_000 + k * 1000,
              symbol: k % 2 ? 'BBB' : 'AAA',
              price: 10 + k / 100,
            },
      ),
    );
    const file = join(dir, 'feed.ndjson');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const scenario = join(dir, 'next-open.yaml');
    writeFileSync(
      scenario,
      'name: next-open\ndata: { file: unused.csv }\nlifecycle: { warmupBars: 5 }\nbacktest: { fill: next_open }\n',
    );
    const out = join(dir, 'run');
    const r = await spawnCli([
      'live',
      '--feed',
      'ndjson',
      '--url',
      file,
      '--interval',
      '1s',
      '--scenario',
      scenario,
      '--out',
      out,
      '--shards',
      '2',
      '--quiet',
    ]).done;
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^livemodel: live shard \d \(0 symbols at the start\): open must be NaN or finite and > 0: got -1$/,
    );
    const [row] = await queryFile(join(out, 'run.duckdb'), 'SELECT status, error FROM runs');
    expect(row?.status).toBe('failed');
    expect(row?.error).toMatch(/open must be NaN or finite and > 0: got -1/);
  });
});
