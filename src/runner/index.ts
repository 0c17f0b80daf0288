export { toEngineConfig } from './engine-config.ts';
export { defaultLiveScenario } from './live-defaults.ts';
export { createLiveInput, type LiveFeedOptions, type LiveInput } from './live-feed.ts';
export * from './run-kernel.ts';
export * from './run-outputs.ts';
export * from './run-plan.ts';
export type { RunProgressSink } from './run-progress-sink.ts';
export * from './run-scenario.ts';
export { executeSharded, splitSymbols } from './sharded-run.ts';
