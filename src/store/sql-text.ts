import { InvariantError } from '../core/index.ts';

/**
 * A SQL string literal: the value in single quotes, inner quotes doubled.
 *
 * @example
 * sqlString("O'Neil"); // "'O''Neil'"
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A SQL identifier: the name in double quotes, inner quotes doubled.
 *
 * @example
 * sqlIdent('a"b'); // '"a""b"'
 */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * `AND <column> IN (...)` for a list of values, or nothing when the list is undefined (no
 * filter). An empty list matches nothing.
 *
 * @example
 * symbolFilter(['DAX', 'SMI']); // " AND symbol IN ('DAX', 'SMI')"
 */
export function symbolFilter(symbols: readonly string[] | undefined, column = 'symbol'): string {
  if (symbols === undefined) return '';
  if (symbols.length === 0) return ' AND FALSE';
  return ` AND ${column} IN (${symbols.map(sqlString).join(', ')})`;
}

/**
 * A positive integer to splice into SQL text (window frames and strides cannot be bound).
 *
 * @throws {InvariantError} when the value is not a positive safe integer.
 */
export function sqlInt(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new InvariantError(`${name} must be a positive integer, got ${value} (${typeof value})`);
  return value;
}
