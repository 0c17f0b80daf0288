import { escapeText, InputError } from '../core/index.ts';
import { describeHeader } from './input-text.ts';

/** Recognised column names (case-insensitive), first match wins. */
export const COLUMN_ALIASES = {
  ts: ['ts', 'time', 'timestamp', 'date', 'datetime'],
  symbol: ['symbol', 'ticker', 'instrument'],
  close: ['close', 'price', 'last'],
  open: ['open'],
  high: ['high'],
  low: ['low'],
  volume: ['volume', 'vol'],
} as const;

export type ColumnRole = keyof typeof COLUMN_ALIASES;

/** Explicit column names from a scenario, overriding the aliases. */
export type ColumnOverrides = { readonly [K in ColumnRole]?: string | undefined };

/** Index of each role's column in the header; -1 when absent (only ts and close are required). */
export type ColumnMap = Record<ColumnRole, number>;

/**
 * Finds the columns of a header row, by explicit override or by the common aliases.
 *
 * @throws {InputError} when the timestamp or price column is missing, naming the file, what was
 * expected and the header that was found.
 * @example
 * mapColumns(['Date', 'Ticker', 'Close'], {}, 'a.csv'); // { ts: 0, symbol: 1, close: 2, open: -1, … }
 */
export function mapColumns(
  header: readonly string[],
  overrides: ColumnOverrides,
  file: string,
): ColumnMap {
  const lower = header.map((h) => h.trim().toLowerCase());
  const find = (role: ColumnRole): number => {
    const explicit = overrides[role];
    if (explicit !== undefined) {
      const i = lower.indexOf(explicit.toLowerCase());
      if (i < 0)
        throw new InputError(
          `${file}: column \`${escapeText(explicit)}\` (data.columns.${role}) is not in the header: ${describeHeader(header)}`,
        );
      return i;
    }
    for (const alias of COLUMN_ALIASES[role]) {
      const i = lower.indexOf(alias);
      if (i >= 0) return i;
    }
    return -1;
  };
  const map = Object.fromEntries(
    (Object.keys(COLUMN_ALIASES) as ColumnRole[]).map((r) => [r, find(r)]),
  ) as ColumnMap;
  for (const role of ['ts', 'close'] as const) {
    if (map[role] < 0) {
      throw new InputError(
        `${file}: no ${role === 'ts' ? 'timestamp' : 'price'} column (expected one of ${COLUMN_ALIASES[role].join(', ')}); the header is: ${describeHeader(header)}`,
      );
    }
  }
  return map;
}
