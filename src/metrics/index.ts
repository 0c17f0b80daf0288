export * from './classification-metrics.ts';
