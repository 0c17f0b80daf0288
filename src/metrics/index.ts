export * from './classification-metrics.ts';
export * from './classification-summary.ts';
export * from './windowed-classification-metrics.ts';
export * from './faded-classification-metrics.ts';
export * from './regression-metrics.ts';
export * from './windowed-regression-metrics.ts';
export * from './faded-regression-metrics.ts';
export * from './degradation-monitor.ts';
