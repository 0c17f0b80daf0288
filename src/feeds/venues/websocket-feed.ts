import WebSocket from 'ws';
import type { Clock, EpochMs, MarketTick, Random, TimerId } from '../../core/index.ts';
import { type BackoffOptions, backoffDelay } from './backoff.ts';
import {
  type FeedHandlers,
  type FeedStatus,
  type LiveFeed,
  newFeedStatus,
  newSymbolStatus,
} from './live-feed.ts';
import type { FrameContext, VenueProtocol } from './venue-protocol.ts';

export interface WebSocketFeedOptions {
  /** Base URL from the command line; the protocol turns it into the URL to open. */
  readonly url: string;
  readonly protocol: VenueProtocol;
  /** Wall time, for backoff, the stale watchdog, the planned renewal and lag. */
  readonly wall: Clock;
  /** Jitter of the backoff (seeded). */
  readonly random: Random;
  readonly backoff?: BackoffOptions;
  /** Reconnect when nothing (not even a ping) arrived for this long. Default 60 s. */
  readonly staleMs?: number;
  /** Extra HTTP headers of the upgrade request (credentials). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A live feed over one WebSocket that speaks a {@link VenueProtocol}: connects, lets the
 * protocol subscribe, reads frames, and on any drop reconnects with exponential backoff and
 * jitter and subscribes again. Every disconnect, reconnect, gap and resync becomes an alert.
 * Pings are answered by `ws` automatically (Binance requires pongs); a connection silent for
 * `staleMs` is dropped and renewed; `maxConnectionMs` of the protocol renews it before the
 * venue's own limit.
 *
 * @example
 * const feed = new WebSocketFeed({ url: BINANCE_URL, protocol: binanceProtocol({ symbols: ['BTCUSDT'] }), wall: new WallClock(), random: createRandom(7) });
 * await feed.run(handlers, controller.signal); // until controller.abort()
 */
export class WebSocketFeed implements LiveFeed {
  readonly name: string;
  readonly symbols: readonly string[];
  private readonly opts: WebSocketFeedOptions;
  private readonly state: FeedStatus;
  private socket: WebSocket | null = null;

  constructor(opts: WebSocketFeedOptions) {
    this.opts = opts;
    this.name = opts.protocol.venue;
    this.symbols = opts.protocol.symbols;
    this.state = newFeedStatus(this.name, opts.protocol.url(opts.url), opts.protocol.symbols);
  }

  status(): FeedStatus {
    return this.state;
  }

  async run(handlers: FeedHandlers, signal: AbortSignal): Promise<void> {
    let attempt = 0;
    const onAbort = (): void => this.socket?.close(1000, 'client stopping');
    signal.addEventListener('abort', onAbort);
    try {
      for (let n = 0; !signal.aborted; n++) {
        const outcome = await this.connectOnce(handlers, n > 0, signal);
        if (outcome.fatal !== null) {
          this.state.state = 'failed';
          throw outcome.fatal;
        }
        if (signal.aborted) break;
        attempt = outcome.healthy ? 0 : attempt + 1;
        const delay = Math.round(backoffDelay(attempt, this.opts.backoff ?? {}, this.opts.random));
        this.state.state = 'backoff';
        handlers.alert({
          symbol: '*',
          kind: 'reconnect',
          severity: 'info',
          message: `${this.name}: reconnecting in ${delay} ms (attempt ${attempt + 1})`,
        });
        await this.sleep(delay, signal);
      }
      this.state.state = 'stopped';
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    const wall = this.opts.wall;
    return new Promise((resolve) => {
      const cancel = (): void => {
        wall.clearTimeout(id);
        resolve();
      };
      const id = wall.setTimeout(() => {
        signal.removeEventListener('abort', cancel);
        resolve();
      }, ms);
      signal.addEventListener('abort', cancel, { once: true });
    });
  }

  /** One connection, from open to close. `healthy` when it delivered data. */
  private connectOnce(
    handlers: FeedHandlers,
    reconnect: boolean,
    signal: AbortSignal,
  ): Promise<{ healthy: boolean; fatal: Error | null }> {
    const { protocol, wall } = this.opts;
    const status = this.state;
    const url = protocol.url(this.opts.url);
    status.state = 'connecting';
    return new Promise((resolve) => {
      const ws = new WebSocket(url, { headers: { ...this.opts.headers } });
      this.socket = ws;
      let healthy = false;
      let fatal: Error | null = null;
      let opened = false;
      let closeReason = '';
      let stale: TimerId | null = null;
      let renew: TimerId | null = null;
      const staleMs = this.opts.staleMs ?? 60_000;
      const arm = (): void => {
        if (stale !== null) wall.clearTimeout(stale);
        stale = wall.setTimeout(() => {
          handlers.alert({
            symbol: '*',
            kind: 'stale',
            severity: 'warning',
            message: `${this.name}: nothing received for ${staleMs} ms; dropping the connection`,
          });
          closeReason = 'stale';
          ws.terminate();
        }, staleMs);
      };
      const ctx: FrameContext = {
        tick: (tick: MarketTick) => {
          healthy = true;
          this.count(tick);
          handlers.tick(tick);
        },
        duplicate: (symbol) => {
          status.duplicates++;
          this.sym(symbol).duplicates++;
        },
        gap: (symbol, missing, message) => {
          status.gaps++;
          status.missing += Math.max(0, missing);
          const s = this.sym(symbol);
          s.gaps++;
          s.missing += Math.max(0, missing);
          handlers.alert({ symbol, kind: 'gap', severity: 'warning', message });
        },
        heartbeat: (ts: EpochMs) => handlers.heartbeat(ts),
        send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        alert: (a) => handlers.alert(a),
        reject: (reason) => {
          status.rejects++;
          handlers.reject({
            type: 'reject',
            source: `${this.name} ${url}`,
            line: status.messages,
            reason,
          });
        },
        reconnect: (reason) => {
          closeReason = reason;
          ws.close(4000, reason.slice(0, 100));
        },
        fatal: (error) => {
          fatal = error;
          ws.close(1000, 'fatal');
        },
      };
      ws.on('open', () => {
        opened = true;
        status.connects++;
        status.state = 'open';
        if (reconnect)
          handlers.alert({
            symbol: '*',
            kind: 'resync',
            severity: 'info',
            message: `${this.name}: reconnected to ${url}; subscribing again`,
          });
        arm();
        if (protocol.maxConnectionMs !== undefined) {
          renew = wall.setTimeout(
            () =>
              ctx.reconnect(
                `planned renewal after ${protocol.maxConnectionMs} ms (venue connection limit)`,
              ),
            protocol.maxConnectionMs,
          );
        }
        protocol.onOpen(ctx, reconnect);
      });
      ws.on('ping', arm);
      ws.on('message', (data: WebSocket.RawData) => {
        status.messages++;
        status.lastMessageAt = wall.now();
        arm();
        const text = Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data as ArrayBuffer).toString('utf8');
        try {
          protocol.onFrame(text, ctx);
        } catch (error) {
          ctx.reject(`unreadable frame (${(error as Error).message}): ${text.slice(0, 120)}`);
        }
      });
      ws.on('error', (error: Error) => {
        if (closeReason === '') closeReason = error.message;
      });
      ws.on('close', (code: number, reason: Buffer) => {
        if (stale !== null) wall.clearTimeout(stale);
        if (renew !== null) wall.clearTimeout(renew);
        this.socket = null;
        if (!signal.aborted && fatal === null) {
          if (opened) status.disconnects++;
          const why = closeReason || reason.toString() || 'connection closed';
          handlers.alert({
            symbol: '*',
            kind: 'disconnect',
            severity: 'warning',
            message: `${this.name}: ${opened ? 'disconnected' : 'could not connect'} (code ${code}: ${why})`,
          });
        }
        resolve({ healthy, fatal });
      });
    });
  }

  private sym(symbol: string) {
    let s = this.state.symbols[symbol];
    if (s === undefined) {
      s = newSymbolStatus();
      this.state.symbols[symbol] = s;
    }
    return s;
  }

  private count(tick: MarketTick): void {
    const s = this.sym(tick.symbol);
    const end = tick.kind === 'bar' ? tick.ts + tick.intervalMs : tick.ts;
    s.ticks++;
    this.state.ticks++;
    s.lastTs = end;
    s.lagMs = this.opts.wall.now() - end;
  }
}
