/** A synthetic trade, rendered into each venue's exact frame format below. */
export interface SynthTrade {
  readonly symbol: string;
  readonly ts: number;
  readonly price: number;
  readonly size: number;
  /** Consecutive per symbol. */
  readonly id: number;
}

/**
 * Trades of `symbols`, one per symbol every `stepMs` for `seconds`, on a seeded random walk.
 * Symbols trade a few ms apart, so times interleave as on a real feed.
 */
export function synthTrades(
  symbols: readonly string[],
  seconds: number,
  stepMs = 250,
  start = 1_700_000_000_000,
  firstId = 1000,
): SynthTrade[] {
  let seed = 12345;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const price = new Map(symbols.map((s, i) => [s, 100 * (i + 1)]));
  const out: SynthTrade[] = [];
  for (let k = 0; k < (seconds * 1000) / stepMs; k++) {
    symbols.forEach((s, i) => {
      const p = (price.get(s) as number) * (1 + (rnd() - 0.5) * 0.004);
      price.set(s, p);
      out.push({
        symbol: s,
        ts: start + k * stepMs + i * 3,
        price: Math.round(p * 100) / 100,
        size: Math.round(rnd() * 1e6) / 1e6 + 0.001,
        id: firstId + k,
      });
    });
  }
  return out;
}

/** Distinct (symbol, bar start) pairs the trades fall into, per symbol. */
export function barsPerSymbol(
  trades: readonly SynthTrade[],
  intervalMs: number,
): Record<string, number> {
  const sets = new Map<string, Set<number>>();
  for (const t of trades) {
    if (!sets.has(t.symbol)) sets.set(t.symbol, new Set());
    sets.get(t.symbol)?.add(Math.floor(t.ts / intervalMs));
  }
  return Object.fromEntries([...sets].map(([s, set]) => [s, set.size]));
}

const iso = (ms: number, extraDigits: string): string =>
  new Date(ms).toISOString().replace('Z', `${extraDigits}Z`);

/** Binance combined-stream trade frame (current schema, key order as documented). */
export function binanceTrade(t: SynthTrade): string {
  return JSON.stringify({
    stream: `${t.symbol.toLowerCase()}@trade`,
    data: {
      e: 'trade',
      E: t.ts + 2,
      s: t.symbol,
      t: t.id,
      p: t.price.toFixed(8),
      q: t.size.toFixed(8),
      T: t.ts,
      m: false,
      M: true,
    },
  });
}

/** Coinbase Exchange `match` frame (`last_match` for the first of a subscription). */
export function coinbaseMatch(
  t: SynthTrade,
  sequence: number,
  type: 'match' | 'last_match' = 'match',
): string {
  return JSON.stringify({
    type,
    trade_id: t.id,
    sequence,
    maker_order_id: 'ac928c66-ca53-498f-9c13-a110027a60e8',
    taker_order_id: '132fb6ae-456b-4654-b4e0-d681ac05cea1',
    time: iso(t.ts, '459'),
    product_id: t.symbol,
    size: t.size.toFixed(8),
    price: t.price.toFixed(2),
    side: 'sell',
  });
}

/** Coinbase Exchange `heartbeat` frame. */
export function coinbaseHeartbeat(
  symbol: string,
  ts: number,
  lastTradeId: number,
  sequence: number,
): string {
  return JSON.stringify({
    type: 'heartbeat',
    sequence,
    last_trade_id: lastTradeId,
    product_id: symbol,
    time: iso(ts, '464'),
  });
}

/** Coinbase Advanced Trade `market_trades` frame. */
export function advancedTrades(
  trades: readonly SynthTrade[],
  sequenceNum: number,
  kind: 'snapshot' | 'update' = 'update',
): string {
  const last = trades[trades.length - 1] as SynthTrade;
  return JSON.stringify({
    channel: 'market_trades',
    client_id: '',
    timestamp: iso(last.ts + 5, '396251'),
    sequence_num: sequenceNum,
    events: [
      {
        type: kind,
        trades: [...trades].reverse().map((t) => ({
          trade_id: String(t.id),
          product_id: t.symbol,
          price: t.price.toFixed(2),
          size: t.size.toFixed(8),
          side: 'BUY',
          time: iso(t.ts, ''),
        })),
      },
    ],
  });
}

/** Alpaca v2 trade frame (an array; several trades may share one frame). */
export function alpacaTrades(trades: readonly SynthTrade[]): string {
  return JSON.stringify(
    trades.map((t) => ({
      T: 't',
      i: t.id,
      S: t.symbol,
      x: 'V',
      p: t.price,
      s: Math.max(1, Math.round(t.size * 100)),
      t: iso(t.ts, '123456'),
      c: ['@'],
      z: 'C',
    })),
  );
}
