/**
 * livemodel's public API: `import { runScenario } from 'livemodel'`. Everything the command line
 * does is reachable from here: run a scenario end to end, load and validate scenario files, open
 * data sources, build online models, drive an engine tick by tick, serve the HTTP control plane
 * and write reports. docs/api.md has a runnable example of each.
 *
 * @example
 * import { runScenario } from 'livemodel';
 * const r = await runScenario({ scenario: 'scenarios/quickstart.yaml' }, { out: 'reports/q' });
 * console.log(r.summary.models.model.overall.accuracy);
 */

// Running scenarios (the kernel every mode uses)
export {
  type KernelResult,
  type LiveFeedOptions,
  type OpenedRun,
  type OpenRunOptions,
  openRun,
  planRun,
  prepareRunFolder,
  type RunFolder,
  type RunInput,
  type RunPlan,
  type RunProgressSink,
  type RunRequest,
  type RunResult,
  type RunScenarioOptions,
  runScenario,
  toEngineConfig,
  writeRunReport,
  writeSynthetic,
} from './runner/index.ts';
// Scenarios
export {
  loadScenario,
  type Override,
  type Scenario,
  scenarioJsonSchema,
  scenarioSchema,
  validateScenario,
  withOverrides,
} from './scenario/index.ts';
// Data
export {
  type BarSource,
  type DataSpec,
  InMemorySource,
  type OpenedSource,
  openSource,
  SyntheticMarket,
  type SyntheticOptions,
} from './feeds/index.ts';
// Models
export {
  createModel,
  type ModelSnapshot,
  type OnlineModel,
} from './models/index.ts';
// The engine and its clock
export { ReplayClock, replay } from './clock/index.ts';
export {
  createReplayClock,
  Engine,
  type EngineConfig,
  LiveSession,
  runReplay,
} from './engine/index.ts';
// Statistics the lifecycle decides with
export {
  dieboldMariano,
  MixtureEProcess,
  PairedLossTest,
  spentAlpha,
  studentTSurvival,
} from './lifecycle/index.ts';
// Backtest metrics
export { computeMetrics, portfolioReturns, type StrategyMetrics } from './backtest/index.ts';
// Outputs
export { Recorder, type RunStatus } from './store/index.ts';
export { type RunSummary, writeReport } from './report/index.ts';
export {
  type ApiServer,
  type ApiServerOptions,
  EventBus,
  LifecycleStats,
  liveStreamControl,
  replayStreamControl,
  startApiServer,
} from './api/index.ts';
// Shared types and errors
export {
  AppError,
  type Bar,
  DataError,
  type EpochMs,
  InputError,
  type OutcomeEvent,
  type OutcomeSink,
  StoreError,
  VERSION,
} from './core/index.ts';
