import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '../../../src/clock/index.ts';
import { createRandom } from '../../../src/core/index.ts';
import { createFeed, parseNdjsonRow } from '../../../src/feeds/index.ts';
import { tempDir } from '../../helpers/cli.ts';
import { asTicks, collectFeed } from '../../helpers/collect-feed.ts';
import { synthTrades } from '../../helpers/venue-frames.ts';
import { startVenueServer, type VenueServer } from '../../helpers/venue-server.ts';

const deps = () => ({
  wall: new WallClock(),
  random: createRandom(4),
  backoff: { initialMs: 10, maxMs: 50 },
});
const row = (t: { symbol: string; ts: number; price: number; size: number; id: number }) =>
  JSON.stringify({
    time: t.ts,
    ticker: t.symbol,
    price: t.price,
    qty: Number(t.size.toFixed(8)),
    trade_id: t.id,
  });

describe('parseNdjsonRow', () => {
  it('doc example: finds fields by the CSV aliases', () => {
    expect(
      parseNdjsonRow({ time: 1700000000000, ticker: 'ABC', price: '10.5', qty: 2 }, {}),
    ).toEqual({
      tick: { kind: 'trade', symbol: 'ABC', ts: 1700000000000, price: 10.5, size: 2 },
      key: '1700000000000|10.5|2',
    });
  });

  it('reads bars, explicit field names, ISO and epoch-second times', () => {
    expect(
      parseNdjsonRow(
        { Date: '2024-01-02T00:00:00Z', sym: 'X', o: 1, high: 3, low: 0.5, close: 2, id: 7 },
        { columns: { symbol: 'sym', open: 'o' }, barIntervalMs: 1000 },
      ),
    ).toEqual({
      tick: {
        kind: 'bar',
        symbol: 'X',
        ts: Date.parse('2024-01-02'),
        intervalMs: 1000,
        open: 1,
        high: 3,
        low: 0.5,
        close: 2,
        volume: Number.NaN,
      },
      key: '7',
    });
    expect(parseNdjsonRow({ ts: 1700000000, price: 1 }, { symbol: 'S' }).tick.ts).toBe(
      1700000000000,
    );
  });

  it('names the field and the value of a bad row', () => {
    expect(() => parseNdjsonRow({ ts: 1, symbol: 'A', price: -3 }, {})).toThrow(
      'price field is `-3`, expected a finite positive number (close, price or last)',
    );
    expect(() => parseNdjsonRow({ ts: 'soon', symbol: 'A', price: 3 }, {})).toThrow(
      'timestamp field is `soon`, not a timestamp',
    );
    expect(() => parseNdjsonRow({ ts: 1, price: 3 }, {})).toThrow(/symbol field is missing/);
    expect(() => parseNdjsonRow([1, 2], {})).toThrow(
      'expected a JSON object per line, got an array',
    );
  });
});

describe('NDJSON feeds', () => {
  let server: VenueServer | undefined;
  let tcp: Server | undefined;
  afterEach(async () => {
    await server?.close();
    tcp?.close();
  });

  it('over a WebSocket: reconnects after a drop and skips rows it already has (by id); bad lines are rejected', async () => {
    const trades = synthTrades(['A', 'B'], 10);
    let done = false;
    server = await startVenueServer((c) => {
      if (c.index === 0) {
        c.send(trades.slice(0, 40).map(row).join('\n')); // several lines in one frame
        c.send('{"time": 1, "ticker": "A", "price": "n/a"}\nnot json');
        setTimeout(() => c.drop(), 20);
      } else {
        for (const t of trades.slice(30)) c.send(row(t));
        done = true;
      }
    });
    const feed = createFeed({ feed: 'ndjson', url: server.url, symbols: [] }, deps());
    const got = await collectFeed(
      feed,
      () => done && feed.status().messages >= (server as VenueServer).sent(),
    );
    expect(got.ticks).toEqual(asTicks(trades));
    expect(feed.status()).toMatchObject({ duplicates: 10, rejects: 2 });
    expect(got.rejects.map((r) => r.reason)).toEqual([
      'price field is `n/a`, expected a finite positive number (close, price or last)',
      'not JSON: not json',
    ]);
  });

  it('over TCP and from a file: the run ends with the stream', async () => {
    const trades = synthTrades(['A'], 5);
    tcp = createServer((s) => s.end(`${trades.map(row).join('\n')}\n`));
    await new Promise<void>((r) => tcp?.listen(0, '127.0.0.1', () => r()));
    const port = (tcp.address() as { port: number }).port;
    const fromTcp = await collectFeed(
      createFeed({ feed: 'ndjson', url: `tcp://127.0.0.1:${port}`, symbols: [] }, deps()),
      () => false,
    );
    expect(fromTcp.ticks).toEqual(asTicks(trades));
    const file = join(tempDir(), 'trades.ndjson');
    writeFileSync(file, trades.map(row).join('\n'));
    const fileFeed = createFeed({ feed: 'ndjson', url: file, symbols: ['A'] }, deps());
    const fromFile = await collectFeed(fileFeed, () => false);
    expect(fromFile.ticks).toEqual(asTicks(trades));
    expect(fileFeed.status().state).toBe('ended');
    await expect(
      collectFeed(
        createFeed({ feed: 'ndjson', url: '/no/such/file.ndjson', symbols: [] }, deps()),
        () => false,
      ).then((c) => (c.error as Error).message),
    ).resolves.toMatch(/cannot read the NDJSON source \/no\/such\/file.ndjson/);
  });
});
