import { InputError } from '../../core/index.ts';
import { type BadRowReporter, createBadRowReporter } from '../bad-rows.ts';
import { mapColumns } from '../column-map.ts';
import type { DuckDbSource } from '../columnar/duckdb-source.ts';
import { BarTable } from './bar-table.ts';
import { type CsvFormat, detectCsvFormat } from './csv-format.ts';
import { LongCsvRows } from './csv-long.ts';
import { readCsvRecords } from './csv-records.ts';
import type { CsvOptions, CsvRowContext, CsvRows } from './csv-rows.ts';
import { type CsvItem, type CsvRecord, CsvTokenizer } from './csv-tokenizer.ts';
import { WideCsvRows } from './csv-wide.ts';

export type { CsvOptions } from './csv-rows.ts';

/** A CSV file opened as a source: its bars (staged in DuckDB), and the layout it was read as. */
export type CsvSource = DuckDbSource & {
  readonly layout: CsvFormat;
  /** Bars that will be streamed (the good rows of the kept symbols). */
  readonly size: number;
  /** The delimiter found in the header: `,`, `;` or a tab. */
  readonly delimiter: string;
};

/** Data rows looked at to detect the layout (and a wide file's symbol columns). */
const SAMPLE_ROWS = 50;

/**
 * Opens a CSV file as a time-ordered source, reading it as a stream in bounded memory whatever
 * its size: records are split and checked in JavaScript 64 KiB at a time (exact line numbers,
 * quoted fields with line breaks, `,` `;` or tab detected from the header, gzip by content or
 * `.gz`), and the good bars are staged in a private DuckDB that sorts them (spilling to disk past
 * `memoryLimit`) and streams them back chunk by chunk. Two layouts:
 * - long: one row per symbol and time (`ts,symbol,close` or OHLCV; columns found by the common
 *   names of DESIGN.md, a single-symbol file may have no symbol column);
 * - wide: one column per symbol (`date,AAPL,MSFT,…`), detected when there is no symbol, price or
 *   OHLCV column and another column holds numbers, or forced with `format: 'wide'`.
 *
 * Bad rows — wrong field count, unparseable timestamp, a price that is not a finite positive
 * number, an empty symbol or one with control characters, time not increasing within a symbol,
 * an unclosed quote — stop the load with a message naming `file:line` (policy `fail`), or are
 * skipped and reported to `onReject` (policy `skip`), all before the source is returned.
 * `close()` releases DuckDB.
 *
 * @throws {InputError} missing or empty file, missing column, unknown symbol, bad row (fail).
 * @throws {DataError} timestamps not increasing within a symbol, non-positive price (fail).
 * @example
 * const src = await loadCsv('data/eu-stock-markets.csv', { symbols: ['DAX'] });
 * src.symbols; // ['DAX']
 * src.layout;  // 'long'
 * src.close();
 */
export async function loadCsv(file: string, options: CsvOptions = {}): Promise<CsvSource> {
  const tokenizer = new CsvTokenizer();
  const bad = createBadRowReporter(file, options.onBadRow ?? 'fail', options.onReject);
  let header: string[] | undefined;
  const sample: CsvItem[] = [];
  let records = 0;
  let rows: { reader: CsvRows; table: BarTable; layout: CsvFormat } | undefined;
  try {
    for await (const batch of readCsvRecords(file, tokenizer)) {
      for (const item of batch) {
        if (rows !== undefined) feed(rows.reader, item, bad);
        else if (header === undefined) {
          if ('error' in item) throw new InputError(`${file}:${item.line}: ${item.error}`);
          header = item.cells;
        } else {
          sample.push(item);
          if (!('error' in item) && ++records === SAMPLE_ROWS) {
            rows = await start(file, header, sample, options, bad);
            for (const s of sample.splice(0)) feed(rows.reader, s, bad);
          }
        }
      }
    }
    if (header === undefined) throw new InputError(`${file} is empty`);
    if (rows === undefined) {
      rows = await start(file, header, sample, options, bad);
      for (const s of sample.splice(0)) feed(rows.reader, s, bad);
    }
    const source = await rows.reader.finish();
    return Object.assign(source, {
      layout: rows.layout,
      size: source.rows,
      delimiter: tokenizer.delimiter ?? ',',
    });
  } catch (error) {
    rows?.table.close();
    throw error;
  }
}

function feed(reader: CsvRows, item: CsvItem, bad: BadRowReporter): void {
  if ('error' in item) bad(item.line, item.error, 'input');
  else reader.add(item);
}

/** Picks the layout from the header and sample, and opens the staging table for it. */
async function start(
  file: string,
  header: string[],
  sample: readonly CsvItem[],
  options: CsvOptions,
  bad: BadRowReporter,
): Promise<{ reader: CsvRows; table: BarTable; layout: CsvFormat }> {
  const cells = sample.filter((s): s is CsvRecord => !('error' in s)).map((s) => s.cells);
  const layout =
    (options.format ?? 'auto') === 'auto'
      ? detectCsvFormat(header, cells, options.columns ?? {})
      : (options.format as CsvFormat);
  // Column checks (which throw) come before DuckDB is opened.
  const ohlcv =
    layout === 'long' && LongCsvRows.hasOhlcv(mapColumns(header, options.columns ?? {}, file));
  const table = await BarTable.open(options.memoryLimit, ohlcv);
  try {
    const ctx: CsvRowContext = { file, header, options, table, bad };
    const reader = layout === 'wide' ? new WideCsvRows(ctx, cells) : new LongCsvRows(ctx);
    return { reader, table, layout };
  } catch (error) {
    table.close();
    throw error;
  }
}
