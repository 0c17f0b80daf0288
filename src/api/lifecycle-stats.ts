import type { OutcomeEvent, OutcomeSink } from '../core/index.ts';

interface Track {
  state: string;
  since: number;
  readonly timeIn: Record<string, number>;
}

export interface LifecycleCounts {
  /** Updates started (transitions into `updating`). */
  updates: number;
  /** Challengers built (versions created after the first). */
  candidates: number;
  tests: number;
  promotions: number;
  rejections: number;
  rollbacks: number;
  discarded: number;
  drifts: number;
  alerts: number;
}

/**
 * Lifecycle statistics derived from the outcome stream alone: counts of updates started,
 * challengers built, tests, promotions (excluding the first champion), rejected challengers, rollbacks,
 * drift events and alerts, and the market time each (variant, symbol) spent in each state.
 * Also remembers the latest regime of each symbol. O(1) per outcome.
 *
 * @example
 * const stats = new LifecycleStats();
 * stats.write({ type: 'transition', variant: 'model', symbol: 'A', ts: 0, from: 'warmup', to: 'serving', event: 'warmup.done' });
 * stats.summary(1000).timeInStateMs; // { warmup: 0, serving: 1000 }
 */
export class LifecycleStats implements OutcomeSink {
  private readonly counts: LifecycleCounts = {
    updates: 0,
    candidates: 0,
    tests: 0,
    promotions: 0,
    rejections: 0,
    rollbacks: 0,
    discarded: 0,
    drifts: 0,
    alerts: 0,
  };
  private readonly tracks = new Map<string, Track>();
  private readonly regimes = new Map<string, string>();
  private latest = Number.NEGATIVE_INFINITY;

  write(e: OutcomeEvent): void {
    if ('ts' in e && typeof e.ts === 'number') this.latest = Math.max(this.latest, e.ts);
    switch (e.type) {
      case 'transition':
        if (e.to === 'updating') this.counts.updates++;
        this.onTransition(`${e.variant}\u0000${e.symbol}`, e.ts, e.from, e.to);
        return;
      case 'version_event':
        if (e.event === 'created' && e.detail !== 'initial') this.counts.candidates++;
        else if (e.event === 'promoted' && e.detail !== 'end of warmup') this.counts.promotions++;
        else if (e.event === 'restored') this.counts.rollbacks++;
        else if (e.event === 'discarded') this.counts.discarded++;
        return;
      case 'ab_test':
        this.counts.tests++;
        if (e.decision === 'reject') this.counts.rejections++;
        return;
      case 'drift':
        this.counts.drifts++;
        return;
      case 'alert':
        this.counts.alerts++;
        return;
      case 'regime':
        this.regimes.set(e.symbol, e.regime);
        return;
      default:
        return;
    }
  }

  /** The latest regime reported for a symbol, or null. */
  regime(symbol: string): string | null {
    return this.regimes.get(symbol) ?? null;
  }

  /** Counts, and time in each state up to `now` (market ms; default: the latest outcome time). */
  summary(now?: number): {
    counts: LifecycleCounts;
    timeInStateMs: Record<string, number>;
    bySymbol: Record<string, Record<string, number>>;
  } {
    const until = now ?? this.latest;
    // keys are state and symbol names from the outcome stream: null-prototype objects
    const total: Record<string, number> = Object.create(null);
    const bySymbol: Record<string, Record<string, number>> = Object.create(null);
    for (const [key, t] of this.tracks) {
      const times: Record<string, number> = Object.assign(Object.create(null), t.timeIn);
      if (until > t.since) times[t.state] = (times[t.state] ?? 0) + (until - t.since);
      bySymbol[key.replace('\u0000', '/')] = times;
      for (const [s, ms] of Object.entries(times)) total[s] = (total[s] ?? 0) + ms;
    }
    return { counts: { ...this.counts }, timeInStateMs: total, bySymbol };
  }

  private onTransition(key: string, ts: number, from: string, to: string): void {
    let t = this.tracks.get(key);
    if (t === undefined) {
      t = { state: from, since: ts, timeIn: Object.create(null) };
      this.tracks.set(key, t);
    }
    t.timeIn[t.state] = (t.timeIn[t.state] ?? 0) + Math.max(0, ts - t.since);
    t.state = to;
    t.since = ts;
  }
}
