import { basename } from 'node:path';
import { escapeText, formatTs, InputError } from '../../core/index.ts';
import { type ColumnMap, mapColumns } from '../column-map.ts';
import type { DuckDbSource } from '../columnar/duckdb-source.ts';
import { controlCharacterReason, hasControlCharacter, shown } from '../input-text.ts';
import { parseTimestamp } from '../parse-timestamp.ts';
import { type CsvRowContext, type CsvRows, keptSymbolIds, numberCell } from './csv-rows.ts';
import type { CsvRecord } from './csv-tokenizer.ts';

const TS_HINT =
  'not a timestamp (expected YYYY-MM-DD, YYYYMMDD, ISO-8601 or epoch seconds/milliseconds)';

interface SymbolState {
  readonly id: number;
  bars: number;
  lastTs: number;
  lastLine: number;
}

/**
 * Checks the rows of a long-format CSV (one row per symbol and time) and stages the good bars.
 * Rows of different symbols may interleave in any way; within one symbol, time must increase.
 * Bad rows — a wrong number of fields, an unreadable timestamp, a price that is not a finite
 * positive number, an empty symbol or one with control characters, a repeated or earlier time
 * within a symbol — go to the bad-row reporter with their line. Holds one small record per
 * symbol, whatever the number of rows.
 *
 * @throws {InputError} missing column (when created), no usable row, unknown symbol (finish).
 * @example
 * const rows = new LongCsvRows(context);
 * rows.add({ line: 2, cells: ['2024-01-02', 'A', '10'] });
 * const source = await rows.finish();
 */
export class LongCsvRows implements CsvRows {
  private readonly ctx: CsvRowContext;
  private readonly cols: ColumnMap;
  private readonly names: string[] = [];
  private readonly header: string[];
  private readonly fallback: string;
  private readonly symbols = new Map<string, SymbolState>();
  private readonly wanted: ReadonlySet<string> | null;
  private readonly zone: string | undefined;
  /** Bars appended so far came in (time, symbol) order: no sort is needed. */
  private inOrder = true;
  private appendedTs = Number.NEGATIVE_INFINITY;
  private appendedSymbol = '';
  private lastTsText = '';
  private lastTsValue = Number.NaN;
  private rows = 0;

  constructor(ctx: CsvRowContext) {
    this.ctx = ctx;
    this.cols = mapColumns(ctx.header, ctx.options.columns ?? {}, ctx.file);
    this.header = ctx.header.map((h) => escapeText(h, 60));
    this.fallback = ctx.options.symbol ?? fileStem(ctx.file).toUpperCase();
    if (this.cols.symbol < 0 && hasControlCharacter(this.fallback))
      throw new InputError(
        `${ctx.file}: the symbol taken from the file name, \`${escapeText(this.fallback)}\`, contains a control character; name it with data.symbol`,
      );
    const wanted = ctx.options.symbols;
    this.wanted = wanted !== undefined && wanted.length > 0 ? new Set(wanted) : null;
    this.zone = ctx.options.timezone;
  }

  /** True when the file has an open, high, low or volume column (else bars are close-only). */
  static hasOhlcv(cols: ColumnMap): boolean {
    return cols.open >= 0 || cols.high >= 0 || cols.low >= 0 || cols.volume >= 0;
  }

  add(record: CsvRecord): void {
    const { cells, line } = record;
    const { bad } = this.ctx;
    const cols = this.cols;
    if (cells.length !== this.header.length) {
      bad(line, `expected ${this.header.length} fields, got ${cells.length}`, 'input');
      return;
    }
    const tsText = cells[cols.ts] as string;
    if (tsText !== this.lastTsText) {
      this.lastTsText = tsText;
      this.lastTsValue = parseTimestamp(tsText, this.zone);
    }
    const ts = this.lastTsValue;
    if (Number.isNaN(ts)) {
      bad(line, `${this.header[cols.ts]} is \`${shown(tsText)}\`, ${TS_HINT}`, 'input');
      return;
    }
    const closeText = (cells[cols.close] as string).trim();
    const close = closeText === '' ? Number.NaN : Number(closeText);
    if (!Number.isFinite(close) || close <= 0) {
      const why = `${this.header[cols.close]} is \`${shown(closeText)}\`, expected a finite positive number`;
      bad(line, why, Number.isNaN(close) ? 'input' : 'data');
      return;
    }
    const symbol = cols.symbol >= 0 ? (cells[cols.symbol] as string).trim() : this.fallback;
    let s = this.symbols.get(symbol);
    if (s === undefined) {
      if (symbol === '') {
        bad(line, `${this.header[cols.symbol]} is empty`, 'input');
        return;
      }
      if (hasControlCharacter(symbol)) {
        bad(line, controlCharacterReason(this.header[cols.symbol] as string, symbol), 'input');
        return;
      }
      s = { id: this.names.length, bars: 0, lastTs: Number.NEGATIVE_INFINITY, lastLine: 0 };
      this.symbols.set(symbol, s);
      this.names.push(symbol);
    }
    if (ts <= s.lastTs) {
      const what = ts === s.lastTs ? 'duplicate bar' : 'timestamps go backwards';
      bad(
        line,
        `${what} for ${shown(symbol)}: ${formatTs(ts)} after ${formatTs(s.lastTs)} (line ${s.lastLine}); timestamps must increase within a symbol`,
        'data',
      );
      return;
    }
    s.lastTs = ts;
    s.lastLine = line;
    s.bars++;
    this.rows++;
    if (this.wanted !== null && !this.wanted.has(symbol)) return;
    if (ts < this.appendedTs || (ts === this.appendedTs && symbol <= this.appendedSymbol))
      this.inOrder = false;
    this.appendedTs = ts;
    this.appendedSymbol = symbol;
    this.ctx.table.append(
      line,
      ts,
      s.id,
      close,
      numberCell(cells, cols.open),
      numberCell(cells, cols.high),
      numberCell(cells, cols.low),
      numberCell(cells, cols.volume),
    );
  }

  async finish(): Promise<DuckDbSource> {
    const { file, options, table, bad } = this.ctx;
    if (this.rows === 0) throw new InputError(`${file} has a header but no usable rows`);
    const keep = keptSymbolIds(
      this.names,
      (id) => (this.symbols.get(this.names[id] as string)?.bars ?? 0) > 0,
      options.symbols,
      file,
    );
    return table.toSource(file, this.names, keep, bad, this.inOrder);
  }
}

/** A file's name without its extensions (`msft.csv.gz` → `msft`). */
export function fileStem(file: string): string {
  const name = basename(file);
  const stem = name.replace(/\.gz$/i, '');
  const dot = stem.lastIndexOf('.');
  return dot > 0 ? stem.slice(0, dot) : stem;
}
