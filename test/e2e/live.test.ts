import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess, spawnCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';
import {
  advancedTrades,
  alpacaTrades,
  binanceTrade,
  coinbaseHeartbeat,
  coinbaseMatch,
  type SynthTrade,
  synthTrades,
} from '../helpers/venue-frames.ts';
import {
  startVenueServer,
  type VenueConnection,
  type VenueServer,
} from '../helpers/venue-server.ts';

const SECONDS = 60;
const WARMUP = 30; // the live default scenario

/** Bar ends (1 s bars) each symbol's trades fall into, sorted. */
function barEnds(trades: readonly SynthTrade[], symbol: string): number[] {
  return [
    ...new Set(
      trades.filter((t) => t.symbol === symbol).map((t) => Math.floor(t.ts / 1000) * 1000 + 1000),
    ),
  ].sort((a, b) => a - b);
}

/** Plays `frames` over two connections: the first drops after `dropAt`, the second repeats `overlap` frames first. */
async function dropOnce(
  c: VenueConnection,
  frames: string[],
  dropAt: number,
  overlap: number,
): Promise<void> {
  if (c.index === 0) {
    for (const f of frames.slice(0, dropAt)) c.send(f);
    setTimeout(() => c.drop(), 30);
  } else {
    for (const f of frames.slice(dropAt - overlap)) c.send(f);
  }
}

interface Venue {
  readonly feed: string;
  readonly symbols: string[];
  readonly script: (trades: SynthTrade[]) => (c: VenueConnection) => Promise<void>;
  readonly env?: Record<string, string>;
}

const VENUES: Venue[] = [
  {
    feed: 'binance',
    symbols: ['BTCUSDT', 'ETHUSDT'],
    script: (trades) => (c) => dropOnce(c, trades.map(binanceTrade), 230, 40),
  },
  {
    feed: 'coinbase',
    symbols: ['BTC-USD', 'ETH-USD'],
    script: (trades) => async (c) => {
      await c.next(); // subscribe
      const frames = trades.map((t, i) => coinbaseMatch(t, 10 + i * 3));
      for (let i = 40; i < trades.length; i += 40) {
        const t = trades[i] as SynthTrade;
        frames.splice(
          i + Math.floor(i / 40) - 1,
          0,
          coinbaseHeartbeat(t.symbol, t.ts - 1, t.id - 1, 1),
        );
      }
      await dropOnce(c, frames, 250, 30);
    },
  },
  {
    feed: 'coinbase-advanced',
    symbols: ['BTC-USD', 'SOL-USD'],
    script: (trades) => async (c) => {
      await c.next(); // market_trades
      await c.next(); // heartbeats
      let seq = 0;
      const from = c.index === 0 ? 0 : 200; // after the reconnect the snapshot repeats 40 trades
      const to = c.index === 0 ? 240 : trades.length;
      c.send(advancedTrades(trades.slice(from, from + 40), seq++, 'snapshot'));
      for (let i = from + 40; i < to; i += 4)
        c.send(advancedTrades(trades.slice(i, Math.min(to, i + 4)), seq++));
      if (c.index === 0) setTimeout(() => c.drop(), 30);
    },
  },
  {
    feed: 'alpaca',
    symbols: ['AAPL', 'MSFT'],
    env: { APCA_API_KEY_ID: 'AKTEST', APCA_API_SECRET_KEY: 'secret' },
    script: (trades) => async (c) => {
      c.send('[{"T":"success","msg":"connected"}]');
      await c.next();
      c.send('[{"T":"success","msg":"authenticated"}]');
      await c.next();
      const frames: string[] = [];
      for (let i = 0; i < trades.length; i += 2) frames.push(alpacaTrades(trades.slice(i, i + 2)));
      await dropOnce(c, frames, 120, 25);
    },
  },
  {
    feed: 'ndjson',
    symbols: ['A', 'B'],
    script: (trades) => (c) =>
      dropOnce(
        c,
        trades.map((t) =>
          JSON.stringify({ ts: t.ts, symbol: t.symbol, price: t.price, size: t.size, id: t.id }),
        ),
        200,
        50,
      ),
  },
];

describe('livemodel live against local venue servers (end to end)', () => {
  const servers: VenueServer[] = [];
  const results = new Map<
    string,
    { code: number; stdout: string; stderr: string; dir: string; trades: SynthTrade[] }
  >();

  beforeAll(async () => {
    await Promise.all(
      VENUES.map(async (v) => {
        const trades = synthTrades(v.symbols, SECONDS);
        const server = await startVenueServer(v.script(trades));
        servers.push(server);
        const dir = tempDir('livemodel-live-');
        const run = spawnCli(
          [
            'live',
            '--feed',
            v.feed,
            '--url',
            server.url,
            '--symbols',
            v.symbols.join(','),
            '--interval',
            '1s',
            '--out',
            dir,
            '--idle-exit',
            '3s',
          ],
          v.env ? { env: v.env } : {},
        );
        const r = await run.done;
        results.set(v.feed, { ...r, dir, trades });
      }),
    );
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  for (const v of VENUES) {
    it(`${v.feed}: records predictions for every symbol; a mid-stream disconnect loses and duplicates no bar`, async () => {
      const r = results.get(v.feed);
      if (r === undefined) throw new Error('no result');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\[warning\] disconnect \*/);
      const file = join(r.dir, 'run.duckdb');
      const [run] = await queryFile(file, 'SELECT status, bars FROM runs');
      expect(run).toEqual({ status: 'complete', bars: String(SECONDS * v.symbols.length) });
      for (const symbol of v.symbols) {
        const rows = await queryFile(
          file,
          `SELECT epoch_ms(ts) AS t FROM predictions WHERE symbol = '${symbol}' AND role = 'champion' ORDER BY ts`,
        );
        // exactly one prediction per bar after warmup: every bar once, none missing
        expect(rows.map((x) => Number(x.t))).toEqual(barEnds(r.trades, symbol).slice(WARMUP - 1));
      }
      const alerts = await queryFile(
        file,
        `SELECT kind, count(*) AS n FROM alerts WHERE variant = 'feed' GROUP BY kind ORDER BY kind`,
      );
      const kinds = Object.fromEntries(alerts.map((a) => [a.kind, Number(a.n)]));
      expect(kinds).toMatchObject({ disconnect: 1, resync: 1, reconnect: 1 });
      expect(kinds['late']).toBeUndefined();
      expect(kinds['gap']).toBeUndefined();
      for (const f of ['report.html', 'summary.json'])
        expect(existsSync(join(r.dir, f))).toBe(true);
    });
  }

  it('livemodel replay plays the binance run (with its dropped connection) back to identical predictions, transitions and equity', async () => {
    const r = results.get('binance');
    if (r === undefined) throw new Error('no result');
    const out = `${r.dir}-replay`;
    const replay = await runCliInProcess(['replay', r.dir, '--out', out, '--quiet']);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(0);
    const hash = async (file: string, table: string, order: string) => {
      const [row] = await queryFile(
        file,
        `SELECT count(*)::INT AS n, md5(string_agg(t::VARCHAR, '|' ORDER BY ${order})) AS h FROM ${table} t`,
      );
      return row;
    };
    for (const [table, order] of [
      ['predictions', 'symbol, ts, role'],
      ['transitions', 'symbol, ts, to_state'],
      ['equity', 'symbol, strategy, ts'],
      ['alerts', 'symbol, ts, kind, message'],
    ] as const) {
      const live = await hash(join(r.dir, 'run.duckdb'), table, order);
      expect(live.n, table).toBeGreaterThan(0);
      expect(await hash(join(out, 'run.duckdb'), table, order), table).toEqual(live);
    }
    const [journal] = await queryFile(
      join(r.dir, 'run.duckdb'),
      "SELECT count(*) FILTER (WHERE kind = 'tick')::INT AS ticks, count(*) FILTER (WHERE kind = 'alert')::INT AS alerts FROM feed_messages",
    );
    expect(journal.ticks).toBe(r.trades.length);
    expect(journal.alerts).toBeGreaterThanOrEqual(3); // disconnect, reconnect, resync
  });
});

describe('livemodel live: ending a run', () => {
  it('SIGINT stops a live run cleanly: exit 0, the file readable with runs.status complete', async () => {
    const trades = synthTrades(['BTCUSDT'], 1200);
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const server = await startVenueServer((c) => {
      timer = setInterval(() => {
        for (let k = 0; k < 10 && sent < trades.length; k++)
          c.send(binanceTrade(trades[sent++] as SynthTrade));
      }, 5);
    });
    const dir = tempDir('livemodel-sigint-');
    const run = spawnCli([
      'live',
      '--feed',
      'binance',
      '--url',
      server.url,
      '--symbols',
      'BTCUSDT',
      '--interval',
      '1s',
      '--out',
      dir,
    ]);
    const deadline = Date.now() + 30_000;
    while (sent < 800 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGINT');
    const r = await run.done;
    clearInterval(timer);
    await server.close();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [row] = await queryFile(join(dir, 'run.duckdb'), 'SELECT status, bars FROM runs');
    expect(row?.status).toBe('complete');
    expect(Number(row?.bars)).toBeGreaterThan(WARMUP);
    const [p] = await queryFile(
      join(dir, 'run.duckdb'),
      `SELECT count(*) AS n, count(DISTINCT ts) AS d FROM predictions WHERE role = 'champion'`,
    );
    expect(Number(p?.n)).toBeGreaterThan(0);
    expect(p?.n).toBe(p?.d);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
  });

  it('the end of a finite source (NDJSON on stdin) ends the run with the same outputs', async () => {
    const trades = synthTrades(['X'], 45);
    const input = trades
      .map((t) =>
        JSON.stringify({
          timestamp: new Date(t.ts).toISOString(),
          instrument: t.symbol,
          last: t.price,
        }),
      )
      .join('\n');
    const dir = tempDir('livemodel-stdin-');
    const r = await spawnCli(
      ['live', '--feed', 'ndjson', '--url', '-', '--interval', '1s', '--out', dir, '--quiet'],
      { input },
    ).done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [row] = await queryFile(
      join(dir, 'run.duckdb'),
      `SELECT status, bars, (SELECT count(*) FROM predictions WHERE role = 'champion') AS n FROM runs`,
    );
    expect(row).toEqual({ status: 'complete', bars: '45', n: String(45 - WARMUP + 1) });
  });

  it('a run with one bar after warmup keeps its complete run file and still gets its report (not annualised)', async () => {
    const trades = synthTrades(['X'], WARMUP);
    const input = trades
      .map((t) => JSON.stringify({ ts: t.ts, symbol: t.symbol, price: t.price }))
      .join('\n');
    const dir = tempDir('livemodel-short-');
    const r = await spawnCli(
      ['live', '--feed', 'ndjson', '--url', '-', '--interval', '1s', '--out', dir, '--quiet'],
      { input },
    ).done;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(
      JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).annualization.periods_per_year,
    ).toBeNull();
    const [row] = await queryFile(join(dir, 'run.duckdb'), 'SELECT status, bars FROM runs');
    expect(row).toEqual({ status: 'complete', bars: String(WARMUP) });
  });

  it('bad arguments end with a one-line message and exit 2', async () => {
    const r = await runCliInProcess(['live', '--feed', 'kraken', '--symbols', 'X']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'livemodel: Expected --feed to be one of binance, coinbase, coinbase-advanced, alpaca, ndjson, got `kraken`',
    );
    const r2 = await runCliInProcess([
      'live',
      '--feed',
      'binance',
      '--symbols',
      'X',
      '--interval',
      'soon',
    ]);
    expect(r2.stderr.trim()).toBe(
      'livemodel: Expected --interval to be a duration like 500ms, 1s, 1m or 1h, got `soon`',
    );
  });
});
