import type { RunStore } from './read-store.ts';

/** One journal entry of a live run, as stored in `feed_messages`. */
export interface FeedMessageRow {
  readonly seq: number;
  readonly kind: string;
  readonly payload: string;
}

/**
 * A live run's feed journal in order (the session entry first); empty for a replay run or a
 * live run recorded before journals existed.
 */
export async function readFeedMessages(store: RunStore): Promise<FeedMessageRow[]> {
  const rows = await store.rows<{ seq: number; kind: string; payload: string }>(
    'SELECT seq::DOUBLE AS seq, kind, payload::VARCHAR AS payload FROM feed_messages ORDER BY seq',
  );
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, payload: r.payload }));
}
