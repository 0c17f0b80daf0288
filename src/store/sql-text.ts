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

/**
 * The `runs.symbols` text of a list of symbols: comma-separated as before when no symbol holds a
 * comma, else a JSON array (symbols are data: a comma in one must not split it).
 *
 * @example
 * symbolsText(['DAX', 'SMI']); // 'DAX,SMI'
 * symbolsText(['A,B', 'C']);  // '["A,B","C"]'
 */
export function symbolsText(symbols: readonly string[]): string {
  return symbols.some((s) => s.includes(',') || s.startsWith('['))
    ? JSON.stringify(symbols)
    : symbols.join(',');
}

/**
 * The symbols of a `runs.symbols` text ({@link symbolsText}).
 *
 * @example
 * parseSymbolsText('["A,B","C"]'); // ['A,B', 'C']
 * parseSymbolsText('');            // []
 */
export function parseSymbolsText(text: string): string[] {
  if (text === '') return [];
  if (text.startsWith('[')) {
    try {
      const list = JSON.parse(text) as unknown;
      if (Array.isArray(list)) return list.map(String);
    } catch {
      // not JSON after all: a symbol that starts with '['
    }
  }
  return text.split(',');
}

/**
 * The F1 score as a SQL expression over three count columns: the same convention and the same
 * floating-point operations as `f1Score` in core/ (2PR/(P + R) when tp > 0, so every value
 * matches summary.json to the last bit; 0 when there are predicted or actual positives but no
 * true positive; NULL when 2·tp + fp + fn = 0). A test checks the two agree.
 *
 * @example
 * `SELECT ${f1Sql('tp', 'fp', 'fn')} AS f1 FROM counts`;
 */
export function f1Sql(tp: string, fp: string, fn: string): string {
  const precision = `${tp} / (${tp} + ${fp})`;
  const recall = `${tp} / (${tp} + ${fn})`;
  return `CASE WHEN ${tp} > 0 THEN (2 * (${precision}) * (${recall})) / ((${precision}) + (${recall})) WHEN 2 * ${tp} + ${fp} + ${fn} > 0 THEN 0::DOUBLE END`;
}
