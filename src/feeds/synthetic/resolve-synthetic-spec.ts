import { describeValue, InputError } from '../../core/index.ts';
import { parseTimestamp } from '../parse-timestamp.ts';
import { coefficientPath } from './coefficient-path.ts';
import { checkTransitionMatrix } from './markov.ts';
import {
  type DriftSpec,
  REGIMES,
  type RegimeName,
  type RegimeParams,
  type SyntheticSpec,
} from './synthetic-spec.ts';

/** What a user may give: every field optional (a scenario's `data.synthetic` block). */
export interface SyntheticOptions {
  readonly symbols?: number | undefined;
  readonly bars?: number | undefined;
  readonly seed?: number | undefined;
  /** Time of bar 0: ISO-8601 text or epoch ms. Default 2000-01-03. */
  readonly start?: string | number | undefined;
  /** Bar spacing: `1d`, `4h`, `15m`, `30s`, `250ms`, or ms. Default `1d`. */
  readonly interval?: string | number | undefined;
  readonly startPrice?: number | undefined;
  readonly regimes?:
    | {
        readonly [K in RegimeName]?:
          | { readonly drift?: number | undefined; readonly volatility?: number | undefined }
          | undefined;
      }
    | undefined;
  /** Probability of staying in a regime per bar, for all or per regime; the rest is spread evenly. */
  readonly persistence?: number | { readonly [K in RegimeName]?: number | undefined } | undefined;
  /** Full 4×4 transition matrix (rows: from bull, bear, sideways, volatile); replaces persistence. */
  readonly transitions?: readonly (readonly number[])[] | undefined;
  readonly regimeScope?: 'symbol' | 'market' | undefined;
  readonly factorLoading?: number | undefined;
  readonly jumps?:
    | {
        readonly probability?: number | undefined;
        readonly mean?: number | undefined;
        readonly volatility?: number | undefined;
      }
    | undefined;
  readonly signal?:
    | {
        readonly lookbacks?: readonly number[] | undefined;
        readonly coefficients?: readonly number[] | undefined;
      }
    | undefined;
  readonly drifts?: readonly DriftSpec[] | undefined;
  readonly ohlc?: boolean | undefined;
}

export const DEFAULT_REGIMES: Readonly<Record<RegimeName, RegimeParams>> = {
  bull: { drift: 0.0006, volatility: 0.008 },
  bear: { drift: -0.0008, volatility: 0.016 },
  sideways: { drift: 0, volatility: 0.006 },
  volatile: { drift: 0, volatility: 0.03 },
};

export const DEFAULT_PERSISTENCE: Readonly<Record<RegimeName, number>> = {
  bull: 0.985,
  bear: 0.97,
  sideways: 0.98,
  volatile: 0.95,
};

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Fills defaults into synthetic-market options and checks them.
 *
 * @throws {InputError} naming the field (`synthetic.bars`, `synthetic.drifts[1].at`, …), what was
 * expected and what was got.
 * @example
 * resolveSyntheticSpec({ symbols: 3, bars: 500 }).transitions[0]; // [0.985, 0.005, 0.005, 0.005] (up to rounding)
 */
export function resolveSyntheticSpec(o: SyntheticOptions = {}): SyntheticSpec {
  const f = (name: string): string => `synthetic.${name}`;
  const int = (name: string, v: number | undefined, d: number, min: number): number => {
    const x = v ?? d;
    if (!Number.isInteger(x) || x < min)
      throw new InputError(
        `Expected \`${f(name)}\` to be an integer >= ${min}, got ${describeValue(x)}`,
      );
    return x;
  };
  const real = (
    name: string,
    v: number | undefined,
    d: number,
    ok: (x: number) => boolean,
    what: string,
  ): number => {
    const x = v ?? d;
    if (typeof x !== 'number' || !Number.isFinite(x) || !ok(x))
      throw new InputError(`Expected \`${f(name)}\` to be ${what}, got ${describeValue(x)}`);
    return x;
  };
  const symbols = int('symbols', o.symbols, 20, 1);
  const bars = int('bars', o.bars, 2000, 2);
  const seed = int('seed', o.seed, 42, 0);
  const startMs = typeof o.start === 'number' ? o.start : parseTimestamp(o.start ?? '2000-01-03');
  if (!Number.isFinite(startMs))
    throw new InputError(
      `Expected \`${f('start')}\` to be a timestamp (ISO-8601 or epoch ms), got ${describeValue(o.start)}`,
    );
  const intervalMs = parseInterval(o.interval ?? '1d');
  const regimes = Object.fromEntries(
    REGIMES.map((r) => [
      r,
      {
        drift: real(
          `regimes.${r}.drift`,
          o.regimes?.[r]?.drift,
          DEFAULT_REGIMES[r].drift,
          () => true,
          'a finite number',
        ),
        volatility: real(
          `regimes.${r}.volatility`,
          o.regimes?.[r]?.volatility,
          DEFAULT_REGIMES[r].volatility,
          (x) => x >= 0,
          'a number >= 0',
        ),
      },
    ]),
  ) as Record<RegimeName, RegimeParams>;
  const transitions =
    o.transitions !== undefined
      ? o.transitions.map((row) => [...row])
      : fromPersistence(o.persistence);
  if (transitions.length !== REGIMES.length)
    throw new InputError(
      `Expected \`${f('transitions')}\` to be a 4×4 matrix (rows ${REGIMES.join(', ')}), got ${transitions.length} rows`,
    );
  checkTransitionMatrix(transitions, f('transitions'));
  const lookbacks = [...(o.signal?.lookbacks ?? [1, 5])];
  for (const [i, l] of lookbacks.entries()) int(`signal.lookbacks[${i}]`, l, 1, 1);
  const coefficients = [
    ...(o.signal?.coefficients ?? lookbacks.map((_, i) => (i === 0 ? 0.3 : 0))),
  ];
  if (coefficients.length !== lookbacks.length)
    throw new InputError(
      `Expected \`${f('signal.coefficients')}\` to have one number per lookback (${lookbacks.length}), got ${describeValue(coefficients)}`,
    );
  const spec: SyntheticSpec = {
    symbols,
    bars,
    seed,
    startMs,
    intervalMs,
    startPrice: real('startPrice', o.startPrice, 100, (x) => x > 0, 'a number > 0'),
    regimes,
    transitions,
    regimeScope: o.regimeScope ?? 'symbol',
    factorLoading: real(
      'factorLoading',
      o.factorLoading,
      0.5,
      (x) => x >= 0 && x <= 1,
      'a number in [0, 1]',
    ),
    jumps: {
      probability: real(
        'jumps.probability',
        o.jumps?.probability,
        0,
        (x) => x >= 0 && x <= 1,
        'a probability in [0, 1]',
      ),
      mean: real('jumps.mean', o.jumps?.mean, 0, () => true, 'a finite number'),
      volatility: real(
        'jumps.volatility',
        o.jumps?.volatility,
        0.05,
        (x) => x >= 0,
        'a number >= 0',
      ),
    },
    lookbacks,
    coefficients,
    drifts: checkDrifts(o.drifts ?? [], bars, lookbacks.length),
    ohlc: o.ohlc ?? true,
  };
  coefficientPath(spec); // checks every coefficient vector keeps a norm below 1
  return spec;
}

/** Parses `1d`, `4h`, `15m`, `30s`, `250ms` (or a number of ms) into milliseconds. */
export function parseInterval(value: string | number): number {
  const m =
    typeof value === 'number' ? null : /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d|w)\s*$/.exec(value);
  const ms =
    typeof value === 'number'
      ? value
      : m === null
        ? Number.NaN
        : Number(m[1]) * (UNITS[m[2] as string] as number);
  if (!Number.isFinite(ms) || ms < 1 || !Number.isInteger(ms))
    throw new InputError(
      `Expected \`synthetic.interval\` to be a whole number of ms >= 1 or text like 1d, 4h, 15m, 30s, 250ms; got ${describeValue(value)}`,
    );
  return ms;
}

function fromPersistence(p: SyntheticOptions['persistence']): number[][] {
  return REGIMES.map((r, i) => {
    const stay = typeof p === 'number' ? p : (p?.[r] ?? DEFAULT_PERSISTENCE[r]);
    if (!(stay >= 0 && stay <= 1))
      throw new InputError(
        `Expected \`synthetic.persistence${typeof p === 'number' ? '' : `.${r}`}\` to be a probability in [0, 1], got ${describeValue(stay)}`,
      );
    return REGIMES.map((_, j) => (i === j ? stay : (1 - stay) / (REGIMES.length - 1)));
  });
}

function checkDrifts(drifts: readonly DriftSpec[], bars: number, dims: number): DriftSpec[] {
  let end = 0;
  return drifts.map((d, i) => {
    const name = `synthetic.drifts[${i}]`;
    if (!Number.isInteger(d.at) || d.at <= 0 || d.at >= bars)
      throw new InputError(
        `Expected \`${name}.at\` to be a bar index in 1..${bars - 1}, got ${describeValue(d.at)}`,
      );
    if (d.at < end)
      throw new InputError(
        `Expected \`${name}.at\` to come after the previous drift ends (bar ${end}), got ${d.at}; list drifts in time order without overlap`,
      );
    const over = d.over ?? 0;
    if (!Number.isInteger(over) || over < 0)
      throw new InputError(
        `Expected \`${name}.over\` to be an integer >= 0, got ${describeValue(d.over)}`,
      );
    if (!['flip', 'rotate', 'set'].includes(d.kind))
      throw new InputError(
        `Expected \`${name}.kind\` to be flip, rotate or set, got ${describeValue(d.kind)}`,
      );
    if (d.kind === 'rotate' && dims < 2)
      throw new InputError(`\`${name}\`: rotate needs at least two signal lookbacks, got ${dims}`);
    if (d.kind === 'set' && d.coefficients?.length !== dims)
      throw new InputError(
        `Expected \`${name}.coefficients\` to have ${dims} numbers (one per lookback), got ${describeValue(d.coefficients)}`,
      );
    end = d.at + over;
    return { ...d, over, ...(d.kind === 'rotate' ? { angleDeg: d.angleDeg ?? 90 } : {}) };
  });
}
