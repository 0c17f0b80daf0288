export * from './config.ts';
export * from './engine.ts';
export * from './run-replay.ts';
export type { SymbolStatus } from './symbol-actor.ts';
export * from './latency-stats.ts';
export * from './live-session.ts';
