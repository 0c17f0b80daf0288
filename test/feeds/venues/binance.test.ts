import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '../../../src/clock/index.ts';
import { createRandom } from '../../../src/core/index.ts';
import { binanceProtocol, createFeed } from '../../../src/feeds/index.ts';
import { asTicks, collectFeed } from '../../helpers/collect-feed.ts';
import { recordingContext } from '../../helpers/recording-context.ts';
import { binanceTrade, synthTrades } from '../../helpers/venue-frames.ts';
import { startVenueServer, type VenueServer } from '../../helpers/venue-server.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/venues');

describe('binanceProtocol', () => {
  it('doc example: combined-stream URL with lower-case stream names', () => {
    const p = binanceProtocol({ symbols: ['BTCUSDT', 'ethusdt'] });
    expect(p.url('wss://stream.binance.com:9443')).toBe(
      'wss://stream.binance.com:9443/stream?streams=btcusdt@trade/ethusdt@trade',
    );
    expect(p.symbols).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(
      binanceProtocol({ symbols: ['BTCUSDT'], channel: 'kline', klineInterval: '1s' }).url(
        'ws://h/stream',
      ),
    ).toBe('ws://h/stream?streams=btcusdt@kline_1s');
    expect(() =>
      binanceProtocol({ symbols: ['X'], channel: 'kline', klineInterval: '7m' }),
    ).toThrow(/kline interval .* got `7m`/);
  });

  it('reads the recorded sample frames: trades, aggregate trades, open klines, the shutdown notice', () => {
    const { out, ctx } = recordingContext();
    const p = binanceProtocol({ symbols: ['BTCUSDT', 'BNBBTC'] });
    for (const line of readFileSync(join(FIXTURES, 'binance.ndjson'), 'utf8').trim().split('\n'))
      p.onFrame(line, ctx);
    expect(out.ticks).toContainEqual({
      kind: 'trade',
      symbol: 'BTCUSDT',
      ts: 1624832253271,
      price: 34188.03,
      size: 0.012,
    });
    expect(out.ticks.filter((t) => (t as { symbol: string }).symbol === 'BTCUSDT')).toHaveLength(3); // one aggTrade, trades 935421409 and 935421410
    expect(out.heartbeats).toEqual([1653818762502, 1672515782136]); // open klines only advance time
    expect(out.reconnects).toEqual(['serverShutdown notice']);
    expect(out.rejects).toEqual([]);
    expect(out.ticks).toHaveLength(5); // aggTrade ids are a sequence of their own
    expect(out.gaps).toEqual([]);
  });

  it('turns a closed kline into a bar, skips a repeated one, and reports venue errors', () => {
    const { out, ctx } = recordingContext();
    const p = binanceProtocol({ symbols: ['BNBBTC'], channel: 'kline' });
    const kline = {
      e: 'kline',
      E: 1672515840001,
      s: 'BNBBTC',
      k: {
        t: 1672515780000,
        T: 1672515839999,
        s: 'BNBBTC',
        i: '1m',
        o: '0.0010',
        c: '0.0020',
        h: '0.0025',
        l: '0.0015',
        v: '1000',
        x: true,
      },
    };
    p.onFrame(JSON.stringify({ stream: 'bnbbtc@kline_1m', data: kline }), ctx);
    p.onFrame(JSON.stringify({ stream: 'bnbbtc@kline_1m', data: kline }), ctx);
    p.onFrame('{"error": {"code": 2, "msg": "Invalid request: invalid stream"}, "id": 2}', ctx);
    p.onFrame('{"result": null, "id": 1}', ctx);
    expect(out.ticks).toEqual([
      {
        kind: 'bar',
        symbol: 'BNBBTC',
        ts: 1672515780000,
        intervalMs: 60000,
        open: 0.001,
        high: 0.0025,
        low: 0.0015,
        close: 0.002,
        volume: 1000,
      },
    ]);
    expect(out.duplicates).toBe(1);
    expect(out.alerts).toEqual(['venue_error: binance error 2: Invalid request: invalid stream']);
  });
});

describe('Binance feed against a local server', () => {
  let server: VenueServer | undefined;
  afterEach(async () => server?.close());

  it('survives a dropped connection: reconnects, skips the replayed trades, loses nothing; reports a gap', async () => {
    const trades = synthTrades(['BTCUSDT', 'ETHUSDT'], 20);
    const frames = trades.map(binanceTrade);
    const half = 100;
    let done = false;
    server = await startVenueServer((c) => {
      expect(c.path).toBe('/stream?streams=btcusdt@trade/ethusdt@trade');
      if (c.index === 0) {
        for (const f of frames.slice(0, half)) c.send(f);
        setTimeout(() => c.drop(), 20);
      } else if (c.index === 1) {
        for (const f of frames.slice(half - 30, 140)) c.send(f); // 30 repeated
        setTimeout(() => c.drop(), 20);
      } else {
        for (const f of frames.slice(144)) c.send(f); // 4 trades (2 per symbol) lost
        done = true;
      }
    });
    const feed = createFeed(
      { feed: 'binance', url: server.url, symbols: ['btcusdt', 'ETHUSDT'] },
      { wall: new WallClock(), random: createRandom(1), backoff: { initialMs: 10, maxMs: 50 } },
    );
    const got = await collectFeed(
      feed,
      () => done && feed.status().messages >= (server as VenueServer).sent(),
    );
    const expected = asTicks([...trades.slice(0, 140), ...trades.slice(144)]);
    expect(got.ticks).toEqual(expected);
    const st = feed.status();
    expect(st).toMatchObject({ connects: 3, disconnects: 2, duplicates: 30, gaps: 2, missing: 4 });
    const kinds = got.alerts.map((a) => a.kind);
    expect(kinds.filter((k) => k === 'disconnect')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'resync')).toHaveLength(2);
    expect(got.alerts.filter((a) => a.kind === 'gap').map((a) => a.message)).toEqual([
      'binance BTCUSDT: 2 trade(s) missing between id 1069 and 1072',
      'binance ETHUSDT: 2 trade(s) missing between id 1069 and 1072',
    ]);
  });
});
