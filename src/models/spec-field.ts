import { z } from 'zod';

/** Bounds of a numeric field: `min` (inclusive unless `openMin`), optional inclusive `max`. */
export interface NumberRange {
  readonly min: number;
  readonly openMin?: boolean;
  readonly max?: number;
}

/**
 * The rule a field states in its errors ("Expected `model.l2` to be <rule>, got …"): every check
 * of the field reports this one text, so a message names the whole rule, not the check that broke.
 *
 * @example
 * numberRule({ min: 0, openMin: true, max: 100 }); // 'a finite number > 0 and <= 100'
 */
export function numberRule(r: NumberRange): string {
  return `a finite number ${r.openMin ? '>' : '>='} ${r.min}${r.max === undefined ? '' : ` and <= ${r.max}`}`;
}

/**
 * A finite number in `range` (zod rejects NaN and ±Infinity).
 *
 * @example
 * numberType({ min: 0 }).safeParse(-1).error?.issues[0]?.message; // 'a finite number >= 0'
 */
export function numberType(range: NumberRange) {
  const error = numberRule(range);
  const low = z.number({ error });
  const bounded = range.openMin ? low.gt(range.min, { error }) : low.gte(range.min, { error });
  return range.max === undefined ? bounded : bounded.lte(range.max, { error });
}

/**
 * An integer in [min, max].
 *
 * @example
 * intType(1, 2).safeParse(3).error?.issues[0]?.message; // 'an integer in [1, 2]'
 */
export function intType(min: number, max: number) {
  const error = `an integer in [${min}, ${max}]`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/**
 * A model-spec field: its type and rule, default and description, declared once. The models
 * parse with the default; scenario files see it through {@link withoutDefaults}.
 *
 * @example
 * const hidden = intField(16, 1, 512, 'lstm: hidden units H.');
 * hidden.parse(undefined); // 16
 */
export function intField(fallback: number, min: number, max: number, description: string) {
  return intType(min, max).default(fallback).describe(description);
}

/**
 * A finite number in `range` with a default.
 *
 * @example
 * numberField(0.5, { min: 0, max: 1 }, 'A share.').parse(undefined); // 0.5
 */
export function numberField(fallback: number, range: NumberRange, description: string) {
  return numberType(range).default(fallback).describe(description);
}

/**
 * One of `options` with a default.
 *
 * @example
 * enumField(['a', 'b'], 'a', 'A letter.').safeParse('c').error?.issues[0]?.message; // 'one of a|b'
 */
export function enumField<const T extends readonly [string, ...string[]]>(
  options: T,
  fallback: T[number],
  description: string,
) {
  return z
    .enum(options, { error: `one of ${options.join('|')}` })
    .default(fallback as never)
    .describe(description);
}

/**
 * A boolean with a default.
 *
 * @example
 * boolField(true, 'A switch.').parse(undefined); // true
 */
export function boolField(fallback: boolean, description: string) {
  return z.boolean({ error: 'a boolean' }).default(fallback).describe(description);
}

/**
 * The same fields, each optional with its default kept for the JSON Schema (and the docs) but not
 * applied: a scenario's parsed model stays as written, and the models fill in the defaults.
 *
 * @example
 * z.object(withoutDefaults({ hidden: intField(16, 1, 512, 'Units.') })).parse({}); // {}
 */
export function withoutDefaults<S extends Record<string, z.ZodType>>(
  shape: S,
): { [K in keyof S]: z.ZodOptional<z.ZodType<z.output<S[K]>, z.input<S[K]>>> } {
  const out: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    out[key] =
      field instanceof z.ZodDefault
        ? (field.unwrap() as z.ZodType)
            .optional()
            .meta({ default: field.def.defaultValue, description: field.description })
        : field;
  }
  return out as { [K in keyof S]: z.ZodOptional<z.ZodType<z.output<S[K]>, z.input<S[K]>>> };
}
