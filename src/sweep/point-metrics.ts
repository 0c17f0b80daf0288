import {
  computeMetrics,
  fillOfConfig,
  inferPeriodsPerYear,
  periodExposure,
  portfolioReturns,
  type StrategyMetrics,
} from '../backtest/index.ts';
import { SWEEP_METRICS, type SweepMetric } from '../scenario/index.ts';
import type { RunStore } from '../store/index.ts';

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
  const rows = await store.rows<{
    strategy: string;
    ts: number[];
    pnl: number[];
    turnover: number[];
    cost: number[];
    position: number[];
    config: string | null;
  }>(`
    SELECT strategy::VARCHAR AS strategy, symbol, list(epoch_ms(ts) ORDER BY ts) AS ts, list(pnl ORDER BY ts) AS pnl,
      list(turnover ORDER BY ts) AS turnover, list(cost ORDER BY ts) AS cost, list(position ORDER BY ts) AS position,
      (SELECT any_value(r.config::VARCHAR) FROM runs r WHERE r.job_id = any_value(e.job_id)) AS config
    FROM equity e WHERE job_id IN (${jobIds.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ')}) GROUP BY ALL ORDER BY strategy, symbol`);
  const series = rows.map((r) => ({
    strategy: r.strategy,
    ts: r.ts.map(Number),
    pnl: r.pnl.map(Number),
    turnover: r.turnover.map(Number),
    cost: r.cost.map(Number),
    exposure: periodExposure(r.position.map(Number), fillOfConfig(r.config ?? '')),
  }));
  const allTs = [...new Set(series.flatMap((x) => x.ts))].sort((a, b) => a - b);
  const mine = series.filter((x) => x.strategy === strategy);
  if (allTs.length < 2 || mine.length === 0) return { ...EMPTY_SWEEP_METRICS };
  const ppy = inferPeriodsPerYear(allTs).periodsPerYear;
  const p = portfolioReturns(
    mine.map((x) => ({
      ts: x.ts,
      returns: x.pnl,
      turnover: x.turnover,
      costs: x.cost,
      exposure: x.exposure,
    })),
  );
  return pickMetrics(computeMetrics(p, ppy));
}
