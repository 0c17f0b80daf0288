import { type EpochMs, InputError } from '../../core/index.ts';
import { parseVenueTime } from './parse-venue-time.ts';
import { TradeLedger } from './trade-ledger.ts';
import type { FrameContext, VenueProtocol } from './venue-protocol.ts';

/** Alpaca market data v2, IEX feed (free plans); `…/v2/sip` for SIP, `…/v2/test` for FAKEPACA. */
export const ALPACA_URL = 'wss://stream.data.alpaca.markets/v2/iex';

export interface AlpacaOptions {
  readonly symbols: readonly string[];
  readonly key: string;
  readonly secret: string;
  /** `trades` (aggregated by the live clock) or `bars` (minute bars). Default `trades`. */
  readonly channel?: 'trades' | 'bars';
}

/** Errors after which retrying cannot help. */
const FATAL = new Set([400, 401, 402, 405, 408, 409, 410]);

/**
 * Alpaca market data v2: the server greets with `[{"T":"success","msg":"connected"}]`, the client
 * authenticates (`{"action":"auth","key","secret"}`, within 10 s), and after `authenticated`
 * subscribes (`{"action":"subscribe","trades":[…]}` or `bars`). Every frame is an array that may
 * hold several messages; timestamps are RFC 3339 with nanoseconds; bars are stamped with their
 * start. Trade ids are unique per exchange (`x:i`), so duplicates after a reconnect are found in a
 * bounded set of recent ids; bars by their start time. Errors 402 (auth failed), 405 (symbol
 * limit), 409 (insufficient subscription) and the like stop the feed; 406 (connection limit),
 * 407 (slow client) and 500 reconnect with backoff. Corrections (`u` updated bars) are not
 * applied to bars already emitted.
 *
 * @example
 * const p = alpacaProtocol({ symbols: ['AAPL'], key: 'KEY', secret: 'SECRET' });
 * // [{"T":"success","msg":"connected"}] → sends {"action":"auth","key":"KEY","secret":"SECRET"}
 */
export function alpacaProtocol(options: AlpacaOptions): VenueProtocol {
  const symbols = options.symbols.map((s) => s.toUpperCase());
  const channel = options.channel ?? 'trades';
  const trades = new TradeLedger('unique');
  const bars = new TradeLedger('monotonic');
  return {
    venue: 'alpaca',
    symbols,
    url: (base: string) => base,
    onOpen() {},
    onFrame(text: string, ctx: FrameContext): void {
      const frame = JSON.parse(text) as unknown;
      if (!Array.isArray(frame)) {
        ctx.reject(`alpaca frame is not an array: ${text.slice(0, 80)}`);
        return;
      }
      for (const m of frame as Record<string, unknown>[]) onMessage(m, ctx);
    },
  };

  function onMessage(m: Record<string, unknown>, ctx: FrameContext): void {
    switch (m['T']) {
      case 'success':
        if (m['msg'] === 'connected')
          ctx.send({ action: 'auth', key: options.key, secret: options.secret });
        else if (m['msg'] === 'authenticated')
          ctx.send({ action: 'subscribe', [channel]: symbols });
        return;
      case 'subscription': {
        const got = new Set((m[channel] ?? []) as string[]);
        const missing = symbols.filter((s) => !got.has(s) && !got.has('*'));
        if (missing.length > 0)
          ctx.alert({
            symbol: '*',
            kind: 'venue_error',
            severity: 'warning',
            message: `alpaca did not subscribe ${channel} of ${missing.join(', ')}`,
          });
        return;
      }
      case 'error':
        onError(Number(m['code']), String(m['msg']), ctx);
        return;
      case 't':
        if (channel === 'trades') onTrade(m, ctx);
        return;
      case 'b':
        if (channel === 'bars') onBar(m, ctx);
        return;
      case 's':
        ctx.alert({
          symbol: String(m['S']),
          kind: 'status',
          severity: 'info',
          message: `alpaca ${String(m['S'])}: ${String(m['sm'])} (${String(m['rm'] ?? '')})`,
        });
        return;
      default:
        return; // quotes, daily and updated bars, LULDs: not used
    }
  }

  function onError(code: number, msg: string, ctx: FrameContext): void {
    const fatal = FATAL.has(code);
    ctx.alert({
      symbol: '*',
      kind: 'venue_error',
      severity: fatal ? 'critical' : 'warning',
      message: `alpaca error ${code}: ${msg}`,
    });
    if (fatal)
      ctx.fatal(
        new InputError(
          `alpaca refused the connection: error ${code} (${msg})${code === 402 ? '; check APCA_API_KEY_ID and APCA_API_SECRET_KEY' : ''}`,
        ),
      );
    else ctx.reconnect(`alpaca error ${code}: ${msg}`);
  }

  function onTrade(m: Record<string, unknown>, ctx: FrameContext): void {
    const symbol = String(m['S']);
    const price = Number(m['p']);
    const ts = parseVenueTime(String(m['t']));
    if (!Number.isFinite(price) || price <= 0 || Number.isNaN(ts)) {
      ctx.reject(
        `alpaca trade for ${symbol}: price \`${String(m['p'])}\` or time \`${String(m['t'])}\` is not valid`,
      );
      return;
    }
    if (!trades.check(symbol, `${String(m['x'])}:${String(m['i'])}`).fresh) {
      ctx.duplicate(symbol);
      return;
    }
    ctx.tick({ kind: 'trade', symbol, ts, price, size: Number(m['s']) });
  }

  function onBar(m: Record<string, unknown>, ctx: FrameContext): void {
    const symbol = String(m['S']);
    const ts = parseVenueTime(String(m['t']));
    const close = Number(m['c']);
    if (!Number.isFinite(close) || close <= 0 || Number.isNaN(ts)) {
      ctx.reject(
        `alpaca bar for ${symbol}: close \`${String(m['c'])}\` or time \`${String(m['t'])}\` is not valid`,
      );
      return;
    }
    if (!bars.check(symbol, ts).fresh) {
      ctx.duplicate(symbol);
      return;
    }
    ctx.tick({
      kind: 'bar',
      symbol,
      ts: ts as EpochMs,
      intervalMs: 60_000,
      open: Number(m['o']),
      high: Number(m['h']),
      low: Number(m['l']),
      close,
      volume: Number(m['v']),
    });
  }
}
