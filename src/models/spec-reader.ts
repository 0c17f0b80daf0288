import { describeValue, InputError } from '../core/index.ts';

/**
 * Reads fields of one plain config object with defaults, validating each and naming it by its
 * path in errors: "Expected `model.hidden` to be an integer in [1, 512], got `0` (number)".
 * `finish()` rejects fields that were never read (typos).
 *
 * @example
 * const r = new SpecReader({ hidden: 8 }, 'model');
 * r.int('hidden', 16, 1, 512); // 8
 * r.finish();
 */
export class SpecReader {
  readonly path: string;
  private readonly obj: Readonly<Record<string, unknown>>;
  private readonly read = new Set<string>();

  constructor(value: unknown, path: string) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new InputError(`Expected \`${path}\` to be an object, got ${describeValue(value)}`);
    }
    this.obj = value as Record<string, unknown>;
    this.path = path;
  }

  /** The raw value of a field (marked as read). */
  raw(key: string): unknown {
    this.read.add(key);
    return this.obj[key];
  }

  int(key: string, fallback: number, min: number, max: number): number {
    const v = this.raw(key) ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      this.fail(key, `an integer in [${min}, ${max}]`, v);
    return v as number;
  }

  /** A finite number with `min` (inclusive unless `openMin`) and optional `max` (inclusive). */
  number(
    key: string,
    fallback: number,
    min: number,
    opts: { openMin?: boolean; max?: number } = {},
  ): number {
    const v = this.raw(key) ?? fallback;
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (opts.openMin ? v > min : v >= min) &&
      (opts.max === undefined || v <= opts.max);
    if (!ok) {
      const range = `${opts.openMin ? '>' : '>='} ${min}${opts.max === undefined ? '' : ` and <= ${opts.max}`}`;
      this.fail(key, `a finite number ${range}`, v);
    }
    return v as number;
  }

  oneOf<T extends string>(key: string, fallback: T, options: readonly T[]): T {
    const v = this.raw(key) ?? fallback;
    if (!options.includes(v as T)) this.fail(key, `one of ${options.join('|')}`, v);
    return v as T;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.raw(key) ?? fallback;
    if (typeof v !== 'boolean') this.fail(key, 'a boolean', v);
    return v as boolean;
  }

  /** Path of a nested field, for nested readers. */
  at(key: string): string {
    return `${this.path}.${key}`;
  }

  fail(key: string, expected: string, value: unknown): never {
    throw new InputError(
      `Expected \`${this.at(key)}\` to be ${expected}, got ${describeValue(value)}`,
    );
  }

  /** Throws on fields that were never read. */
  finish(): void {
    const unknown = Object.keys(this.obj).filter((k) => !this.read.has(k));
    if (unknown.length > 0) {
      const known = [...this.read].sort().join(', ');
      throw new InputError(
        `Unknown field \`${this.at(unknown[0] as string)}\` (known fields: ${known})`,
      );
    }
  }
}
