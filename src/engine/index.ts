export * from './config.ts';
export * from './engine.ts';
export * from './latency-stats.ts';
export * from './live-session.ts';
export { directionScore, needsTensorflow } from './model-factory.ts';
export * from './run-replay.ts';
export type { SymbolStatus } from './symbol-status.ts';
export * from './config-checks.ts';
export * from './phase-sinks.ts';
