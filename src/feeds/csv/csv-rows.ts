import { escapeText, InputError } from '../../core/index.ts';
import type { BadRowReporter } from '../bad-rows.ts';
import type { BadRowPolicy, GapHandler, RejectHandler } from '../bar-source.ts';
import type { ColumnOverrides } from '../column-map.ts';
import type { DuckDbSource } from '../columnar/duckdb-source.ts';
import type { BarTable } from './bar-table.ts';
import type { CsvRecord } from './csv-tokenizer.ts';

export interface CsvOptions {
  readonly columns?: ColumnOverrides;
  /** Keep only these symbols; an unknown one is an error. */
  readonly symbols?: readonly string[];
  /** Symbol for long files without a symbol column; default: the file name's stem, upper-cased. */
  readonly symbol?: string;
  /** `long`, `wide`, or `auto` (default): detected from the header, see `detectCsvFormat`. */
  readonly format?: 'auto' | 'long' | 'wide';
  readonly onBadRow?: BadRowPolicy;
  readonly onReject?: RejectHandler;
  /** Wide files: called for each run of missing cells of a symbol between two values. */
  readonly onGap?: GapHandler;
  /** IANA zone of timestamps written without one (default UTC). */
  readonly timezone?: string;
  /** DuckDB's memory limit while staging and sorting the bars (default `512MB`; it spills beyond). */
  readonly memoryLimit?: string;
}

/** What a layout's row reader works with. */
export interface CsvRowContext {
  readonly file: string;
  readonly header: readonly string[];
  readonly options: CsvOptions;
  readonly table: BarTable;
  readonly bad: BadRowReporter;
}

/** Checks the records of one layout and stages the good bars; `finish` opens the source. */
export interface CsvRows {
  add(record: CsvRecord): void;
  finish(): Promise<DuckDbSource>;
}

/**
 * The ids of the symbols to stream: all that have bars, or the requested ones.
 *
 * @throws {InputError} a requested symbol the file does not have, listing those it has.
 */
export function keptSymbolIds(
  names: readonly string[],
  hasBars: (id: number) => boolean,
  wanted: readonly string[] | undefined,
  file: string,
): number[] {
  const have = names.map((_, id) => id).filter(hasBars);
  if (wanted === undefined || wanted.length === 0) return have;
  const byName = new Map(have.map((id) => [names[id] as string, id]));
  const missing = wanted.filter((s) => !byName.has(s));
  if (missing.length > 0)
    throw new InputError(
      `${file}: symbol ${missing.map((s) => escapeText(s, 40)).join(', ')} not found; the file has ${[
        ...byName.keys(),
      ]
        .sort()
        .map((s) => escapeText(s, 40))
        .join(', ')}`,
    );
  return [...new Set(wanted)].map((s) => byName.get(s) as number);
}

/** A number cell: NaN when absent or empty. */
export function numberCell(cells: readonly string[], i: number): number {
  if (i < 0) return Number.NaN;
  const c = cells[i];
  return c === undefined || c.trim() === '' ? Number.NaN : Number(c);
}
