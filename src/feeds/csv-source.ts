import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { DataError, formatTs, InputError } from '../core/index.ts';
import type { BadRowPolicy, RejectHandler } from './bar-source.ts';
import { type ColumnOverrides, mapColumns } from './column-map.ts';
import { InMemorySource } from './in-memory-source.ts';
import { parseTimestamp } from './parse-timestamp.ts';
import { splitCsvLine } from './split-csv-line.ts';
import { SeriesBuilder } from './symbol-series.ts';

export interface CsvOptions {
  readonly columns?: ColumnOverrides;
  /** Keep only these symbols; an unknown one is an error. */
  readonly symbols?: readonly string[];
  /** Symbol for files without a symbol column; default: the file name's stem, upper-cased. */
  readonly symbol?: string;
  readonly onBadRow?: BadRowPolicy;
  readonly onReject?: RejectHandler;
}

/**
 * Loads a long-format CSV file (one row per symbol and time; columns found by the common names
 * of DESIGN.md) into memory and serves it as a merged, time-ordered source.
 *
 * Bad rows — wrong field count, unparseable timestamp, a price that is not a finite positive
 * number, time not increasing within a symbol — stop the load with a message naming
 * `file:line` (policy `fail`), or are skipped and reported to `onReject` (policy `skip`).
 *
 * @throws {InputError} missing or empty file, missing column, unknown symbol, bad row (fail).
 * @throws {DataError} timestamps not increasing within a symbol (fail).
 * @example
 * const src = loadCsv('data/eu-stock-markets.csv', { symbols: ['DAX'] });
 */
export function loadCsv(file: string, options: CsvOptions = {}): InMemorySource {
  if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(`data file not found: ${file}`);
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new InputError(`${file} is empty`);
  const header = splitCsvLine(lines[headerIndex] as string);
  const cols = mapColumns(header, options.columns ?? {}, file);
  const policy = options.onBadRow ?? 'fail';
  const fallbackSymbol = options.symbol ?? basename(file, extname(file)).toUpperCase();
  const builders = new Map<string, SeriesBuilder>();
  const lastLine = new Map<string, number>();
  let rows = 0;

  const bad = (line: number, reason: string, kind: 'input' | 'data'): void => {
    if (policy === 'fail') throw kind === 'input' ? new InputError(`${file}:${line}: ${reason}`) : new DataError(`${file}:${line}: ${reason}`);
    options.onReject?.({ type: 'reject', source: file, line, reason });
  };
  const num = (cells: string[], i: number): number => (i < 0 || cells[i] === undefined || cells[i]?.trim() === '' ? Number.NaN : Number(cells[i]));

  for (let li = headerIndex + 1; li < lines.length; li++) {
    const raw = lines[li] as string;
    if (raw.trim() === '') continue;
    const line = li + 1;
    const cells = splitCsvLine(raw);
    if (cells.length !== header.length) {
      bad(line, `expected ${header.length} fields, got ${cells.length}`, 'input');
      continue;
    }
    const tsText = cells[cols.ts] as string;
    const ts = parseTimestamp(tsText);
    if (Number.isNaN(ts)) {
      bad(line, `${header[cols.ts]} is \`${tsText}\`, not a timestamp (expected YYYY-MM-DD, ISO-8601 or epoch seconds/milliseconds)`, 'input');
      continue;
    }
    const closeText = (cells[cols.close] as string).trim();
    const close = closeText === '' ? Number.NaN : Number(closeText);
    if (!Number.isFinite(close) || close <= 0) {
      bad(line, `${header[cols.close]} is \`${closeText}\`, expected a finite positive number`, Number.isNaN(close) ? 'input' : 'data');
      continue;
    }
    const symbol = cols.symbol >= 0 ? (cells[cols.symbol] as string).trim() : fallbackSymbol;
    if (symbol === '') {
      bad(line, `${header[cols.symbol]} is empty`, 'input');
      continue;
    }
    let b = builders.get(symbol);
    if (b === undefined) {
      b = new SeriesBuilder(symbol);
      builders.set(symbol, b);
    }
    if (ts <= b.lastTs) {
      const what = ts === b.lastTs ? 'duplicate bar' : 'timestamps go backwards';
      bad(line, `${what} for ${symbol}: ${formatTs(ts)} after ${formatTs(b.lastTs)} (line ${lastLine.get(symbol)}); timestamps must increase within a symbol`, 'data');
      continue;
    }
    b.push(ts, num(cells, cols.open), num(cells, cols.high), num(cells, cols.low), close, num(cells, cols.volume));
    lastLine.set(symbol, line);
    rows++;
  }
  if (rows === 0) throw new InputError(`${file} has a header but no usable rows`);
  let series = [...builders.values()].map((b) => b.build());
  if (options.symbols !== undefined && options.symbols.length > 0) {
    const have = new Set(series.map((s) => s.symbol));
    const missing = options.symbols.filter((s) => !have.has(s));
    if (missing.length > 0) throw new InputError(`${file}: symbol ${missing.join(', ')} not found; the file has ${[...have].sort().join(', ')}`);
    const keep = new Set(options.symbols);
    series = series.filter((s) => keep.has(s.symbol));
  }
  return new InMemorySource(file, series);
}
