/** The four market regimes, in the order of the transition matrix's rows and columns. */
export const REGIMES = ['bull', 'bear', 'sideways', 'volatile'] as const;
export type RegimeName = (typeof REGIMES)[number];

/** Log-return drift and volatility per bar in one regime. */
export interface RegimeParams {
  readonly drift: number;
  readonly volatility: number;
}

/** A change in the relation between the lagged signals and the next return. */
export interface DriftSpec {
  /** Bar index at which the change starts (0 < at < bars). */
  readonly at: number;
  /**
   * `flip`: coefficients change sign (momentum ↔ mean reversion); `rotate`: the coefficient
   * vector turns by `angleDeg` in the plane of the first two lookbacks; `set`: it becomes
   * `coefficients`.
   */
  readonly kind: 'flip' | 'rotate' | 'set';
  /** Bars over which the change is spread linearly; 0 (default) is an abrupt change. */
  readonly over?: number | undefined;
  /** `rotate`: angle in degrees (default 90). */
  readonly angleDeg?: number | undefined;
  /** `set`: the new coefficients, one per lookback. */
  readonly coefficients?: readonly number[] | undefined;
}

/**
 * A synthetic market, fully resolved (every field has a value). Returns are per bar, in log
 * units. See `docs/data.md` for the model.
 */
export interface SyntheticSpec {
  /** Number of symbols, named S001, S002, … (zero-padded to sort in index order). */
  readonly symbols: number;
  /** Bars per symbol. */
  readonly bars: number;
  readonly seed: number;
  /** Time of bar 0, epoch ms. */
  readonly startMs: number;
  /** Spacing of bars, ms. */
  readonly intervalMs: number;
  readonly startPrice: number;
  readonly regimes: Readonly<Record<RegimeName, RegimeParams>>;
  /** Row-stochastic 4×4 matrix over {@link REGIMES}. */
  readonly transitions: readonly (readonly number[])[];
  /** `symbol`: each symbol has its own regime chain; `market`: one chain for all. */
  readonly regimeScope: 'symbol' | 'market';
  /** Loading ρ of every symbol on a common factor: the noise is ρ·f + √(1−ρ²)·ε. */
  readonly factorLoading: number;
  /** Per-bar jump probability and jump size distribution (log return). */
  readonly jumps: {
    readonly probability: number;
    readonly mean: number;
    readonly volatility: number;
  };
  /** Lookbacks (bars) of the lagged momentum signals. */
  readonly lookbacks: readonly number[];
  /** Coefficients of the signals at bar 0 (one per lookback); their norm must stay below 1. */
  readonly coefficients: readonly number[];
  /** Concept-drift points, sorted by `at`. */
  readonly drifts: readonly DriftSpec[];
  /** Whether bars carry open/high/low/volume (else close only). */
  readonly ohlc: boolean;
}
