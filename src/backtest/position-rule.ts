import { describeValue, InputError } from '../core/index.ts';

/** How a predicted probability becomes a position. */
export interface PositionConfig {
  /** `sign`: long/short/flat at full size; `confidence`: size ∝ |p − 0.5| / 0.5. */
  readonly sizing: 'sign' | 'confidence';
  /** No position while |p − 0.5| <= deadBand. In [0, 0.5). */
  readonly deadBand: number;
  /** Absolute position limit (1 = fully invested). >= 0. */
  readonly maxPosition: number;
  readonly allowShort: boolean;
}

export const DEFAULT_POSITION: PositionConfig = {
  sizing: 'sign',
  deadBand: 0.0,
  maxPosition: 1,
  allowShort: true,
};

/**
 * Checks a position configuration (call once where the scenario is parsed).
 *
 * @throws {InputError} when `deadBand` is outside [0, 0.5), `maxPosition` is negative or not
 *   finite, or `sizing` is unknown.
 * @example
 * validatePositionConfig(DEFAULT_POSITION); // ok
 */
export function validatePositionConfig(config: PositionConfig): void {
  const { deadBand, maxPosition, sizing } = config;
  if (!(typeof deadBand === 'number' && deadBand >= 0 && deadBand < 0.5)) {
    throw new InputError(
      `Expected \`position.deadBand\` to be a number in [0, 0.5), got ${describeValue(deadBand)}`,
    );
  }
  if (!(typeof maxPosition === 'number' && Number.isFinite(maxPosition) && maxPosition >= 0)) {
    throw new InputError(
      `Expected \`position.maxPosition\` to be a finite number >= 0, got ${describeValue(maxPosition)}`,
    );
  }
  if (sizing !== 'sign' && sizing !== 'confidence') {
    throw new InputError(
      `Expected \`position.sizing\` to be 'sign' or 'confidence', got ${describeValue(sizing)}`,
    );
  }
}

/**
 * The target position for a predicted up-probability `p`.
 *
 * Flat while 0.5 − deadBand <= p <= 0.5 + deadBand (and for NaN p). Otherwise the size is `maxPosition`
 * (`sign`) or `min(maxPosition, |p − 0.5| / 0.5 × maxPosition)` (`confidence`; note the size
 * jumps from 0 to deadBand / 0.5 × maxPosition at the edge of the band), long when p > 0.5,
 * short when p < 0.5 (flat instead if `allowShort` is false). |result| <= maxPosition always.
 *
 * @example
 * targetPosition(0.7, { sizing: 'sign', deadBand: 0.05, maxPosition: 1, allowShort: true }); // 1
 * targetPosition(0.52, { sizing: 'sign', deadBand: 0.05, maxPosition: 1, allowShort: true }); // 0
 */
export function targetPosition(p: number, config: PositionConfig): number {
  // Compare p with the band's edges rather than |p − 0.5| with the band: 0.55 − 0.5 rounds to
  // 0.050000000000000044, which would put p = 0.55 outside a 0.05 band but p = 0.45 inside.
  const long = p > 0.5 + config.deadBand;
  if (!long && !(p < 0.5 - config.deadBand)) return 0;
  const edge = p - 0.5;
  const size =
    config.sizing === 'sign'
      ? config.maxPosition
      : Math.min(config.maxPosition, (Math.abs(edge) / 0.5) * config.maxPosition);
  if (long) return size;
  return config.allowShort && size > 0 ? -size : 0;
}
