/**
 * Parameters of the adaptive learning-rate rule of the neural models ({@link adaptLearningRate}).
 */
export interface AdaptiveLrConfig {
  readonly enabled: boolean;
  /** Smoothing of the fast loss average (recent level), in (0, 1]. */
  readonly fast: number;
  /** Smoothing of the slow loss average (long-run level), in (0, fast). */
  readonly slow: number;
  /** Dead band: fast/slow within 1 ± tolerance counts as "no trend". */
  readonly tolerance: number;
  /** Factor applied when the loss sits above its long-run level (> 1). */
  readonly increase: number;
  /** Factor applied when the loss has no trend (< 1). */
  readonly decrease: number;
  /** Bounds of the rate as multiples of the configured `learningRate`. */
  readonly minFactor: number;
  readonly maxFactor: number;
}

export const DEFAULT_ADAPTIVE_LR: AdaptiveLrConfig = {
  enabled: true,
  fast: 0.1,
  slow: 0.01,
  tolerance: 0.05,
  increase: 1.05,
  decrease: 0.995,
  minFactor: 0.1,
  maxFactor: 10,
};

/** Per-model state of the rule, in this order inside a Float64Array: rate, fast, slow, count. */
export const ADAPTIVE_STATE_SIZE = 4;

/**
 * Adaptive learning rate driven by the trend of the model's own loss. Two exponential averages
 * of the per-label loss are kept: a fast one (recent level) and a slow one (long-run level).
 * After a warm-up of ⌈1/fast⌉ labels, each update compares r = fast / slow:
 * - r > 1 + tolerance — the loss sits above its long-run level: after a drift the model is
 *   stalled on stale weights, so the rate is raised (× increase) to adapt faster;
 * - r < 1 − tolerance — the loss is falling: the current rate works, it is kept;
 * - otherwise — no trend, the fluctuations are noise: the rate is lowered (× decrease) so that
 *   steps average the noise out instead of chasing it.
 * The rate stays within [minFactor, maxFactor] × the base rate. O(1), no allocation.
 *
 * @param state the model's 4 numbers at `offset` (rate, fast, slow, count); rate 0 means unset.
 * @returns the rate to use for this update.
 * @example
 * const s = new Float64Array(4);
 * adaptLearningRate(s, 0, 0.69, 0.01, DEFAULT_ADAPTIVE_LR); // 0.01 (first label: warm-up)
 */
export function adaptLearningRate(
  state: Float64Array,
  offset: number,
  loss: number,
  baseRate: number,
  cfg: AdaptiveLrConfig,
): number {
  let rate = state[offset] as number;
  if (rate === 0) rate = baseRate;
  if (!cfg.enabled) return baseRate;
  const count = (state[offset + 3] as number) + 1;
  let fast = loss;
  let slow = loss;
  if (count > 1) {
    fast = (state[offset + 1] as number) + cfg.fast * (loss - (state[offset + 1] as number));
    slow = (state[offset + 2] as number) + cfg.slow * (loss - (state[offset + 2] as number));
  }
  if (count >= Math.ceil(1 / cfg.fast) && slow > 0) {
    const r = fast / slow;
    if (r > 1 + cfg.tolerance) rate *= cfg.increase;
    else if (r >= 1 - cfg.tolerance) rate *= cfg.decrease;
    rate = Math.min(baseRate * cfg.maxFactor, Math.max(baseRate * cfg.minFactor, rate));
  }
  state[offset] = rate;
  state[offset + 1] = fast;
  state[offset + 2] = slow;
  state[offset + 3] = count;
  return rate;
}
