import { existsSync, readFileSync, statSync } from 'node:fs';
import { InputError } from '../../core/index.ts';
import type { BadRowPolicy, GapHandler, RejectHandler } from '../bar-source.ts';
import type { ColumnOverrides } from '../column-map.ts';
import { readLongCsv } from './csv-long.ts';
import { type CsvFormat, detectCsvFormat } from './csv-format.ts';
import { readWideCsv } from './csv-wide.ts';
import type { InMemorySource } from '../in-memory-source.ts';
import { splitCsvLine } from './split-csv-line.ts';

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
}

/** A loaded CSV file: its bars, and the layout it was read as. */
export type CsvSource = InMemorySource & { readonly layout: CsvFormat };

/** A CSV file split into lines, with its header. */
export interface CsvText {
  readonly file: string;
  readonly lines: readonly string[];
  /** Index in `lines` of the header (the first non-blank line); line numbers are index + 1. */
  readonly headerIndex: number;
  readonly header: readonly string[];
}

/** Data rows looked at to detect the format. */
const SAMPLE_ROWS = 50;

/**
 * Loads a CSV file into memory and serves it as a merged, time-ordered source. Two layouts:
 * - long: one row per symbol and time (`ts,symbol,close` or OHLCV; columns found by the common
 *   names of DESIGN.md, a single-symbol file may have no symbol column);
 * - wide: one column per symbol (`date,AAPL,MSFT,…`), detected when there is no symbol, price or
 *   OHLCV column and another column holds numbers, or forced with `format: 'wide'`.
 *
 * Bad rows — wrong field count, unparseable timestamp, a price that is not a finite positive
 * number, time not increasing within a symbol — stop the load with a message naming
 * `file:line` (policy `fail`), or are skipped and reported to `onReject` (policy `skip`).
 *
 * @throws {InputError} missing or empty file, missing column, unknown symbol, bad row (fail).
 * @throws {DataError} timestamps not increasing within a symbol, non-positive price (fail).
 * @example
 * const src = loadCsv('data/eu-stock-markets.csv', { symbols: ['DAX'] });
 * src.symbols; // ['DAX']
 * src.layout;  // 'long'
 */
export function loadCsv(file: string, options: CsvOptions = {}): CsvSource {
  const text = readCsvText(file);
  const format = options.format ?? 'auto';
  const sample = text.lines
    .slice(text.headerIndex + 1)
    .filter((l) => l.trim() !== '')
    .slice(0, SAMPLE_ROWS)
    .map(splitCsvLine);
  const resolved =
    format === 'auto' ? detectCsvFormat(text.header, sample, options.columns ?? {}) : format;
  const source = resolved === 'wide' ? readWideCsv(text, options) : readLongCsv(text, options);
  return Object.assign(source, { layout: resolved });
}

/** Reads a CSV file's lines and header. */
export function readCsvText(file: string): CsvText {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new InputError(`data file not found: ${file}`);
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new InputError(`${file} is empty`);
  const header = splitCsvLine((lines[headerIndex] as string).replace(/^\uFEFF/, ''));
  return { file, lines, headerIndex, header };
}
