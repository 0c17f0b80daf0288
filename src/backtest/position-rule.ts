/** How a predicted probability becomes a position. */
export interface PositionConfig {
  /** `sign`: long/short/flat; `confidence`: size proportional to |p - 0.5| / 0.5. */
  readonly sizing: 'sign' | 'confidence';
  /** No position while |p - 0.5| <= deadBand. */
  readonly deadBand: number;
  /** Absolute position limit (1 = fully invested). */
  readonly maxPosition: number;
  readonly allowShort: boolean;
}

export const DEFAULT_POSITION: PositionConfig = { sizing: 'sign', deadBand: 0.0, maxPosition: 1, allowShort: true };

/**
 * The target position for a predicted up-probability.
 *
 * @example
 * targetPosition(0.7, { sizing: 'sign', deadBand: 0.05, maxPosition: 1, allowShort: true }); // 1
 * targetPosition(0.52, { sizing: 'sign', deadBand: 0.05, maxPosition: 1, allowShort: true }); // 0
 */
export function targetPosition(p: number, config: PositionConfig): number {
  const edge = p - 0.5;
  if (!(Math.abs(edge) > config.deadBand)) return 0;
  const size = config.sizing === 'sign' ? config.maxPosition : Math.min(config.maxPosition, (Math.abs(edge) / 0.5) * config.maxPosition);
  if (edge < 0) return config.allowShort ? -size : 0;
  return size;
}
