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

/** Renders a value with its type for error messages: `-1` (number). Never echoes control characters raw. */
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
  return `\`${escapeText(text)}\` (${type})`;
}

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), line and paragraph separators, bidi
// controls and the byte-order mark: what could move the cursor, recolour or reorder a terminal.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Makes input text safe to quote in a one-line message: control characters, escape sequences'
 * introducers, bidi controls and line separators become visible escapes (`\x1b`, `\n`,
 * `\u202e`), and text longer than `maxChars` is cut (`…` and the full length follow). Printable
 * text, backslashes included, is left as it is.
 *
 * @example
 * escapeText('A\x1b[31mB\n'); // 'A\\x1b[31mB\\n'
 */
export function escapeText(text: string, maxChars = 120): string {
  let s = text;
  let tail = '';
  if (s.length > maxChars) {
    const cut = /[\ud800-\udbff]/.test(s.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    s = s.slice(0, cut);
    tail = `… (${text.length} chars)`;
  }
  return (
    s.replace(UNSAFE, (ch) => {
      const named = NAMED[ch];
      if (named !== undefined) return named;
      const code = ch.charCodeAt(0);
      return code < 0x100
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    }) + tail
  );
}
