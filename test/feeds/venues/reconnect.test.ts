import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '../../../src/clock/index.ts';
import { createRandom } from '../../../src/core/index.ts';
import {
  backoffDelay,
  binanceProtocol,
  createFeed,
  TradeLedger,
  WebSocketFeed,
} from '../../../src/feeds/index.ts';
import { collectFeed } from '../../helpers/collect-feed.ts';
import { binanceTrade, synthTrades } from '../../helpers/venue-frames.ts';
import { startVenueServer, type VenueServer } from '../../helpers/venue-server.ts';

describe('backoffDelay', () => {
  it('doc example: exponential with equal jitter from a seeded random', () => {
    const d = backoffDelay(3, { initialMs: 100, maxMs: 10_000 }, createRandom(1));
    expect(d).toBeGreaterThanOrEqual(400);
    expect(d).toBeLessThan(800);
    expect(backoffDelay(3, { initialMs: 100, maxMs: 10_000 }, createRandom(1))).toBe(d); // reproducible
  });

  it('property: delay in [base/2, base) with base = min(max, initial·2^attempt)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer(),
        (attempt, initial, factor, seed) => {
          const max = initial * factor;
          const base = Math.min(max, initial * 2 ** attempt);
          const d = backoffDelay(attempt, { initialMs: initial, maxMs: max }, createRandom(seed));
          expect(d).toBeGreaterThanOrEqual(base / 2);
          expect(d).toBeLessThan(base);
        },
      ),
    );
    expect(() => backoffDelay(0, { initialMs: 0 }, createRandom(1))).toThrow(/initialMs `0`/);
  });
});

describe('TradeLedger', () => {
  it('doc example: duplicates and gaps of consecutive ids', () => {
    const l = new TradeLedger('sequential');
    expect(l.check('BTCUSDT', 10)).toEqual({ fresh: true, missing: 0, after: null });
    expect(l.check('BTCUSDT', 10)).toEqual({ fresh: false });
    expect(l.check('BTCUSDT', 13)).toEqual({ fresh: true, missing: 2, after: 10 });
  });

  it('property: replaying any overlapping windows of a stream delivers each id once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })), {
          maxLength: 8,
        }),
        (windows) => {
          const l = new TradeLedger('sequential');
          const u = new TradeLedger('unique', 1000);
          const got: number[] = [];
          const gotU: number[] = [];
          let end = 0;
          for (const [back, len] of windows) {
            const from = Math.max(0, end - back);
            for (let id = from; id < from + len; id++) {
              if (l.check('S', id).fresh) got.push(id);
              if (u.check('S', id).fresh) gotU.push(id);
            }
            end = Math.max(end, from + len);
          }
          expect(got).toEqual([...new Set(got)].sort((a, b) => a - b));
          expect(new Set(gotU).size).toBe(gotU.length);
        },
      ),
    );
  });

  it('unique mode forgets the oldest keys beyond its bound (bounded memory)', () => {
    const u = new TradeLedger('unique', 2);
    for (const k of ['a', 'b', 'c']) u.check('S', k);
    expect(u.check('S', 'a').fresh).toBe(true);
    expect(u.check('S', 'c').fresh).toBe(false);
  });
});

describe('WebSocketFeed connection care', () => {
  let server: VenueServer | undefined;
  afterEach(async () => server?.close());

  it('renews the connection before the venue limit (Binance 24 h, shortened here) and drops a silent one', async () => {
    const trades = synthTrades(['BTCUSDT'], 5);
    server = await startVenueServer((c) => {
      if (c.index === 0) {
        for (const t of trades.slice(0, 10)) c.send(binanceTrade(t)); // then silent: the watchdog drops it
      } else if (c.index === 1) {
        for (const t of trades.slice(5)) c.send(binanceTrade(t));
        const pings = setInterval(() => c.ping(), 40); // pings keep it alive until the planned renewal
        setTimeout(() => clearInterval(pings), 1000);
      }
    });
    const protocol = { ...binanceProtocol({ symbols: ['BTCUSDT'] }), maxConnectionMs: 300 };
    const feed = new WebSocketFeed({
      url: server.url,
      protocol,
      wall: new WallClock(),
      random: createRandom(1),
      backoff: { initialMs: 10, maxMs: 20 },
      staleMs: 150,
    });
    const got = await collectFeed(
      feed,
      (c) => c.alerts.filter((a) => a.kind === 'resync').length >= 2,
      5000,
    );
    expect(got.ticks).toHaveLength(trades.length);
    const kinds = got.alerts.map((a) => a.kind);
    expect(kinds).toContain('stale');
    expect(
      got.alerts.find((a) => a.kind === 'disconnect' && a.message.includes('planned renewal')),
    ).toBeDefined();
  });

  it('keeps retrying with backoff while the venue is unreachable, and stops on abort', async () => {
    const feed = new WebSocketFeed({
      url: 'ws://127.0.0.1:1',
      protocol: binanceProtocol({ symbols: ['BTCUSDT'] }),
      wall: new WallClock(),
      random: createRandom(1),
      backoff: { initialMs: 5, maxMs: 20 },
    });
    const got = await collectFeed(
      feed,
      (c) => c.alerts.filter((a) => a.kind === 'disconnect').length >= 3,
      5000,
    );
    expect(got.alerts.filter((a) => a.kind === 'disconnect')[0]?.message).toMatch(
      /could not connect/,
    );
    expect(got.error).toBeNull();
    expect(feed.status().state).toBe('stopped');
  });
});

describe('createFeed', () => {
  it('names the option and value it cannot use', () => {
    const d = { wall: new WallClock(), random: createRandom(1) };
    expect(() => createFeed({ feed: 'binance', symbols: [] }, d)).toThrow(
      '--symbols is required for the binance feed (e.g. --symbols BTCUSDT,ETHUSDT)',
    );
    expect(() => createFeed({ feed: 'binance', symbols: ['X'], channel: 'depth' }, d)).toThrow(
      'Expected --channel for binance to be one of trade, aggTrade, kline, got `depth`',
    );
    expect(() => createFeed({ feed: 'coinbase', symbols: ['X'], channel: 'level2' }, d)).toThrow(
      'Expected --channel for coinbase to be one of matches, ticker, got `level2`',
    );
    expect(() => createFeed({ feed: 'ndjson', symbols: [] }, d)).toThrow(
      /--url is required for the ndjson feed/,
    );
    expect(
      createFeed(
        { feed: 'coinbase', url: 'wss://advanced-trade-ws.coinbase.com', symbols: ['BTC-USD'] },
        d,
      ).name,
    ).toBe('coinbase-advanced');
    expect(createFeed({ feed: 'binance', symbols: ['btcusdt'] }, d).status().url).toBe(
      'wss://stream.binance.com:9443/stream?streams=btcusdt@trade',
    );
  });
});
