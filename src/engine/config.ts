import type { BookConfig, PositionConfig } from '../backtest/index.ts';
import type { FeatureConfig } from '../features/index.ts';
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
  readonly builder: CandidateBuilder;
  /** Resolved examples kept for building candidates (bounded). */
  readonly recentWindow: number;
  /** Passes over the recent window when building a candidate. */
  readonly epochs: number;
  /** Bars an update takes before the candidate is ready; the champion serves meanwhile. */
  readonly updateLatency: number;
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

export type BaselineName = 'buy_and_hold' | 'frozen' | 'naive';

/** Everything the engine needs from a scenario. The scenario loader produces it. */
export interface EngineConfig {
  readonly seed: number;
  readonly features: FeatureConfig;
  /** Label horizon in bars: the label of a prediction at bar t is the direction from t to t+h. */
  readonly horizon: number;
  readonly variants: readonly VariantConfig[];
  readonly position: PositionConfig;
  readonly book: BookConfig;
  /** Baselines computed alongside the first variant. */
  readonly baselines: readonly BaselineName[];
}
