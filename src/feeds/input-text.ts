import { escapeText } from '../core/index.ts';

// C0 and C1 control characters and DEL: a symbol is a name, and DuckDB's ENUM types, terminals
// and report pages must not receive them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** True when a symbol holds a control character (NUL, ESC, a line break, …). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** The reason a symbol with control characters is refused, with the symbol escaped. */
export function controlCharacterReason(column: string, symbol: string): string {
  return `${column} is \`${escapeText(symbol)}\`, which contains a control character (symbols must be printable)`;
}

/** A header for messages: each name escaped, at most 30 names. */
export function describeHeader(header: readonly string[]): string {
  const names = header.slice(0, 30).map((h) => escapeText(h, 40));
  return header.length > 30
    ? `${names.join(', ')}, … (${header.length} columns)`
    : names.join(', ');
}

/** Cells for messages: escaped (control characters) and cut when long. */
export function shown(text: string): string {
  return escapeText(text, 80);
}
