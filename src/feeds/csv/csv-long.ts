import { basename, extname } from 'node:path';
import { formatTs, InputError } from '../../core/index.ts';
import { createBadRowReporter } from '../bad-rows.ts';
import { mapColumns } from '../column-map.ts';
import type { CsvOptions, CsvText } from './csv-source.ts';
import { InMemorySource } from '../in-memory-source.ts';
import { parseTimestamp } from '../parse-timestamp.ts';
import { splitCsvLine } from './split-csv-line.ts';
import { SeriesBuilder, type SymbolSeries } from '../symbol-series.ts';

/**
 * Reads a long-format CSV (one row per symbol and time) into a source. Rows of different
 * symbols may interleave in any way; within one symbol, time must increase.
 *
 * @throws {InputError} missing column, unknown symbol, no usable row, bad row (policy fail).
 * @throws {DataError} duplicate or backwards time, non-positive price (policy fail).
 * @example
 * readLongCsv(readCsvText('data/msft-2000-2001.csv'), {}).symbols; // ['MSFT']
 */
export function readLongCsv(text: CsvText, options: CsvOptions): InMemorySource {
  const { file, lines, headerIndex, header } = text;
  const cols = mapColumns(header, options.columns ?? {}, file);
  const fallbackSymbol = options.symbol ?? basename(file, extname(file)).toUpperCase();
  const bad = createBadRowReporter(file, options.onBadRow ?? 'fail', options.onReject);
  const builders = new Map<string, SeriesBuilder>();
  const lastLine = new Map<string, number>();
  const num = (cells: string[], i: number): number =>
    i < 0 || cells[i] === undefined || cells[i]?.trim() === '' ? Number.NaN : Number(cells[i]);
  let rows = 0;

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
      bad(
        line,
        `${header[cols.ts]} is \`${tsText}\`, not a timestamp (expected YYYY-MM-DD, YYYYMMDD, ISO-8601 or epoch seconds/milliseconds)`,
        'input',
      );
      continue;
    }
    const closeText = (cells[cols.close] as string).trim();
    const close = closeText === '' ? Number.NaN : Number(closeText);
    if (!Number.isFinite(close) || close <= 0) {
      bad(
        line,
        `${header[cols.close]} is \`${closeText}\`, expected a finite positive number`,
        Number.isNaN(close) ? 'input' : 'data',
      );
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
      bad(
        line,
        `${what} for ${symbol}: ${formatTs(ts)} after ${formatTs(b.lastTs)} (line ${lastLine.get(symbol)}); timestamps must increase within a symbol`,
        'data',
      );
      continue;
    }
    b.push(
      ts,
      num(cells, cols.open),
      num(cells, cols.high),
      num(cells, cols.low),
      close,
      num(cells, cols.volume),
    );
    lastLine.set(symbol, line);
    rows++;
  }
  if (rows === 0) throw new InputError(`${file} has a header but no usable rows`);
  return new InMemorySource(
    file,
    keepSymbols(
      [...builders.values()].map((b) => b.build()),
      options.symbols,
      file,
    ),
  );
}

/** Keeps the requested symbols (all when none are requested). */
export function keepSymbols(
  series: SymbolSeries[],
  wanted: readonly string[] | undefined,
  file: string,
): SymbolSeries[] {
  if (wanted === undefined || wanted.length === 0) return series;
  const have = new Set(series.map((s) => s.symbol));
  const missing = wanted.filter((s) => !have.has(s));
  if (missing.length > 0)
    throw new InputError(
      `${file}: symbol ${missing.join(', ')} not found; the file has ${[...have].sort().join(', ')}`,
    );
  const keep = new Set(wanted);
  return series.filter((s) => keep.has(s.symbol));
}
