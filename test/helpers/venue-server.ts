import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** One client connection to the local venue server, seen from the server. */
export interface VenueConnection {
  readonly index: number;
  /** Path and query the client asked for. */
  readonly path: string;
  /** Frames the client sent, in order. */
  readonly received: string[];
  send(frame: string): void;
  /** Waits for the client's next frame. */
  next(): Promise<string>;
  /** Drops the TCP connection without a close handshake (a network failure). */
  drop(): void;
  /** Sends a WebSocket ping (as Binance does every 20 s). */
  ping(): void;
}

export interface VenueServer {
  /** ws://127.0.0.1:PORT */
  readonly url: string;
  readonly connections: VenueConnection[];
  /** Frames sent to clients so far, over all connections. */
  sent(): number;
  close(): Promise<void>;
}

/**
 * A WebSocket server on 127.0.0.1 that plays a venue: `script` runs for each connection and
 * sends recorded frames in the venue's exact format (and may drop the connection midway).
 */
export async function startVenueServer(
  script: (c: VenueConnection) => Promise<void> | void,
): Promise<VenueServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const connections: VenueConnection[] = [];
  let sent = 0;
  wss.on('connection', (ws: WebSocket, req) => {
    const received: string[] = [];
    const waiting: ((s: string) => void)[] = [];
    let read = 0;
    ws.on('message', (d) => {
      received.push(d.toString());
      const w = waiting.shift();
      if (w !== undefined) w(received[read++] as string);
    });
    const c: VenueConnection = {
      index: connections.length,
      path: req.url ?? '/',
      received,
      send: (frame) => {
        if (ws.readyState !== ws.OPEN) return;
        sent++;
        ws.send(frame);
      },
      next: () =>
        read < received.length
          ? Promise.resolve(received[read++] as string)
          : new Promise((r) => waiting.push(r)),
      drop: () => ws.terminate(),
      ping: () => {
        if (ws.readyState === ws.OPEN) ws.ping();
      },
    };
    connections.push(c);
    Promise.resolve(script(c)).catch(() => ws.terminate());
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    connections,
    sent: () => sent,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}
