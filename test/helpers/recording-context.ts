import type { MarketTick } from '../../src/core/index.ts';
import type { FrameContext } from '../../src/feeds/index.ts';

/** A FrameContext that records what a protocol does, for parser tests. */
export function recordingContext() {
  const out = {
    ticks: [] as MarketTick[],
    heartbeats: [] as number[],
    sent: [] as unknown[],
    reconnects: [] as string[],
    alerts: [] as string[],
    rejects: [] as string[],
    duplicates: 0,
    gaps: [] as number[],
    fatal: null as Error | null,
  };
  const ctx: FrameContext = {
    tick: (t) => out.ticks.push(t),
    duplicate: () => out.duplicates++,
    gap: (_s, n) => out.gaps.push(n),
    heartbeat: (ts) => out.heartbeats.push(ts),
    send: (f) => out.sent.push(f),
    alert: (a) => out.alerts.push(`${a.kind}: ${a.message}`),
    reject: (r) => out.rejects.push(r),
    reconnect: (r) => out.reconnects.push(r),
    fatal: (e) => {
      out.fatal = e;
    },
  };
  return { out, ctx };
}
