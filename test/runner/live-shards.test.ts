import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../../src/cli/serve-command.ts';
import { tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';
import { EVENT_TABLES, sortedTables } from '../helpers/table-rows.ts';
import { type SynthTrade, synthTrades } from '../helpers/venue-frames.ts';
import {
  startVenueServer,
  type VenueConnection,
  type VenueServer,
} from '../helpers/venue-server.ts';

// `serve --feed … --shards 2` steered through the HTTP API exactly as `--shards 1` is: the same
// messages, the same commands at the same points of the feed, the same answers and the same
// recorded rows. The API's calls reach the shards' engines synchronously, in order with the bars.
const TOKEN = 'tok';
const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD'];
const trades = synthTrades(SYMBOLS, 70);
const row = (t: SynthTrade) =>
  JSON.stringify({ ts: t.ts, symbol: t.symbol, price: t.price, size: t.size, id: t.id });

interface Steered {
  readonly file: string;
  readonly answers: Map<string, unknown>;
  readonly metrics: string;
}

async function steer(shards: number, dir: string, server: VenueServer): Promise<Steered> {
  const stop = new AbortController();
  const lines: string[] = [];
  const out = join(dir, `serve-${shards}`);
  const serving = serveCommand({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    speed: 1,
    out,
    feed: 'ndjson',
    url: server.url,
    symbols: SYMBOLS,
    interval: '1s',
    shards,
    signal: stop.signal,
    log: (line) => lines.push(line),
  });
  const answers = new Map<string, unknown>();
  let metrics = '';
  try {
    let url: string | undefined;
    for (let i = 0; i < 2000 && url === undefined; i++) {
      url = lines.map((l) => /listening on (http:\/\/[\d.:]+)/.exec(l)?.[1]).find(Boolean);
      if (url === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    if (url === undefined) throw new Error(`serve did not start: ${lines.join('\n')}`);
    const get = async (path: string) => (await fetch(`${url}${path}`)).json();
    const post = async (path: string, body: unknown) => {
      const r = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: await r.json() };
    };
    const settle = async (n: number) => {
      for (let i = 0; i < 3000; i++) {
        const s = (await get('/ml/stream/status')) as { connection: { messages: number } };
        if (s.connection.messages >= n) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`the feed did not deliver ${n} messages`);
    };
    for (let i = 0; i < 3000 && server.connections.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    const conn = server.connections[0] as VenueConnection;
    for (const t of trades.slice(0, 160 * SYMBOLS.length)) conn.send(row(t)); // 40 s
    await settle(160 * SYMBOLS.length);
    answers.set('status', await get('/ml/models/status'));
    answers.set('update *', await post('/ml/models/update-online', { symbol: '*' }));
    answers.set(
      'stream AAA',
      ((await get('/ml/stream/status/AAA')) as { symbols: unknown }).symbols,
    );
    answers.set(
      'configure BBB',
      await post('/ml/stream/configure', { symbol: 'BBB', detectors: { error: 'page_hinkley' } }),
    );
    answers.set(
      'bad threshold',
      await post('/ml/stream/configure', {
        symbol: 'CCC',
        detectors: { error: 'adwin', threshold: 5 },
      }),
    );
    answers.set('unknown symbol', await post('/ml/models/validate', { symbol: 'ZZZ' }));
    for (const t of trades.slice(160 * SYMBOLS.length)) conn.send(row(t)); // 30 s more
    await settle(trades.length);
    answers.set('status after', await get('/ml/models/status/DDD'));
    metrics = await (await fetch(`${url}/metrics`)).text();
  } finally {
    stop.abort();
    await serving;
  }
  return { file: join(out, 'run.duckdb'), answers, metrics };
}

/** Drops what differs between two runs by nature: the wall-clock lag and latency fields. */
function stable(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (k, v) => (['lagMs', 'decisionLatency'].includes(k) ? undefined : v)),
  );
}

describe('serve --feed --shards 2: the API steers a sharded live run as one thread', () => {
  const dir = tempDir('livemodel-serve-shards-');
  const servers: VenueServer[] = [];
  const runs = new Map<number, Steered>();

  beforeAll(async () => {
    for (const shards of [1, 2]) {
      const server = await startVenueServer(() => {}); // frames are sent by the test
      servers.push(server);
      runs.set(shards, await steer(shards, dir, server));
    }
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('answers the control API as one thread does (status, commands, configure, errors)', () => {
    const one = runs.get(1)!.answers;
    const two = runs.get(2)!.answers;
    expect(one.get('update *')).toMatchObject({ status: 200 });
    expect((one.get('update *') as { body: { results: unknown[] } }).body.results).toHaveLength(
      SYMBOLS.length,
    );
    expect(one.get('configure BBB')).toMatchObject({ status: 200 });
    expect(one.get('bad threshold')).toMatchObject({ status: 400, body: { field: 'detectors' } });
    expect(one.get('unknown symbol')).toMatchObject({ status: 404 });
    expect(one.get('stream AAA')).toMatchObject({
      AAA: { engineBuffers: { pending: expect.any(Number), recent: expect.any(Number) } },
    });
    for (const key of one.keys()) expect(stable(two.get(key)), key).toEqual(stable(one.get(key)));
  });

  it('serves the decision-latency histogram and the bar count at /metrics', () => {
    for (const [shards, r] of runs) {
      const count = /^livemodel_decision_latency_seconds_count (\d+)/m.exec(r.metrics)?.[1];
      expect(Number(count), `shards ${shards}`).toBeGreaterThan(0);
      expect(r.metrics, `shards ${shards}`).toMatch(/^livemodel_bars_total [1-9]\d*/m);
    }
  });

  it('stopping through the signal records both runs complete, with the same rows', async () => {
    const files = [runs.get(1)?.file, runs.get(2)?.file] as string[];
    for (const file of files) {
      const [r] = await queryFile(file, 'SELECT status, bars FROM runs');
      expect(r?.status).toBe('complete');
      expect(Number(r?.bars)).toBe(70 * SYMBOLS.length);
    }
    const wall = new Map([['feed_messages', ['received_ts']]]);
    const [one, two] = (await Promise.all(files.map((f) => sortedTables(f, wall)))) as [
      Map<string, string[]>,
      Map<string, string[]>,
    ];
    const port = (rows: string[] | undefined) =>
      (rows ?? []).map((r) => r.replace(/127\.0\.0\.1:\d+/g, 'PORT')).sort();
    expect(one.get('transitions')?.some((r) => r.includes('cmd.update'))).toBe(true);
    for (const table of EVENT_TABLES)
      expect(port(two.get(table)), table).toEqual(port(one.get(table)));
  });
});
