import {
  computeMetrics,
  fillOfConfig,
  inferPeriodsPerYear,
  periodExposure,
  portfolioReturns,
  type StrategyMetrics,
} from '../backtest/index.ts';
import { SWEEP_METRICS, type SweepMetric } from '../scenario/index.ts';
import { equityBarTimes, equityColumns, type RunStore, sqlString } from '../store/index.ts';

/** A sweep's numbers for one job or grid point: every sweep metric, null where undefined. */
export type Metrics = Record<SweepMetric, number | null>;

export const EMPTY_SWEEP_METRICS: Metrics = Object.fromEntries(
  SWEEP_METRICS.map((m) => [m, null]),
) as Metrics;

/** The sweep metrics of a tearsheet (non-finite values become null). */
export function pickMetrics(m: Partial<StrategyMetrics> | undefined): Metrics {
  if (m === undefined) return { ...EMPTY_SWEEP_METRICS };
  return Object.fromEntries(
    SWEEP_METRICS.map((k) => [k, typeof m[k] === 'number' && Number.isFinite(m[k]) ? m[k] : null]),
  ) as Metrics;
}

/**
 * The equal-weight portfolio metrics of `strategy` over the equity of some jobs of the merged
 * file (a point's shards), computed as summary.json does for one run: the bar spacing is
 * inferred from every strategy's timestamps, the portfolio averages the symbols bar by bar.
 */
export async function pointMetrics(
  store: RunStore,
  jobIds: readonly string[],
  strategy: string,
): Promise<Metrics> {
  // The point's shards share one configuration but for their symbols.
  const [run] = await store.rows<{ config: string | null }>(
    `SELECT any_value(config::VARCHAR) AS config FROM runs WHERE job_id IN (${jobIds.map(sqlString).join(', ') || 'NULL'})`,
  );
  const fill = fillOfConfig(run?.config ?? '');
  const allTs = await equityBarTimes(store, { jobIds });
  // Only this strategy's series are read (streamed into typed arrays, not nested lists).
  const mine = await equityColumns(store, { strategy, jobIds });
  if (allTs.length < 2 || mine.length === 0) return { ...EMPTY_SWEEP_METRICS };
  const ppy = inferPeriodsPerYear(allTs).periodsPerYear;
  const p = portfolioReturns(
    mine.map((x) => ({
      ts: x.ts,
      returns: x.pnl,
      turnover: x.turnover,
      costs: x.cost,
      exposure: periodExposure(x.position, fill),
    })),
  );
  return pickMetrics(computeMetrics(p, ppy));
}
