import { createReadStream } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { type Clock, InputError, type MarketTick } from '../../core/index.ts';
import {
  type FeedHandlers,
  type FeedStatus,
  type LiveFeed,
  newFeedStatus,
  newSymbolStatus,
  type SymbolFeedStatus,
} from './live-feed.ts';
import { type NdjsonOptions, ndjsonProtocol } from './ndjson.ts';
import type { FrameContext } from './venue-protocol.ts';

/**
 * NDJSON from a finite byte stream: standard input (`-` or `stdin:`), a TCP peer
 * (`tcp://host:port`) or a file (`file:path` or a plain path). The run ends when the stream
 * ends (EOF, the peer closing); a TCP connection that drops is not reopened (use a WebSocket
 * URL for a source that should be reconnected).
 *
 * @example
 * const feed = new NdjsonStreamFeed('tcp://127.0.0.1:9000', { symbols: [] }, new WallClock());
 */
export class NdjsonStreamFeed implements LiveFeed {
  readonly name = 'ndjson';
  readonly symbols: readonly string[];
  private readonly target: string;
  private readonly options: NdjsonOptions;
  private readonly wall: Clock;
  private readonly state: FeedStatus;
  private readonly stdin: Readable;

  constructor(
    target: string,
    options: NdjsonOptions,
    wall: Clock,
    stdin: Readable = process.stdin,
  ) {
    this.target = target;
    this.options = options;
    this.wall = wall;
    this.stdin = stdin;
    this.symbols = options.symbols;
    this.state = newFeedStatus('ndjson', target, options.symbols);
  }

  status(): FeedStatus {
    return this.state;
  }

  async run(handlers: FeedHandlers, signal: AbortSignal): Promise<void> {
    const input = await this.open();
    const protocol = ndjsonProtocol(this.options);
    const status = this.state;
    status.state = 'open';
    status.connects++;
    const ctx: FrameContext = {
      tick: (tick: MarketTick) => {
        status.ticks++;
        const s = this.sym(tick.symbol);
        s.ticks++;
        s.lastTs = tick.kind === 'bar' ? tick.ts + tick.intervalMs : tick.ts;
        s.lagMs = this.wall.now() - s.lastTs;
        handlers.tick(tick);
      },
      duplicate: (symbol) => {
        status.duplicates++;
        this.sym(symbol).duplicates++;
      },
      gap: () => {},
      heartbeat: (ts) => handlers.heartbeat(ts),
      send: () => {},
      alert: (a) => handlers.alert(a),
      reject: (reason) => {
        status.rejects++;
        handlers.reject({ type: 'reject', source: this.target, line: status.messages, reason });
      },
      reconnect: () => {},
      fatal: (error) => {
        throw error;
      },
    };
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    const stop = (): void => lines.close();
    signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const line of lines) {
        status.messages++;
        status.lastMessageAt = this.wall.now();
        protocol.onFrame(line, ctx);
        if (signal.aborted) break;
      }
      status.state = signal.aborted ? 'stopped' : 'ended';
    } finally {
      signal.removeEventListener('abort', stop);
      if (input !== this.stdin) input.destroy();
    }
  }

  private sym(symbol: string): SymbolFeedStatus {
    let s = this.state.symbols[symbol];
    if (s === undefined) {
      s = newSymbolStatus();
      this.state.symbols[symbol] = s;
    }
    return s;
  }

  private open(): Promise<Readable> {
    const t = this.target;
    if (t === '-' || t === 'stdin:') return Promise.resolve(this.stdin);
    const tcp = /^tcp:\/\/([^:/]+|\[[^\]]+\]):(\d+)\/?$/.exec(t);
    if (tcp !== null) {
      return new Promise((resolve, reject) => {
        const socket = connect({
          host: (tcp[1] as string).replace(/^\[|\]$/g, ''),
          port: Number(tcp[2]),
        });
        socket.once('connect', () => resolve(socket));
        socket.once('error', (e) => reject(new InputError(`cannot connect to ${t}: ${e.message}`)));
      });
    }
    const path = t.startsWith('file:') ? t.slice(5) : t;
    return new Promise((resolve, reject) => {
      const stream = createReadStream(path);
      stream.once('open', () => resolve(stream));
      stream.once('error', (e) =>
        reject(new InputError(`cannot read the NDJSON source ${path}: ${e.message}`)),
      );
    });
  }
}
