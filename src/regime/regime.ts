/** Market regime of one symbol at one bar. */
export type Regime = 'bull' | 'bear' | 'sideways' | 'volatile';

/** All regimes, in the order reports list them. */
export const REGIMES: readonly Regime[] = ['bull', 'bear', 'sideways', 'volatile'];
