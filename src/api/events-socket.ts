import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { OutcomeEvent } from '../core/index.ts';
import type { EventBus } from './event-bus.ts';
import { rejectSocket } from './http-reply.ts';

/** Bytes queued for one client beyond which events are dropped for it (a slow reader). */
const MAX_BUFFERED = 1 << 20;

/** Default cap on concurrent `/ml/events` sockets. */
export const DEFAULT_MAX_EVENT_SOCKETS = 64;

/**
 * The `/ml/events` WebSocket: every lifecycle outcome from the {@link EventBus} as one JSON
 * message `{type, …, time}` (time is the ISO form of `ts`). Query `types=transition,alert` and
 * `symbol=BTCUSDT` filter. A client that does not keep up loses events (counted in `dropped`)
 * rather than slowing the engine. At most `maxSockets` clients are connected at once (default
 * {@link DEFAULT_MAX_EVENT_SOCKETS}); an upgrade beyond that is refused with 503. A handshake ws
 * refuses (bad method, key or version) is answered with a JSON error too.
 *
 * @example
 * const events = new EventsSocket(bus, { maxSockets: 16 });
 * server.on('upgrade', (req, socket, head) => events.handleUpgrade(req, socket, head, query));
 */
export class EventsSocket {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly bus: EventBus;
  private readonly maxSockets: number;
  dropped = 0;

  constructor(bus: EventBus, opts: { maxSockets?: number } = {}) {
    this.bus = bus;
    this.maxSockets = opts.maxSockets ?? DEFAULT_MAX_EVENT_SOCKETS;
    this.wss.on('wsClientError', (error: Error, socket: Duplex) => {
      const message = `WebSocket handshake refused: ${error.message}`;
      if (error.message === 'Invalid HTTP method')
        rejectSocket(socket, 405, message, { allow: 'GET' });
      else if (/Sec-WebSocket-Version/.test(error.message))
        rejectSocket(socket, 400, message, { 'sec-websocket-version': '13, 8' });
      else rejectSocket(socket, 400, message);
    });
  }

  get clients(): number {
    return this.wss.clients.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, query: URLSearchParams): void {
    if (this.wss.clients.size >= this.maxSockets) {
      rejectSocket(
        socket,
        503,
        `too many event sockets: ${this.maxSockets} are connected (the limit); retry later`,
        { 'retry-after': '5' },
      );
      return;
    }
    const types = query
      .get('types')
      ?.split(',')
      .filter((t) => t !== '');
    const symbol = query.get('symbol');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const off = this.bus.subscribe((e: OutcomeEvent) => {
        if (types !== undefined && !types.includes(e.type)) return;
        if (symbol !== null && 'symbol' in e && e.symbol !== symbol) return;
        if (ws.bufferedAmount > MAX_BUFFERED) {
          this.dropped++;
          return;
        }
        const ts = 'ts' in e ? e.ts : 'endedTs' in e ? e.endedTs : null;
        ws.send(JSON.stringify({ ...e, time: ts === null ? null : new Date(ts).toISOString() }));
      });
      ws.on('close', off);
      ws.on('error', off);
      ws.send(JSON.stringify({ type: 'hello', filter: { types: types ?? null, symbol } }));
    });
  }

  close(): void {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
  }
}
