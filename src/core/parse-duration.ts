import { InputError } from './errors.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a command-line duration (`500ms`, `1s`, `1m`, `4h`, `1d`; a bare number is ms) into
 * milliseconds.
 *
 * @throws {InputError} naming the option and the value.
 * @example
 * parseDuration('1m', '--interval'); // 60000
 */
export function parseDuration(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (m === null)
    throw new InputError(
      `Expected ${option} to be a duration like 500ms, 1s, 1m or 1h, got \`${text}\``,
    );
  return Math.round(Number(m[1]) * (UNITS[m[2] ?? 'ms'] as number));
}
