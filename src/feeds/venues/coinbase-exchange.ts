import type { EpochMs } from '../../core/index.ts';
import { InputError } from '../../core/index.ts';
import { parseVenueTime } from './parse-venue-time.ts';
import { TradeLedger } from './trade-ledger.ts';
import type { FrameContext, VenueProtocol } from './venue-protocol.ts';

/** Public endpoint of the Coinbase Exchange market-data feed. */
export const COINBASE_EXCHANGE_URL = 'wss://ws-feed.exchange.coinbase.com';

export interface CoinbaseExchangeOptions {
  /** Product ids (`BTC-USD`); upper-cased. */
  readonly symbols: readonly string[];
  /** `matches` (every trade) or `ticker` (latest trade, may skip trades). Default `matches`. */
  readonly channel?: 'matches' | 'ticker';
}

/**
 * Coinbase Exchange WebSocket feed: on connect it sends
 * `{"type":"subscribe","product_ids":[…],"channels":["matches","heartbeat"]}` (the venue drops
 * clients that do not subscribe within 5 s). The first frame of `matches` is `last_match`.
 * `trade_id` is consecutive per product: an id at or below the last one delivered is a duplicate
 * (skipped after a reconnect), a jump is a gap; the per-product heartbeat (every second) gives
 * market time and its `last_trade_id` reveals trades lost before they arrived. `sequence` is not
 * used for gaps: it jumps on purpose (it counts messages of every channel). An `error` frame
 * ("Failed to subscribe") stops the feed.
 *
 * @example
 * const p = coinbaseExchangeProtocol({ symbols: ['BTC-USD'] });
 * // on open it sends {"type":"subscribe","product_ids":["BTC-USD"],"channels":["matches","heartbeat"]}
 */
export function coinbaseExchangeProtocol(options: CoinbaseExchangeOptions): VenueProtocol {
  const symbols = options.symbols.map((s) => s.toUpperCase());
  const channel = options.channel ?? 'matches';
  const trades = new TradeLedger(channel === 'matches' ? 'sequential' : 'monotonic');
  return {
    venue: 'coinbase',
    symbols,
    url: (base: string) => base,
    onOpen(ctx: FrameContext): void {
      ctx.send({ type: 'subscribe', product_ids: symbols, channels: [channel, 'heartbeat'] });
    },
    onFrame(text: string, ctx: FrameContext): void {
      const m = JSON.parse(text) as Record<string, unknown>;
      switch (m['type']) {
        case 'match':
        case 'last_match':
          if (channel === 'matches') onTrade(m, ctx, 'last_size' in m ? 'last_size' : 'size');
          return;
        case 'ticker':
          if (channel === 'ticker') onTrade(m, ctx, 'last_size');
          return;
        case 'heartbeat':
          onHeartbeat(m, ctx);
          return;
        case 'subscriptions':
          return;
        case 'error':
          ctx.alert({
            symbol: '*',
            kind: 'venue_error',
            severity: 'critical',
            message: `coinbase: ${String(m['message'])}: ${String(m['reason'] ?? '')}`,
          });
          ctx.fatal(
            new InputError(
              `coinbase refused the subscription: ${String(m['message'])} (${String(m['reason'] ?? 'no reason given')})`,
            ),
          );
          return;
        default:
          ctx.reject(`unknown coinbase message type \`${String(m['type'])}\``);
      }
    },
  };

  function onTrade(m: Record<string, unknown>, ctx: FrameContext, sizeField: string): void {
    const symbol = String(m['product_id']);
    const id = Number(m['trade_id']);
    const price = Number(m['price']);
    const ts = parseVenueTime(String(m['time']));
    if (!Number.isFinite(price) || price <= 0 || Number.isNaN(ts) || !Number.isFinite(id)) {
      ctx.reject(
        `coinbase ${String(m['type'])} for ${symbol}: price \`${String(m['price'])}\`, time \`${String(m['time'])}\`, trade_id \`${String(m['trade_id'])}\` are not all valid`,
      );
      return;
    }
    const v = trades.check(symbol, id);
    if (!v.fresh) {
      ctx.duplicate(symbol);
      return;
    }
    if (v.missing > 0)
      ctx.gap(
        symbol,
        v.missing,
        `coinbase ${symbol}: ${v.missing} trade(s) missing between trade_id ${v.after} and ${id}`,
      );
    ctx.tick({ kind: 'trade', symbol, ts, price, size: Number(m[sizeField]) });
  }

  function onHeartbeat(m: Record<string, unknown>, ctx: FrameContext): void {
    const symbol = String(m['product_id']);
    const lastTrade = Number(m['last_trade_id']);
    const known = trades.lastId(symbol);
    if (
      channel === 'matches' &&
      known !== undefined &&
      Number.isFinite(lastTrade) &&
      lastTrade > known
    ) {
      const skipped = trades.skipTo(symbol, lastTrade);
      ctx.gap(
        symbol,
        skipped,
        `coinbase ${symbol}: heartbeat reports last_trade_id ${lastTrade}, but the last trade received is ${known}: ${skipped} trade(s) lost`,
      );
    }
    ctx.heartbeat(parseVenueTime(String(m['time'])) as EpochMs);
  }
}
