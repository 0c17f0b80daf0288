import { DataError, type EpochMs, type MarketTick } from '../core/index.ts';
import {
  type FeedHandlers,
  type FeedStatus,
  type LiveFeed,
  newFeedStatus,
} from '../feeds/index.ts';
import type { FeedMessageRow } from '../store/index.ts';
import type { LiveInput } from './live-feed.ts';

/** What a live run's journal opened with. */
interface SessionEntry {
  readonly feed: string;
  readonly url: string;
  readonly symbols: string[];
  readonly intervalMs: number;
  readonly reorderWindowMs: number;
}

/** JSON turned NaN into null: numeric fields of a tick come back as NaN. */
function tickOf(payload: unknown): MarketTick {
  const t = payload as Record<string, unknown>;
  const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
  if (t['kind'] === 'bar')
    return {
      kind: 'bar',
      symbol: String(t['symbol']),
      ts: num(t['ts']) as EpochMs,
      intervalMs: num(t['intervalMs']),
      open: num(t['open']),
      high: num(t['high']),
      low: num(t['low']),
      close: num(t['close']),
      volume: num(t['volume']),
    };
  return {
    kind: 'trade',
    symbol: String(t['symbol']),
    ts: num(t['ts']) as EpochMs,
    price: num(t['price']),
    size: num(t['size']),
  };
}

/**
 * A feed that plays back a live run's journal (`feed_messages`): the same ticks, heartbeats,
 * alerts and rejects, in the same order, as the live feed delivered them, and the interval and
 * reordering-window changes at the same points — so the session, the clock and the engine do
 * exactly what they did live.
 *
 * @param rows the journal, ordered by `seq` (the session entry first).
 * @param onControl applies a recorded change of interval or reordering window to the session.
 * @throws {DataError} when the journal does not start with its session entry.
 * @example
 * const input = recordedLiveInput(await readFeedMessages('reports/live-binance'), (c) => …);
 */
export function recordedLiveInput(
  rows: readonly FeedMessageRow[],
  onControl: (change: { kind: 'interval' | 'reorder'; payload: Record<string, number> }) => void,
): LiveInput {
  const first = rows[0];
  if (first === undefined || first.kind !== 'session')
    throw new DataError(
      'the run has no feed journal (feed_messages): it was not a live run, or was recorded before journals',
    );
  const session = JSON.parse(first.payload) as SessionEntry;
  const status: FeedStatus = newFeedStatus(
    `replay of ${session.feed}`,
    session.url,
    session.symbols,
  );
  const feed: LiveFeed = {
    name: session.feed,
    symbols: session.symbols,
    status: () => status,
    async run(handlers: FeedHandlers, signal: AbortSignal): Promise<void> {
      for (const row of rows.slice(1)) {
        if (signal.aborted) return;
        const payload = JSON.parse(row.payload) as Record<string, unknown>;
        status.messages++;
        if (row.kind === 'tick') handlers.tick(tickOf(payload));
        else if (row.kind === 'heartbeat') handlers.heartbeat(Number(payload['ts']) as EpochMs);
        else if (row.kind === 'alert')
          handlers.alert(payload as unknown as Parameters<FeedHandlers['alert']>[0]);
        else if (row.kind === 'reject')
          handlers.reject(payload as unknown as Parameters<FeedHandlers['reject']>[0]);
        else if (row.kind === 'interval' || row.kind === 'reorder')
          onControl({ kind: row.kind, payload: payload as Record<string, number> });
      }
    },
  };
  return { feed, intervalMs: session.intervalMs, reorderWindowMs: session.reorderWindowMs };
}
