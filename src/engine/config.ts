import type { BookConfig, PositionConfig } from '../backtest/index.ts';
import type { FeatureConfig, QualityCheckerConfig, QualityGateConfig } from '../features/index.ts';
import type { DegradationConfig } from '../metrics/index.ts';
import type { OnlineGaussianHmmConfig, RuleRegimeConfig } from '../regime/index.ts';
import type { PairedTestConfig, UpdatePolicy } from '../lifecycle/index.ts';

/** A model as a scenario declares it: `kind` plus that kind's parameters. */
export interface ModelSpec {
  readonly kind: string;
  readonly [param: string]: unknown;
}

/** How a challenger is built when an update starts. */
export type CandidateBuilder = 'refit' | 'clone_adapt' | 'reset';

export interface LifecycleConfig {
  /** Bars of features and first fit before the first champion serves. */
  readonly warmupBars: number;
  readonly policy: UpdatePolicy;
  /** Whether the champion learns from every resolved label (default: only for `continuous`). */
  readonly onlineLearning: boolean;
  /** `periodic`: bars between scheduled updates. */
  readonly periodBars: number;
  /** `periodic` on a market-time schedule: ms between updates (replaces periodBars); null for bars. */
  readonly periodMs: number | null;
  readonly builder: CandidateBuilder;
  /** Resolved examples kept for building candidates (bounded). */
  readonly recentWindow: number;
  /** Passes over the recent window when building a candidate. */
  readonly epochs: number;
  /** Bars an update takes before the candidate is ready; the champion serves meanwhile. */
  readonly updateLatency: number;
  /** Market time (ms) an update takes instead of bars; null to count bars. */
  readonly updateLatencyMs: number | null;
  readonly test: PairedTestConfig;
  /** Labels after a promotion during which the previous champion shadows the new one. */
  readonly probationBars: number;
  /** Roll back when the new champion's mean loss exceeds the previous one's by this much. */
  readonly probationMargin: number;
  /** Snapshots kept in memory per symbol for rollbacks (older versions stay recorded). */
  readonly keepSnapshots: number;
}

export interface VariantConfig {
  readonly name: string;
  readonly model: ModelSpec;
  readonly lifecycle: LifecycleConfig;
}

/** `traded`: the move the position decided from a prediction earns; `forecast`: close(t)→close(t+h). */
export type LabelMove = 'traded' | 'forecast';

export type BaselineName = 'buy_and_hold' | 'frozen' | 'naive';

/** One drift detector watching the champion's error stream or one feature. */
export interface DriftMonitorSpec {
  /** Detector registry name: adwin, page_hinkley, ddm, eddm, kswin, psi. */
  readonly detector: string;
  /** `error`: 1 when the champion's direction was wrong, else 0; `loss`: its log loss; `feature`: a feature's value. */
  readonly on: 'error' | 'loss' | 'feature';
  /** Feature name (e.g. `ret_1`) when `on` is `feature`. */
  readonly feature?: string | undefined;
  readonly params: Readonly<Record<string, number>>;
}

export interface RegimeMonitorConfig {
  /** `rule`: trend and volatility rule; `hmm`: online Gaussian HMM; `both`: both recorded, the rule feeds the models. */
  readonly detector: 'rule' | 'hmm' | 'both';
  readonly rule: Partial<RuleRegimeConfig>;
  readonly hmm: Partial<OnlineGaussianHmmConfig>;
}

/** What watches each symbol: drift detectors, degradation rules, data quality, regimes. */
export interface MonitoringConfig {
  readonly drift: readonly DriftMonitorSpec[];
  readonly degradation: DegradationConfig | null;
  readonly quality: (QualityCheckerConfig & QualityGateConfig) | null;
  readonly regime: RegimeMonitorConfig | null;
}

/** Everything the engine needs from a scenario. The scenario loader produces it. */
export interface EngineConfig {
  readonly seed: number;
  readonly features: FeatureConfig;
  /**
   * Label horizon h in bars. With `label: 'traded'` the label of a prediction at bar t is the
   * move from the fill price at bar t+1 to the fill price at bar t+1+h (close or open by
   * `book.fill`), known at bar t+1+h; with `'forecast'`, close(t) → close(t+h), known at t+h.
   */
  readonly horizon: number;
  /** Which move a prediction is scored, learned and tested on (see `horizon`). */
  readonly label: LabelMove;
  readonly variants: readonly VariantConfig[];
  readonly position: PositionConfig;
  readonly book: BookConfig;
  /** Baselines computed alongside the first variant. */
  readonly baselines: readonly BaselineName[];
  readonly monitoring: MonitoringConfig;
  /** Return-forecast models: the forecast (a log return) that maps to an up-probability of 0.88 (tanh 1). */
  readonly returnScale: number;
}
