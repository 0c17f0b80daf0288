/**
 * Error classes that callers branch on. Only `cli/` catches at the top level: it prints the
 * message and exits with 2 for {@link InputError}, 1 for anything else.
 *
 * Message shape: what was expected, what was got, and where.
 *
 * @example
 * throw new InputError('Expected `label.horizon` to be an integer >= 1, got `0` (number) in scenarios/a.yaml');
 */
export class AppError extends Error {
  readonly code: string = 'APP_ERROR';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad scenario, CLI argument, config or file row. Always user-fixable. */
export class InputError extends AppError {
  override readonly code = 'INPUT_ERROR';
}

/** A feed broke an invariant (time going backwards, NaN or negative price, duplicate bar). */
export class DataError extends AppError {
  override readonly code = 'DATA_ERROR';
}

/** Wraps a DuckDB error and says what was being done. */
export class StoreError extends AppError {
  override readonly code = 'STORE_ERROR';
}

/** A programmer bug: an invariant that must never break did. */
export class InvariantError extends AppError {
  override readonly code = 'INVARIANT_ERROR';
}

/**
 * Throws an {@link InvariantError} when `condition` is false.
 *
 * @example
 * assert(next >= prev, () => `time must be non-decreasing: got ${next} after ${prev}`);
 */
export function assert(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new InvariantError(typeof message === 'string' ? message : message());
}

/** Renders a value with its type for error messages: `-1` (number). */
export function describeValue(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let text: string;
  try {
    text =
      typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  } catch {
    text = String(value);
  }
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return `\`${text}\` (${type})`;
}
