import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '../../../src/clock/index.ts';
import { createRandom } from '../../../src/core/index.ts';
import {
  coinbaseAdvancedProtocol,
  coinbaseExchangeProtocol,
  createFeed,
} from '../../../src/feeds/index.ts';
import { asTicks, collectFeed } from '../../helpers/collect-feed.ts';
import { recordingContext } from '../../helpers/recording-context.ts';
import {
  advancedTrades,
  coinbaseHeartbeat,
  coinbaseMatch,
  synthTrades,
} from '../../helpers/venue-frames.ts';
import { startVenueServer, type VenueServer } from '../../helpers/venue-server.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/venues');
const lines = (f: string) => readFileSync(join(FIXTURES, f), 'utf8').trim().split('\n');
const deps = () => ({
  wall: new WallClock(),
  random: createRandom(2),
  backoff: { initialMs: 10, maxMs: 50 },
});

describe('coinbaseExchangeProtocol', () => {
  it('doc example: subscribes to matches and heartbeat on open', () => {
    const { out, ctx } = recordingContext();
    coinbaseExchangeProtocol({ symbols: ['btc-usd'] }).onOpen(ctx, false);
    expect(out.sent).toEqual([
      { type: 'subscribe', product_ids: ['BTC-USD'], channels: ['matches', 'heartbeat'] },
    ]);
  });

  it('reads the recorded frames: last_match, match, heartbeat; tickers are not trades on the matches channel', () => {
    const { out, ctx } = recordingContext();
    const p = coinbaseExchangeProtocol({ symbols: ['BTC-USD', 'ETH-USD'] });
    for (const l of lines('coinbase.ndjson')) p.onFrame(l, ctx);
    expect(out.ticks).toEqual([
      {
        kind: 'trade',
        symbol: 'BTC-USD',
        ts: Date.parse('2021-03-21T03:47:27.112Z'),
        price: 57786.82,
        size: 0.00031874,
      },
    ]);
    expect(out.duplicates).toBe(1); // the 2014 match (trade_id 10) is older than the 2021 last_match: the samples are separate captures
    expect(out.heartbeats).toEqual([Date.parse('2014-11-07T08:19:28.464Z')]);
    expect(out.rejects).toEqual([]);
  });

  it('stops on an error frame with the venue reason', () => {
    const { out, ctx } = recordingContext();
    coinbaseExchangeProtocol({ symbols: ['BTC-USD'] }).onFrame(
      '{"message": "Failed to subscribe", "reason": "No channels provided", "type": "error"}',
      ctx,
    );
    expect(out.fatal?.message).toBe(
      'coinbase refused the subscription: Failed to subscribe (No channels provided)',
    );
  });

  it('a heartbeat whose last_trade_id is ahead of the last trade received is a gap', () => {
    const { out, ctx } = recordingContext();
    const p = coinbaseExchangeProtocol({ symbols: ['BTC-USD'] });
    const [t] = synthTrades(['BTC-USD'], 1);
    p.onFrame(coinbaseMatch(t as never, 1), ctx);
    p.onFrame(coinbaseHeartbeat('BTC-USD', (t?.ts ?? 0) + 1000, (t?.id ?? 0) + 3, 5), ctx);
    expect(out.gaps).toEqual([3]);
  });
});

describe('coinbaseAdvancedProtocol', () => {
  it('doc example: one subscribe per channel', () => {
    const { out, ctx } = recordingContext();
    coinbaseAdvancedProtocol({ symbols: ['BTC-USD'] }).onOpen(ctx, false);
    expect(out.sent).toEqual([
      { type: 'subscribe', product_ids: ['BTC-USD'], channel: 'market_trades' },
      { type: 'subscribe', channel: 'heartbeats' },
    ]);
  });

  it('reads the recorded frames: market_trades snapshot and heartbeats; other channels are ignored', () => {
    const { out, ctx } = recordingContext();
    const p = coinbaseAdvancedProtocol({ symbols: ['ETH-USD'] });
    for (const l of lines('coinbase-advanced.ndjson')) p.onFrame(l, ctx);
    expect(out.ticks).toEqual([
      {
        kind: 'trade',
        symbol: 'ETH-USD',
        ts: Date.parse('2019-08-14T20:42:27.265Z'),
        price: 1260.01,
        size: 0.3,
      },
    ]);
    expect(out.heartbeats).toEqual([Date.parse('2023-06-23T20:31:26.122Z')]);
    expect(out.rejects).toEqual([]);
  });
});

describe('Coinbase feeds against a local server', () => {
  let server: VenueServer | undefined;
  afterEach(async () => server?.close());

  it('Exchange: subscribes again after a drop, skips replayed matches, reports trades lost before a heartbeat', async () => {
    const symbols = ['BTC-USD', 'ETH-USD'];
    const trades = synthTrades(symbols, 20);
    let seq = 1;
    let done = false;
    server = await startVenueServer(async (c) => {
      const sub = JSON.parse(await c.next());
      expect(sub).toEqual({
        type: 'subscribe',
        product_ids: symbols,
        channels: ['matches', 'heartbeat'],
      });
      c.send(
        JSON.stringify({
          type: 'subscriptions',
          channels: [
            { name: 'matches', product_ids: symbols },
            { name: 'heartbeat', product_ids: symbols },
          ],
        }),
      );
      const play = (from: number, to: number) => {
        const first = trades.slice(from, from + 2);
        for (const t of first) c.send(coinbaseMatch(t, seq++, 'last_match'));
        trades.slice(from + 2, to).forEach((t, i) => {
          seq += 3;
          c.send(coinbaseMatch(t, seq));
          if (i % 8 === 7)
            for (const s of symbols)
              c.send(
                coinbaseHeartbeat(
                  s,
                  t.ts + 1,
                  trades
                    .slice(0, from + 3 + i)
                    .filter((x) => x.symbol === s)
                    .at(-1)?.id ?? 0,
                  seq++,
                ),
              );
        });
      };
      if (c.index === 0) {
        play(0, 100);
        setTimeout(() => c.drop(), 20);
      } else if (c.index === 1) {
        play(98 - 20, 150); // last_match and 20 matches repeated
        // trades 150..153 never arrive; the heartbeat says they happened
        for (const s of symbols)
          c.send(
            coinbaseHeartbeat(
              s,
              (trades[153]?.ts ?? 0) + 1,
              trades
                .slice(0, 154)
                .filter((x) => x.symbol === s)
                .at(-1)?.id ?? 0,
              seq++,
            ),
          );
        for (const t of trades.slice(154)) {
          seq += 2;
          c.send(coinbaseMatch(t, seq));
        }
        done = true;
      }
    });
    const feed = createFeed({ feed: 'coinbase', url: server.url, symbols }, deps());
    const got = await collectFeed(
      feed,
      () => done && feed.status().messages >= (server as VenueServer).sent(),
    );
    expect(got.ticks).toEqual(asTicks([...trades.slice(0, 150), ...trades.slice(154)]));
    expect(feed.status()).toMatchObject({ connects: 2, disconnects: 1, gaps: 2, missing: 4 });
    expect(got.alerts.filter((a) => a.kind === 'gap').map((a) => a.message)).toEqual([
      'coinbase BTC-USD: heartbeat reports last_trade_id 1076, but the last trade received is 1074: 2 trade(s) lost',
      'coinbase ETH-USD: heartbeat reports last_trade_id 1076, but the last trade received is 1074: 2 trade(s) lost',
    ]);
    expect(got.alerts.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['disconnect', 'reconnect', 'resync']),
    );
    expect(got.heartbeats.length).toBeGreaterThan(10);
  });

  it('Advanced Trade: the snapshot after a reconnect repeats trades (skipped); a sequence_num jump is a gap', async () => {
    const symbols = ['BTC-USD'];
    const trades = synthTrades(symbols, 20);
    let done = false;
    server = await startVenueServer(async (c) => {
      expect(JSON.parse(await c.next())).toEqual({
        type: 'subscribe',
        product_ids: symbols,
        channel: 'market_trades',
      });
      expect(JSON.parse(await c.next())).toEqual({ type: 'subscribe', channel: 'heartbeats' });
      let seq = 0;
      c.send(
        JSON.stringify({
          channel: 'subscriptions',
          client_id: '',
          timestamp: '2023-11-14T22:13:20.000000Z',
          sequence_num: seq++,
          events: [{ subscriptions: { market_trades: symbols } }],
        }),
      );
      const upTo = c.index === 0 ? 40 : trades.length;
      const from = c.index === 0 ? 0 : 30; // snapshot repeats trades 30..39
      c.send(advancedTrades(trades.slice(from, from + 10), seq++, 'snapshot'));
      for (let i = from + 10; i < upTo; i += 5) {
        if (c.index === 1 && i === 60) seq += 2; // two messages lost
        c.send(advancedTrades(trades.slice(i, Math.min(upTo, i + 5)), seq++));
      }
      if (c.index === 0) setTimeout(() => c.drop(), 20);
      else done = true;
    });
    const feed = createFeed({ feed: 'coinbase-advanced', url: server.url, symbols }, deps());
    const got = await collectFeed(
      feed,
      () => done && feed.status().messages >= (server as VenueServer).sent(),
    );
    expect(got.ticks).toEqual(asTicks(trades));
    expect(feed.status()).toMatchObject({
      connects: 2,
      disconnects: 1,
      duplicates: 10,
      gaps: 1,
      missing: 2,
    });
    expect(got.alerts.find((a) => a.kind === 'gap')?.message).toBe(
      'coinbase advanced: sequence_num jumped from 5 to 8: 2 message(s) lost',
    );
  });
});
