import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '../../../src/clock/index.ts';
import { createRandom, InputError } from '../../../src/core/index.ts';
import { alpacaProtocol, createFeed, parseVenueTime } from '../../../src/feeds/index.ts';
import { asTicks, collectFeed } from '../../helpers/collect-feed.ts';
import { recordingContext } from '../../helpers/recording-context.ts';
import { alpacaTrades, synthTrades } from '../../helpers/venue-frames.ts';
import { startVenueServer, type VenueServer } from '../../helpers/venue-server.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/venues');
const deps = () => ({
  wall: new WallClock(),
  random: createRandom(3),
  backoff: { initialMs: 10, maxMs: 50 },
});
const credentials = { key: 'AKTEST', secret: 'shh' };

describe('alpacaProtocol', () => {
  it('doc example: answers the greeting with auth, then subscribes', () => {
    const { out, ctx } = recordingContext();
    const p = alpacaProtocol({ symbols: ['AAPL'], key: 'KEY', secret: 'SECRET' });
    p.onFrame('[{"T":"success","msg":"connected"}]', ctx);
    p.onFrame('[{"T":"success","msg":"authenticated"}]', ctx);
    expect(out.sent).toEqual([
      { action: 'auth', key: 'KEY', secret: 'SECRET' },
      { action: 'subscribe', trades: ['AAPL'] },
    ]);
  });

  it('parseVenueTime doc example: nanosecond RFC 3339 to ms', () => {
    expect(parseVenueTime('2021-02-22T15:51:45.335689322Z')).toBe(1614009105335);
    expect(parseVenueTime('2021-02-22T19:15:00Z')).toBe(Date.parse('2021-02-22T19:15:00Z'));
    expect(parseVenueTime('2021-02-22T19:15:00.5+01:00')).toBe(
      Date.parse('2021-02-22T18:15:00.500Z'),
    );
    expect(parseVenueTime('yesterday')).toBeNaN();
  });

  it('reads the recorded frames: trades, bars (by channel), quotes ignored, halts as alerts', () => {
    const trades = recordingContext();
    const bars = recordingContext();
    const pt = alpacaProtocol({ symbols: ['AAPL'], ...credentials });
    const pb = alpacaProtocol({ symbols: ['SPY'], ...credentials, channel: 'bars' });
    for (const l of readFileSync(join(FIXTURES, 'alpaca.ndjson'), 'utf8').trim().split('\n')) {
      pt.onFrame(l, trades.ctx);
      pb.onFrame(l, bars.ctx);
    }
    expect(trades.out.ticks).toEqual([
      {
        kind: 'trade',
        symbol: 'AAPL',
        ts: Date.parse('2021-02-22T15:51:44.208Z'),
        price: 126.55,
        size: 1,
      },
    ]);
    expect(bars.out.ticks).toEqual([
      {
        kind: 'bar',
        symbol: 'SPY',
        ts: Date.parse('2021-02-22T19:15:00Z'),
        intervalMs: 60000,
        open: 388.985,
        high: 389.13,
        low: 388.975,
        close: 389.12,
        volume: 49378,
      },
      {
        kind: 'bar',
        symbol: 'FAKEPACA',
        ts: Date.parse('2024-07-24T07:56:00Z'),
        intervalMs: 60000,
        open: 132.65,
        high: 136,
        low: 132.12,
        close: 134.65,
        volume: 205,
      },
    ]);
    expect(trades.out.alerts).toEqual([
      'status: alpaca AAPL: Trading Halt (Trading Halted; For information requested by NASDAQ)',
    ]);
    expect(trades.out.rejects).toEqual([]);
  });

  it('stops for good on auth failure and reconnects on a connection-limit error', () => {
    const a = recordingContext();
    alpacaProtocol({ symbols: ['AAPL'], ...credentials }).onFrame(
      '[{"T": "error", "code": 402, "msg": "auth failed"}]',
      a.ctx,
    );
    expect(a.out.fatal).toBeInstanceOf(InputError);
    expect(a.out.fatal?.message).toMatch(/error 402 \(auth failed\); check APCA_API_KEY_ID/);
    const b = recordingContext();
    alpacaProtocol({ symbols: ['AAPL'], ...credentials }).onFrame(
      '[{"T": "error", "code": 406, "msg": "connection limit exceeded"}]',
      b.ctx,
    );
    expect(b.out.fatal).toBeNull();
    expect(b.out.reconnects).toEqual(['alpaca error 406: connection limit exceeded']);
  });
});

describe('Alpaca feed against a local server', () => {
  let server: VenueServer | undefined;
  afterEach(async () => server?.close());

  async function handshake(
    c: { send(f: string): void; next(): Promise<string> },
    symbols: string[],
  ): Promise<void> {
    c.send('[{"T":"success","msg":"connected"}]');
    expect(JSON.parse(await c.next())).toEqual({ action: 'auth', key: 'AKTEST', secret: 'shh' });
    c.send('[{"T":"success","msg":"authenticated"}]');
    expect(JSON.parse(await c.next())).toEqual({ action: 'subscribe', trades: symbols });
    c.send(JSON.stringify([{ T: 'subscription', trades: symbols, quotes: [], bars: [] }]));
  }

  it('authenticates and subscribes again after a drop; repeated trades are skipped, none lost', async () => {
    const symbols = ['AAPL', 'MSFT'];
    const trades = synthTrades(symbols, 20);
    let done = false;
    server = await startVenueServer(async (c) => {
      await handshake(c, symbols);
      const [from, to] = c.index === 0 ? [0, 90] : [70, trades.length];
      for (let i = from; i < to; i += 3) c.send(alpacaTrades(trades.slice(i, Math.min(to, i + 3)))); // several messages per frame
      if (c.index === 0) setTimeout(() => c.drop(), 20);
      else done = true;
    });
    const feed = createFeed({ feed: 'alpaca', url: server.url, symbols, credentials }, deps());
    const got = await collectFeed(
      feed,
      () => done && feed.status().messages >= (server as VenueServer).sent(),
    );
    expect(got.ticks).toEqual(
      asTicks(trades).map((t) => ({
        ...t,
        size: Math.max(1, Math.round((t as { size: number }).size * 100)),
      })),
    );
    expect(feed.status()).toMatchObject({ connects: 2, disconnects: 1, duplicates: 20 });
  });

  it('a refused login ends the run with the venue message', async () => {
    server = await startVenueServer(async (c) => {
      c.send('[{"T":"success","msg":"connected"}]');
      await c.next();
      c.send('[{"T":"error","code":402,"msg":"auth failed"}]');
    });
    const feed = createFeed(
      { feed: 'alpaca', url: server.url, symbols: ['AAPL'], credentials },
      deps(),
    );
    const got = await collectFeed(feed, () => false, 3000);
    expect((got.error as Error).message).toMatch(
      /alpaca refused the connection: error 402 \(auth failed\)/,
    );
    expect(feed.status().state).toBe('failed');
    expect(() => createFeed({ feed: 'alpaca', symbols: ['AAPL'] }, deps())).toThrow(
      /APCA_API_KEY_ID and APCA_API_SECRET_KEY/,
    );
  });
});
