export * from './book.ts';
export * from './compute-metrics.ts';
export * from './infer-periods-per-year.ts';
export * from './period-exposure.ts';
export * from './portfolio-returns.ts';
export * from './position-rule.ts';
export type { ReturnSeries } from './return-series.ts';
export * from './streaming-metrics.ts';
export {
  EMPTY_METRICS,
  riskFreePerPeriod,
  type StrategyMetrics,
} from './strategy-metrics.ts';
export * from './trade-cost.ts';
