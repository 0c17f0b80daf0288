import { type EpochMs, formatTs, InputError } from '../../core/index.ts';
import { createBadRowReporter } from '../bad-rows.ts';
import { COLUMN_ALIASES } from '../column-map.ts';
import { isMissingCell, numericColumns, tsColumn } from './csv-format.ts';
import { keepSymbols } from './csv-long.ts';
import type { CsvOptions, CsvText } from './csv-source.ts';
import { InMemorySource } from '../in-memory-source.ts';
import { parseTimestamp } from '../parse-timestamp.ts';
import { splitCsvLine } from './split-csv-line.ts';
import { SeriesBuilder } from '../symbol-series.ts';

/** Data rows looked at to decide which columns are symbols. */
const SAMPLE_ROWS = 50;

/**
 * Reads a wide CSV — a timestamp column and one close-price column per symbol, named after the
 * symbol (`date,AAPL,MSFT`) — into a close-only source. Columns without a number in the first 50
 * rows are not symbols and are ignored. An empty or `NA`-like cell (see `MISSING_CELLS`) is a
 * missing bar: after the symbol's first value, each run of missing cells is reported to
 * `onGap`. Any other cell that is not a finite positive number is a bad row for that symbol;
 * a row with a bad timestamp, a wrong field count, or a time not after the previous row's, is a
 * bad row for every symbol.
 *
 * @throws {InputError} no timestamp or symbol column, unknown symbol, bad row (policy fail).
 * @throws {DataError} duplicate or backwards time, non-positive price (policy fail).
 * @example
 * readWideCsv(readCsvText('prices.csv'), {}).symbols; // ['AAPL', 'MSFT']
 */
export function readWideCsv(text: CsvText, options: CsvOptions): InMemorySource {
  const { file, lines, headerIndex, header } = text;
  const columns = options.columns ?? {};
  const ts = tsColumn(
    header.map((h) => h.trim().toLowerCase()),
    columns,
  );
  if (ts < 0) {
    const expected =
      columns.ts !== undefined
        ? `\`${columns.ts}\` (data.columns.ts)`
        : `one of ${COLUMN_ALIASES.ts.join(', ')}`;
    throw new InputError(
      `${file}: no timestamp column (expected ${expected}); the header is: ${header.join(', ')}`,
    );
  }
  const sample: string[][] = [];
  for (let li = headerIndex + 1; li < lines.length && sample.length < SAMPLE_ROWS; li++)
    if ((lines[li] as string).trim() !== '') sample.push(splitCsvLine(lines[li] as string));
  const symbolCols = numericColumns(header, sample, ts);
  if (symbolCols.length === 0)
    throw new InputError(
      `${file}: a wide file needs one numeric column per symbol; none of ${header.filter((_, i) => i !== ts).join(', ') || '(no other column)'} holds numbers in the first rows`,
    );
  const builders = symbolCols.map((c) => new SeriesBuilder((header[c] as string).trim()));
  const missing = symbolCols.map(() => 0);
  const bad = createBadRowReporter(file, options.onBadRow ?? 'fail', options.onReject);
  let lastTs = Number.NEGATIVE_INFINITY;
  let lastLine = 0;
  let values = 0;

  for (let li = headerIndex + 1; li < lines.length; li++) {
    const raw = lines[li] as string;
    if (raw.trim() === '') continue;
    const line = li + 1;
    const cells = splitCsvLine(raw);
    if (cells.length !== header.length) {
      bad(line, `expected ${header.length} fields, got ${cells.length}`, 'input');
      continue;
    }
    const t = parseTimestamp(cells[ts] as string);
    if (Number.isNaN(t)) {
      bad(
        line,
        `${header[ts]} is \`${cells[ts]}\`, not a timestamp (expected YYYY-MM-DD, YYYYMMDD, ISO-8601 or epoch seconds/milliseconds)`,
        'input',
      );
      continue;
    }
    if (t <= lastTs) {
      bad(
        line,
        `${t === lastTs ? 'duplicate timestamp' : 'timestamps go backwards'}: ${formatTs(t)} after ${formatTs(lastTs)} (line ${lastLine}); rows of a wide file must increase in time`,
        'data',
      );
      continue;
    }
    lastTs = t;
    lastLine = line;
    for (let k = 0; k < symbolCols.length; k++) {
      const cell = cells[symbolCols[k] as number] as string;
      const b = builders[k] as SeriesBuilder;
      if (isMissingCell(cell)) {
        if (b.length > 0) missing[k] = (missing[k] as number) + 1;
        continue;
      }
      const close = Number(cell);
      if (!Number.isFinite(close) || close <= 0) {
        bad(
          line,
          `${b.symbol} is \`${cell.trim()}\`, expected a finite positive number`,
          Number.isNaN(close) ? 'input' : 'data',
        );
        continue;
      }
      if ((missing[k] as number) > 0) {
        reportGap(options, file, b.symbol, b.lastTs as EpochMs, t, missing[k] as number);
        missing[k] = 0;
      }
      b.push(t, Number.NaN, Number.NaN, Number.NaN, close, Number.NaN);
      values++;
    }
  }
  if (values === 0) throw new InputError(`${file} has a header but no usable rows`);
  return new InMemorySource(
    file,
    keepSymbols(
      builders.filter((b) => b.length > 0).map((b) => b.build()),
      options.symbols,
      file,
    ),
  );
}

function reportGap(
  options: CsvOptions,
  file: string,
  symbol: string,
  fromTs: EpochMs,
  toTs: EpochMs,
  rows: number,
): void {
  if (
    options.symbols !== undefined &&
    options.symbols.length > 0 &&
    !options.symbols.includes(symbol)
  )
    return;
  options.onGap?.({
    source: file,
    symbol,
    fromTs,
    toTs,
    missingRows: rows,
    medianSpacingMs: null,
    message: `${symbol}: no value in ${rows} row${rows === 1 ? '' : 's'} between ${formatTs(fromTs)} and ${formatTs(toTs)}`,
  });
}
