/** Colours shared by every chart, so a strategy or state keeps its colour across the report. */

const BASELINES: Record<string, string> = {
  buy_and_hold: '#5b6170',
  frozen: '#8fb3d9',
  naive: '#c9a66b',
};

const VARIANTS = [
  '#2f6fdf',
  '#e4572e',
  '#17a398',
  '#8f5fd6',
  '#e0a100',
  '#d64f8a',
  '#3aa655',
  '#7a4f2a',
];

/** Lifecycle state colours (DESIGN.md's state names; anything else is grey). */
export const STATE_COLORS: Record<string, string> = {
  warmup: '#c8ccd4',
  serving: '#5cb85c',
  updating: '#f0ad4e',
  testing: '#4a90d9',
  rollback: '#d9534f',
};

/** Marker colours on time axes. */
export const MARKER_COLORS: Record<string, string> = {
  drift: '#3d3d3d',
  promotion: '#2e9e4f',
  rollback: '#d62728',
};

const REGIMES = [
  'rgba(91,192,222,0.14)',
  'rgba(240,173,78,0.16)',
  'rgba(217,83,79,0.13)',
  'rgba(92,184,92,0.14)',
  'rgba(143,95,214,0.13)',
  'rgba(120,120,120,0.12)',
];

/**
 * Assigns colours: baselines have fixed ones, other strategies take the palette in the order
 * given (so pass them sorted for a stable result).
 *
 * @example
 * strategyColors(['model', 'buy_and_hold']).get('buy_and_hold'); // '#5b6170'
 */
export function strategyColors(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  for (const n of names) {
    const fixed = BASELINES[n];
    if (fixed !== undefined) out.set(n, fixed);
    else out.set(n, VARIANTS[i++ % VARIANTS.length] as string);
  }
  return out;
}

/** A translucent band colour per regime name, in the order given. */
export function regimeColors(regimes: readonly string[]): Map<string, string> {
  return new Map(regimes.map((r, i) => [r, REGIMES[i % REGIMES.length] as string]));
}

/** The colour of a state, grey for unknown states. */
export function stateColor(state: string): string {
  return STATE_COLORS[state] ?? '#9aa0a6';
}

/** Whether a strategy name is one of the built-in baselines. */
export function isBaseline(name: string): boolean {
  return name in BASELINES;
}
