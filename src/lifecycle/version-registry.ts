import { assert, type EpochMs } from '../core/index.ts';

/** One model version of one symbol. */
export interface VersionRecord<S> {
  readonly version: number;
  readonly parentVersion: number | null;
  readonly reason: string;
  readonly createdTs: EpochMs;
  promotedTs: EpochMs | null;
  retiredTs: EpochMs | null;
  /** Metrics at promotion, JSON text. */
  metrics: string | null;
  /** Exact state: at creation for candidates, at retirement for champions. */
  snapshot: S | null;
}

/**
 * The versions of one symbol's models. Ids are strictly increasing from 1; every version
 * records its parent; the champion history (each version once, most recent last) gives the
 * rollback target: exactly the previous champion. At most `keepSnapshots` snapshots stay in
 * memory; older ones go to `onEvict` so nothing is lost. Metadata is kept for every version.
 * Generic over the snapshot type so it stays free of model code.
 *
 * @example
 * const reg = new VersionRegistry<string>();
 * const v1 = reg.create(null, 'initial', 0 as EpochMs, 's1');
 * reg.promote(v1, 0 as EpochMs);
 * const v2 = reg.create(v1, 'drift', 5 as EpochMs, 's2');
 * reg.promote(v2, 9 as EpochMs, 'state of v1 at its retirement');
 * reg.rollbackTarget(); // 1
 */
export class VersionRegistry<S> {
  private readonly records = new Map<number, VersionRecord<S>>();
  private readonly history: number[] = [];
  private nextId = 1;
  private readonly keep: number;
  private readonly onEvict: ((version: number, snapshot: S) => void) | undefined;

  /**
   * @param keepSnapshots most snapshots held in memory; beyond it the oldest is handed to
   *   `onEvict` (to be recorded) and dropped — never the previous champion's.
   */
  constructor(
    keepSnapshots = Number.POSITIVE_INFINITY,
    onEvict?: (version: number, snapshot: S) => void,
  ) {
    this.keep = Math.max(1, keepSnapshots);
    this.onEvict = onEvict;
  }

  /** Snapshots currently held in memory. */
  get snapshotCount(): number {
    let n = 0;
    for (const r of this.records.values()) if (r.snapshot !== null) n++;
    return n;
  }

  /** Number of versions ever created. */
  get size(): number {
    return this.records.size;
  }

  get champion(): number | null {
    return this.history.at(-1) ?? null;
  }

  /** Registers a new version and returns its id. */
  create(parentVersion: number | null, reason: string, ts: EpochMs, snapshot: S | null): number {
    const version = this.nextId++;
    this.records.set(version, {
      version,
      parentVersion,
      reason,
      createdTs: ts,
      promotedTs: null,
      retiredTs: null,
      metrics: null,
      snapshot,
    });
    return version;
  }

  /**
   * Makes `version` the champion. `retiredSnapshot` is the exact state of the outgoing
   * champion, kept so a rollback can restore it.
   */
  promote(version: number, ts: EpochMs, retiredSnapshot?: S, metrics?: string): void {
    const record = this.require(version);
    const outgoing = this.champion;
    if (outgoing !== null) {
      const out = this.require(outgoing);
      out.retiredTs = ts;
      if (retiredSnapshot !== undefined) out.snapshot = retiredSnapshot;
    }
    record.promotedTs ??= ts;
    record.retiredTs = null;
    if (metrics !== undefined) record.metrics = metrics;
    const i = this.history.indexOf(version);
    if (i >= 0) this.history.splice(i, 1);
    this.history.push(version);
    this.evict();
  }

  /** Retires a version that never became champion (a rejected challenger). */
  discard(version: number, ts: EpochMs): void {
    const record = this.require(version);
    assert(record.version !== this.champion, `cannot discard the serving champion v${version}`);
    record.retiredTs = ts;
    record.snapshot = null;
  }

  /**
   * The version a rollback would restore: `target` if given (any earlier champion with a kept
   * snapshot), else the previous champion. Null when there is none.
   */
  rollbackTarget(target?: number): number | null {
    const current = this.champion;
    const candidates = this.history.filter(
      (v) => v !== current && this.records.get(v)?.snapshot != null,
    );
    if (target === undefined) return candidates.at(-1) ?? null;
    return candidates.includes(target) ? target : null;
  }

  /** Makes `version` the champion again (rollback); returns its kept snapshot. */
  restore(version: number, ts: EpochMs, retiredSnapshot: S): S {
    const record = this.require(version);
    const snapshot = record.snapshot;
    assert(snapshot !== null, `no snapshot kept for v${version}`);
    this.promote(version, ts, retiredSnapshot);
    return snapshot;
  }

  get(version: number): VersionRecord<S> | undefined {
    return this.records.get(version);
  }

  all(): VersionRecord<S>[] {
    return [...this.records.values()];
  }

  private evict(): void {
    if (this.snapshotCount <= this.keep) return;
    const protect = this.rollbackTarget();
    const held = [...this.records.values()].filter(
      (r) => r.snapshot !== null && r.version !== protect,
    );
    held.sort((a, b) => this.lastUse(a.version) - this.lastUse(b.version) || a.version - b.version);
    for (const r of held.slice(0, this.snapshotCount - this.keep)) {
      const snap = r.snapshot as S;
      r.snapshot = null;
      this.onEvict?.(r.version, snap);
    }
  }

  /** Position in the champion history (−1 when never champion): older uses are evicted first. */
  private lastUse(version: number): number {
    return this.history.indexOf(version);
  }

  private require(version: number): VersionRecord<S> {
    const record = this.records.get(version);
    assert(record !== undefined, `unknown version v${version}`);
    return record;
  }
}
