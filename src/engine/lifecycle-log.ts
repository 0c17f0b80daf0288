import type { Clock, EpochMs } from '../core/index.ts';
import type { PhaseSink } from './phase-sinks.ts';
import { type PairedTestResult, VersionRegistry } from '../lifecycle/index.ts';
import { encodeSnapshot, type ModelSnapshot } from '../models/index.ts';
import type { VariantConfig } from './config.ts';

export interface LifecycleLogDeps {
  readonly variant: VariantConfig;
  readonly symbol: string;
  readonly sink: PhaseSink<'lifecycle'>;
  readonly clock: Clock;
}

/** Where a paired test sits, for its `ab_tests` row. */
export interface TestRecord {
  readonly startedTs: EpochMs | null;
  readonly championVersion: number | null;
  readonly challengerVersion: number | null;
  readonly testIndex: number;
  readonly horizon: number;
}

/**
 * The version registry of one symbol and what its lifecycle records: version events, paired
 * tests, snapshots evicted from memory, alerts, and at the end the final state of every version
 * (`model_versions`). It never decides; the lifecycle driver calls it.
 */
export class LifecycleLog {
  readonly registry: VersionRegistry<ModelSnapshot>;
  private readonly deps: LifecycleLogDeps;
  private readonly variant: string;

  constructor(deps: LifecycleLogDeps) {
    this.deps = deps;
    this.variant = deps.variant.name;
    const keep = deps.variant.lifecycle.keepSnapshots;
    this.registry = new VersionRegistry<ModelSnapshot>(keep, (version, snapshot) => {
      deps.sink.write({
        type: 'snapshot',
        variant: this.variant,
        symbol: deps.symbol,
        ts: deps.clock.now(),
        version,
        kind: snapshot.kind,
        snapshot: encodeSnapshot(snapshot),
      });
    });
  }

  /** Versions a rollback could restore (earlier champions with a kept snapshot). */
  restorable(): number[] {
    return this.registry
      .all()
      .map((r) => r.version)
      .filter((v) => this.registry.rollbackTarget(v) !== null);
  }

  event(
    version: number,
    event: 'created' | 'promoted' | 'retired' | 'discarded' | 'restored',
    detail: string,
  ): void {
    const { sink, symbol, clock } = this.deps;
    const { variant } = this;
    sink.write({ type: 'version_event', variant, symbol, ts: clock.now(), version, event, detail });
  }

  test(r: PairedTestResult, decision: 'promote' | 'reject', method: string, at: TestRecord): void {
    const { sink, symbol, clock } = this.deps;
    const { variant } = this;
    sink.write({
      type: 'ab_test',
      variant,
      symbol,
      startedTs: at.startedTs ?? clock.now(),
      endedTs: clock.now(),
      championVersion: at.championVersion ?? 0,
      challengerVersion: at.challengerVersion ?? 0,
      n: r.n,
      statistic: r.statistic,
      pValue: r.pValue,
      decision,
      method,
      alpha: r.level,
      testIndex: at.testIndex,
      horizon: at.horizon,
      df: r.df,
      meanDiff: r.meanDiff,
    });
  }

  alert(kind: string, severity: 'info' | 'warning' | 'critical', message: string): void {
    const { sink, symbol, clock } = this.deps;
    const { variant } = this;
    sink.write({ type: 'alert', variant, symbol, ts: clock.now(), kind, severity, message });
  }

  /** End of run: the final state of every version goes to `model_versions`. */
  finish(): void {
    const { sink, symbol } = this.deps;
    const { variant } = this;
    for (const r of this.registry.all()) {
      sink.write({
        type: 'version',
        variant,
        symbol,
        version: r.version,
        parentVersion: r.parentVersion,
        createdTs: r.createdTs,
        promotedTs: r.promotedTs,
        retiredTs: r.retiredTs,
        reason: r.reason,
        metrics: r.metrics,
      });
    }
  }
}

/** The `model_versions.metrics` of a promotion: the test that decided it (JSON text). */
export function promotionMetrics(
  result: PairedTestResult,
  method: string,
  forced: boolean,
): string {
  return JSON.stringify({
    test: method,
    n: result.n,
    statistic: result.statistic,
    p_value: result.pValue,
    mean_loss_gain: result.meanDiff,
    forced,
  });
}
