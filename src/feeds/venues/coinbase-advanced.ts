import { InputError } from '../../core/index.ts';
import { parseVenueTime } from './parse-venue-time.ts';
import { TradeLedger } from './trade-ledger.ts';
import type { FrameContext, VenueProtocol } from './venue-protocol.ts';

/** Public endpoint of Coinbase Advanced Trade market data. */
export const COINBASE_ADVANCED_URL = 'wss://advanced-trade-ws.coinbase.com';

export interface CoinbaseAdvancedOptions {
  readonly symbols: readonly string[];
  /** Optional JWT for authenticated connections (public channels work without). */
  readonly jwt?: string;
}

interface AdvancedTrade {
  trade_id: string;
  product_id: string;
  price: string;
  size: string;
  time: string;
}

/**
 * Coinbase Advanced Trade market data: one `subscribe` frame per channel (singular `channel`):
 * `market_trades` for the products and `heartbeats` (keeps the connection open; its envelope
 * `timestamp` advances market time). `sequence_num` counts every message of the connection from
 * 0: a jump is a gap. After a reconnect the `snapshot` event repeats recent trades, which are
 * skipped by `trade_id` (increasing per product). Trades in one event are applied oldest first.
 *
 * @example
 * const p = coinbaseAdvancedProtocol({ symbols: ['BTC-USD'] });
 * // on open: {"type":"subscribe","product_ids":["BTC-USD"],"channel":"market_trades"} and {"type":"subscribe","channel":"heartbeats"}
 */
export function coinbaseAdvancedProtocol(options: CoinbaseAdvancedOptions): VenueProtocol {
  const symbols = options.symbols.map((s) => s.toUpperCase());
  const trades = new TradeLedger('monotonic');
  const auth = options.jwt === undefined ? {} : { jwt: options.jwt };
  let expected = 0;
  return {
    venue: 'coinbase-advanced',
    symbols,
    url: (base: string) => base,
    onOpen(ctx: FrameContext): void {
      expected = 0;
      ctx.send({ type: 'subscribe', product_ids: symbols, channel: 'market_trades', ...auth });
      ctx.send({ type: 'subscribe', channel: 'heartbeats', ...auth });
    },
    onFrame(text: string, ctx: FrameContext): void {
      const m = JSON.parse(text) as Record<string, unknown>;
      if (m['type'] === 'error') {
        ctx.alert({
          symbol: '*',
          kind: 'venue_error',
          severity: 'critical',
          message: `coinbase advanced: ${String(m['message'])}`,
        });
        ctx.fatal(
          new InputError(
            `coinbase advanced trade refused the subscription: ${String(m['message'])}`,
          ),
        );
        return;
      }
      const seq = Number(m['sequence_num']);
      if (Number.isInteger(seq)) {
        if (seq > expected)
          ctx.gap(
            '*',
            seq - expected,
            `coinbase advanced: sequence_num jumped from ${expected - 1} to ${seq}: ${seq - expected} message(s) lost`,
          );
        expected = Math.max(expected, seq + 1);
      }
      const events = (m['events'] ?? []) as Record<string, unknown>[];
      switch (m['channel']) {
        case 'market_trades':
          for (const e of events) onTrades((e['trades'] ?? []) as AdvancedTrade[], ctx);
          return;
        case 'heartbeats':
          ctx.heartbeat(parseVenueTime(String(m['timestamp'])));
          return;
        case 'subscriptions':
        case 'ticker':
        case 'ticker_batch':
        case 'candles':
        case 'level2':
        case 'l2_data':
        case 'status':
          return; // not subscribed by this feed (or only informative)
        default:
          ctx.reject(`unknown coinbase advanced channel \`${String(m['channel'])}\``);
      }
    },
  };

  function onTrades(list: AdvancedTrade[], ctx: FrameContext): void {
    const sorted = [...list].sort((a, b) => Number(a.trade_id) - Number(b.trade_id));
    for (const t of sorted) {
      const price = Number(t.price);
      const ts = parseVenueTime(t.time);
      if (!Number.isFinite(price) || price <= 0 || Number.isNaN(ts) || t.trade_id === undefined) {
        ctx.reject(
          `coinbase advanced trade for ${t.product_id}: price \`${t.price}\`, time \`${t.time}\`, trade_id \`${t.trade_id}\` are not all valid`,
        );
        continue;
      }
      if (!trades.check(t.product_id, t.trade_id).fresh) {
        ctx.duplicate(t.product_id);
        continue;
      }
      ctx.tick({ kind: 'trade', symbol: t.product_id, ts, price, size: Number(t.size) });
    }
  }
}
