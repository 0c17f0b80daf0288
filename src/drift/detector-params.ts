import { InputError, describeValue } from '../core/index.ts';

/** The allowed range of one numeric parameter. */
export interface ParamSpec {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Whether `min` itself is allowed (default true). */
  readonly minInclusive?: boolean;
  /** Whether `max` itself is allowed (default true). */
  readonly maxInclusive?: boolean;
  readonly integer?: boolean;
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/**
 * Fills in defaults and checks every parameter of detector `detector` against its specs.
 * O(number of params).
 *
 * @throws {InputError} naming `detector.param`, the expected range and the value with its type;
 *   an unknown name gets a near-miss suggestion.
 * @example
 * resolveParams('ph', { threshold: { default: 50, min: 0, max: Infinity, minInclusive: false } }, {});
 * // { threshold: 50 }
 */
export function resolveParams(
  detector: string,
  specs: ParamSpecs,
  given: Readonly<Record<string, unknown>> = {},
): Record<string, number> {
  const names = Object.keys(specs);
  for (const key of Object.keys(given)) {
    if (!(key in specs)) {
      const hint = suggest(key, names);
      throw new InputError(
        `Unknown parameter \`${detector}.${key}\`${hint ? `; did you mean \`${hint}\`?` : ''} Known parameters: ${names.join(', ')}`,
      );
    }
  }
  const out: Record<string, number> = {};
  for (const name of names) {
    const spec = specs[name] as ParamSpec;
    const value = name in given ? given[name] : spec.default;
    checkValue(`${detector}.${name}`, spec, value);
    out[name] = value as number;
  }
  return out;
}

/** Renders the range of a spec: `(0, 1)`, `[1, ∞)` or `an integer in [1, ∞)`. */
export function describeRange(spec: ParamSpec): string {
  const lo = spec.minInclusive === false ? '(' : '[';
  const hi = spec.maxInclusive === false || spec.max === Infinity ? ')' : ']';
  const fmt = (v: number): string => (v === Infinity ? '∞' : v === -Infinity ? '-∞' : String(v));
  const range = `${lo}${fmt(spec.min)}, ${fmt(spec.max)}${hi}`;
  return spec.integer ? `an integer in ${range}` : `in ${range}`;
}

function checkValue(path: string, spec: ParamSpec, value: unknown): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (spec.minInclusive === false ? value > spec.min : value >= spec.min) &&
    (spec.maxInclusive === false ? value < spec.max : value <= spec.max) &&
    (!spec.integer || Number.isInteger(value));
  if (!ok) {
    throw new InputError(
      `Expected \`${path}\` to be ${describeRange(spec)}, got ${describeValue(value)}`,
    );
  }
}

/** Throws the standard message for a cross-parameter rule such as `stat_size < window_size`. */
export function failRelation(path: string, rule: string, value: number): never {
  throw new InputError(`Expected \`${path}\` to be ${rule}, got ${describeValue(value)}`);
}

/**
 * The closest known name to `word` by edit distance, if it is a plausible typo (distance at most
 * 2, or at most a third of the word's length). Case-insensitive.
 */
export function suggest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance, O(|a|·|b|). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
