import { InputError } from '../../core/index.ts';
import { type NdjsonRowOptions, parseNdjsonRow } from './ndjson-row.ts';
import { TradeLedger } from './trade-ledger.ts';
import type { FrameContext, VenueProtocol } from './venue-protocol.ts';

export interface NdjsonOptions extends NdjsonRowOptions {
  /** Keep only these symbols (all when empty). */
  readonly symbols: readonly string[];
}

/**
 * Newline-delimited JSON over a WebSocket: each frame holds one or more lines, each line one row
 * ({@link parseNdjsonRow}). Nothing is sent on connect. Rows already delivered (same `id`, or same
 * time, price and size) are skipped after a reconnect; rows that cannot be read are rejected
 * with the reason and go on. Also used line by line for TCP, stdin and files
 * ({@link NdjsonStreamFeed}).
 *
 * @example
 * const p = ndjsonProtocol({ symbols: [] });
 * p.onFrame('{"ts":1700000000000,"symbol":"ABC","price":10}', ctx); // ctx.tick({ kind: 'trade', … })
 */
export function ndjsonProtocol(options: NdjsonOptions): VenueProtocol {
  const keep = new Set(options.symbols);
  const seen = new TradeLedger('unique', 50_000);
  const rowOptions: NdjsonRowOptions =
    options.symbols.length === 1 && options.symbol === undefined
      ? { ...options, symbol: options.symbols[0] as string }
      : options;
  return {
    venue: 'ndjson',
    symbols: options.symbols,
    url: (base: string) => base,
    onOpen() {},
    onFrame(text: string, ctx: FrameContext): void {
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        let row: ReturnType<typeof parseNdjsonRow>;
        try {
          row = parseNdjsonRow(JSON.parse(line) as unknown, rowOptions);
        } catch (error) {
          ctx.reject(
            error instanceof InputError ? error.message : `not JSON: ${line.slice(0, 80)}`,
          );
          continue;
        }
        if (keep.size > 0 && !keep.has(row.tick.symbol)) continue;
        if (!seen.check(row.tick.symbol, row.key).fresh) {
          ctx.duplicate(row.tick.symbol);
          continue;
        }
        ctx.tick(row.tick);
      }
    },
  };
}
