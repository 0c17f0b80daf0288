export * from './rollable-metric.ts';
export * from './windowed-metric.ts';
export * from './faded-metric.ts';
export * from './neumaier-sum.ts';
export * from './classification-metrics.ts';
export * from './classification-summary.ts';
export * from './regression-metrics.ts';
export * from './degradation-monitor.ts';
