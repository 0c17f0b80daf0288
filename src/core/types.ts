import type { EpochMs } from './time.ts';

/**
 * One bar (or one price observation) of one symbol. Fields a source does not have are NaN
 * (close-only data has NaN open/high/low/volume). `close` is always a finite positive number.
 */
export interface Bar {
  readonly symbol: string;
  readonly ts: EpochMs;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Lifecycle state names as recorded in `transitions` (DESIGN.md). */
export type LifecycleState = 'warmup' | 'serving' | 'updating' | 'testing' | 'rollback' | 'safe';

/** Why a model version was created. */
export type VersionReason =
  | 'initial'
  | 'drift'
  | 'degradation'
  | 'schedule'
  | 'manual'
  | 'rollback';

/** Role of a prediction: who made it. Baselines use their own names. */
export type PredictionRole = 'champion' | 'challenger' | 'frozen' | 'naive' | (string & {});

/** A prediction and, once its horizon has passed, its label and loss. */
export interface PredictionOutcome {
  readonly type: 'prediction';
  readonly variant: string;
  readonly symbol: string;
  readonly ts: EpochMs;
  /** Timestamp of the bar whose close decided the label; null if that bar never came. */
  readonly horizonTs: EpochMs | null;
  readonly role: PredictionRole;
  readonly modelVersion: number | null;
  /** Up-probability (direction models) or forecast log return (return models). */
  readonly score: number;
  /** 1/0 direction for direction models, the realised log return for return models. */
  readonly label: number | null;
  readonly loss: number | null;
}

export interface TransitionOutcome {
  readonly type: 'transition';
  readonly variant: string;
  readonly symbol: string;
  readonly ts: EpochMs;
  readonly from: string;
  readonly to: string;
  readonly event: string;
}

export interface VersionOutcome {
  readonly type: 'version';
  readonly variant: string;
  readonly symbol: string;
  readonly version: number;
  readonly parentVersion: number | null;
  readonly createdTs: EpochMs;
  readonly promotedTs: EpochMs | null;
  readonly retiredTs: EpochMs | null;
  readonly reason: string;
  /** Metrics at promotion, JSON text. */
  readonly metrics: string | null;
}

/** Something that happened to a model version: the log behind `model_versions`. */
export interface VersionEventOutcome {
  readonly type: 'version_event';
  readonly variant: string;
  readonly symbol: string;
  readonly ts: EpochMs;
  readonly version: number;
  readonly event: 'created' | 'promoted' | 'retired' | 'discarded' | 'restored';
  readonly detail: string;
}

/** A model snapshot moved out of memory (kept in `model_snapshots` so no version is lost). */
export interface SnapshotOutcome {
  readonly type: 'snapshot';
  readonly variant: string;
  readonly symbol: string;
  readonly ts: EpochMs;
  readonly version: number;
  readonly kind: string;
  /** The exact snapshot as JSON text (arrays as base64 of their bytes). */
  readonly snapshot: string;
}

export interface AbTestOutcome {
  readonly type: 'ab_test';
  readonly variant: string;
  readonly symbol: string;
  readonly startedTs: EpochMs;
  readonly endedTs: EpochMs;
  readonly championVersion: number;
  readonly challengerVersion: number;
  readonly n: number;
  readonly statistic: number;
  readonly pValue: number;
  readonly decision: 'promote' | 'reject';
  readonly method: string;
  /** The level the test ran at: alpha, or its family-wise share for this test. */
  readonly alpha: number;
  /** 1 for the symbol's first test in the run, 2 for the second, … */
  readonly testIndex: number;
  /** Label horizon in bars of the losses compared. */
  readonly horizon: number;
  /** Degrees of freedom of the DM statistic's t reference; null for the sequential test. */
  readonly df: number | null;
  /** Mean loss differential (champion − challenger; positive: the challenger did better). */
  readonly meanDiff: number;
}

export interface DriftOutcome {
  readonly type: 'drift';
  readonly variant: string;
  readonly symbol: string;
  readonly ts: EpochMs;
  readonly detector: string;
  /** `warning` or `drift`. */
  readonly kind: string;
  /** The feature a feature-drift detector watched, or null for the error stream. */
  readonly feature: string | null;
}

export interface RegimeOutcome {
  readonly type: 'regime';
  readonly variant: string;
  readonly symbol: string;
  readonly ts: EpochMs;
  readonly regime: string;
  readonly detector: string;
}

export interface AlertOutcome {
  readonly type: 'alert';
  readonly variant: string;
  readonly symbol: string;
  readonly ts: EpochMs;
  readonly kind: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly message: string;
}

/** An ensemble member's weight at a bar (champion ensembles only). */
export interface WeightOutcome {
  readonly type: 'weight';
  readonly variant: string;
  readonly symbol: string;
  readonly ts: EpochMs;
  readonly member: string;
  readonly weight: number;
  /** The regime whose weight vector was in use, or null. */
  readonly regime: string | null;
}

export interface EquityOutcome {
  readonly type: 'equity';
  readonly symbol: string;
  readonly ts: EpochMs;
  /** Variant or baseline name. */
  readonly strategy: string;
  readonly position: number;
  /** Net return of the period (t-1, t] after costs, as a fraction. */
  readonly pnl: number;
  readonly equity: number;
  readonly cost: number;
  readonly turnover: number;
}

export interface RejectOutcome {
  readonly type: 'reject';
  readonly source: string;
  readonly line: number;
  readonly reason: string;
}

/** Everything that leaves the engine for the recorder. `store/` writes these. */
/**
 * One entry of a live run's feed journal: what the feed adapter delivered to the session, in
 * order — its opening (`session`: feed, symbols, bar interval, reordering window), every tick,
 * heartbeat, alert and reject it accepted, and every change of interval or reordering window.
 * `livemodel replay` feeds the journal back through the same session code.
 */
export interface FeedMessageOutcome {
  readonly type: 'feed_message';
  /** 0 for the session entry, then 1, 2, … in delivery order. */
  readonly seq: number;
  /** Wall time of receipt (epoch ms), for the record only: nothing downstream reads it. */
  readonly receivedMs: number;
  readonly kind: 'session' | 'tick' | 'heartbeat' | 'alert' | 'reject' | 'interval' | 'reorder';
  readonly symbol: string | null;
  /** Market time of the message, when it has one. */
  readonly ts: EpochMs | null;
  /** The message as JSON. */
  readonly payload: string;
}

export type OutcomeEvent =
  | FeedMessageOutcome
  | PredictionOutcome
  | TransitionOutcome
  | VersionOutcome
  | VersionEventOutcome
  | SnapshotOutcome
  | AbTestOutcome
  | DriftOutcome
  | RegimeOutcome
  | AlertOutcome
  | EquityOutcome
  | WeightOutcome
  | RejectOutcome;

/** Receives outcomes as they happen. The recorder implements it. */
export interface OutcomeSink {
  write(event: OutcomeEvent): void;
}
