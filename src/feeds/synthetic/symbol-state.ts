import type { Random, RingBuffer } from '../../core/index.ts';

/**
 * Everything the generator keeps for one symbol: last close, regime, the last few innovations
 * (a ring of shocks as long as the longest lookback) and its random streams. Its size does not depend on
 * the number of bars.
 */
export interface SymbolState {
  close: number;
  regime: number;
  /** Unit shocks e of the last `shocks.capacity` bars (the longest lookback), newest at age 0. */
  readonly shocks: RingBuffer;
  readonly noise: Random;
  readonly jump: Random;
  readonly ohlc: Random;
}

/**
 * Sum of the last `lookback` unit shocks over √lookback: the standardised momentum signal
 * z = (e₍t−1₎ + … + e₍t−L₎) / √L, exactly N(0, 1) once L bars have passed (missing history
 * counts as 0).
 *
 * @example
 * momentumSignal(state, 5); // a N(0, 1) draw built from the last five shocks
 */
export function momentumSignal(s: SymbolState, lookback: number): number {
  const held = Math.min(lookback, s.shocks.length);
  let sum = 0;
  for (let age = 0; age < held; age++) sum += s.shocks.get(age);
  return sum / Math.sqrt(lookback);
}
