import type { MarketTick, RejectOutcome } from '../../src/core/index.ts';
import type { FeedAlert, LiveFeed } from '../../src/feeds/index.ts';

export interface Collected {
  readonly ticks: MarketTick[];
  readonly heartbeats: number[];
  readonly alerts: FeedAlert[];
  readonly rejects: RejectOutcome[];
  /** The feed's run() rejection, if any. */
  error: unknown;
}

/** Runs a feed until `done()` holds (or it ends), collecting what it delivers. */
export async function collectFeed(
  feed: LiveFeed,
  done: (c: Collected) => boolean,
  timeoutMs = 8000,
): Promise<Collected> {
  const c: Collected = { ticks: [], heartbeats: [], alerts: [], rejects: [], error: null };
  const controller = new AbortController();
  const running = feed
    .run(
      {
        tick: (t) => c.ticks.push(t),
        heartbeat: (ts) => c.heartbeats.push(ts),
        alert: (a) => c.alerts.push(a),
        reject: (r) => c.rejects.push(r),
      },
      controller.signal,
    )
    .catch((e: unknown) => {
      c.error = e;
    });
  const deadline = Date.now() + timeoutMs;
  let finished = false;
  void running.then(() => {
    finished = true;
  });
  while (!finished && !done(c) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 10));
  controller.abort();
  await running;
  return c;
}

/** The trades as ticks, the shape a feed delivers. */
export function asTicks(
  trades: readonly { symbol: string; ts: number; price: number; size: number }[],
): MarketTick[] {
  return trades.map(
    (t) =>
      ({
        kind: 'trade',
        symbol: t.symbol,
        ts: t.ts,
        price: t.price,
        size: Number(t.size.toFixed(8)),
      }) as MarketTick,
  );
}
