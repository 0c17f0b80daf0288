import { type EpochMs, escapeText, formatTs, InputError } from '../../core/index.ts';
import { COLUMN_ALIASES } from '../column-map.ts';
import type { DuckDbSource } from '../columnar/duckdb-source.ts';
import { describeHeader, hasControlCharacter, shown } from '../input-text.ts';
import { parseTimestamp } from '../parse-timestamp.ts';
import { isMissingCell, numericColumns, tsColumn } from './csv-format.ts';
import { type CsvRowContext, type CsvRows, keptSymbolIds } from './csv-rows.ts';
import type { CsvRecord } from './csv-tokenizer.ts';

/**
 * Checks the rows of a wide CSV — a timestamp column and one close-price column per symbol,
 * named after the symbol (`date,AAPL,MSFT`) — and stages the good values as close-only bars.
 * Columns without a number in the sample rows (the first 50) are not symbols and are ignored.
 * An empty or `NA`-like cell (see `MISSING_CELLS`) is a missing bar: after the symbol's first
 * value, each run of missing cells is reported to `onGap`. Any other cell that is not a finite
 * positive number is a bad row for that symbol; a row with a bad timestamp, a wrong field count,
 * or a time not after the previous row's, is a bad row for every symbol.
 *
 * @throws {InputError} no timestamp or symbol column, a symbol column named twice, empty or with
 * control characters (when created); no usable row, unknown symbol (finish).
 * @example
 * const rows = new WideCsvRows(context, sample);
 * rows.add({ line: 2, cells: ['2024-01-02', '185.64', '370.87'] });
 */
export class WideCsvRows implements CsvRows {
  private readonly ctx: CsvRowContext;
  private readonly ts: number;
  private readonly symbolCols: number[];
  private readonly names: string[];
  private readonly keep: boolean[];
  private readonly values: number[];
  private readonly lastTs: number[];
  private readonly missing: number[];
  private readonly tsName: string;
  private prevTs = Number.NEGATIVE_INFINITY;
  private prevLine = 0;
  private total = 0;

  constructor(ctx: CsvRowContext, sample: readonly (readonly string[])[]) {
    this.ctx = ctx;
    const { file, header, options } = ctx;
    const columns = options.columns ?? {};
    this.ts = tsColumn(
      header.map((h) => h.trim().toLowerCase()),
      columns,
    );
    if (this.ts < 0) {
      const expected =
        columns.ts !== undefined
          ? `\`${escapeText(columns.ts)}\` (data.columns.ts)`
          : `one of ${COLUMN_ALIASES.ts.join(', ')}`;
      throw new InputError(
        `${file}: no timestamp column (expected ${expected}); the header is: ${describeHeader(header)}`,
      );
    }
    this.symbolCols = numericColumns(header, sample, this.ts);
    if (this.symbolCols.length === 0)
      throw new InputError(
        `${file}: a wide file needs one numeric column per symbol; none of ${describeHeader(header.filter((_, i) => i !== this.ts)) || '(no other column)'} holds numbers in the first rows`,
      );
    this.names = this.symbolCols.map((c) => (header[c] as string).trim());
    this.checkNames();
    const wanted = options.symbols;
    this.keep = this.names.map(
      (s) => wanted === undefined || wanted.length === 0 || wanted.includes(s),
    );
    this.values = this.names.map(() => 0);
    this.lastTs = this.names.map(() => Number.NaN);
    this.missing = this.names.map(() => 0);
    this.tsName = escapeText(header[this.ts] as string, 60);
  }

  add(record: CsvRecord): void {
    const { cells, line } = record;
    const { bad, header, table } = this.ctx;
    if (cells.length !== header.length) {
      bad(line, `expected ${header.length} fields, got ${cells.length}`, 'input');
      return;
    }
    const tsText = cells[this.ts] as string;
    const t = parseTimestamp(tsText, this.ctx.options.timezone);
    if (Number.isNaN(t)) {
      bad(
        line,
        `${this.tsName} is \`${shown(tsText)}\`, not a timestamp (expected YYYY-MM-DD, YYYYMMDD, ISO-8601 or epoch seconds/milliseconds)`,
        'input',
      );
      return;
    }
    if (t <= this.prevTs) {
      bad(
        line,
        `${t === this.prevTs ? 'duplicate timestamp' : 'timestamps go backwards'}: ${formatTs(t)} after ${formatTs(this.prevTs)} (line ${this.prevLine}); rows of a wide file must increase in time`,
        'data',
      );
      return;
    }
    this.prevTs = t;
    this.prevLine = line;
    for (let k = 0; k < this.symbolCols.length; k++) {
      const cell = cells[this.symbolCols[k] as number] as string;
      if (isMissingCell(cell)) {
        if ((this.values[k] as number) > 0) this.missing[k] = (this.missing[k] as number) + 1;
        continue;
      }
      const close = Number(cell);
      if (!Number.isFinite(close) || close <= 0) {
        bad(
          line,
          `${shown(this.names[k] as string)} is \`${shown(cell.trim())}\`, expected a finite positive number`,
          Number.isNaN(close) ? 'input' : 'data',
        );
        continue;
      }
      if ((this.missing[k] as number) > 0) {
        this.reportGap(k, t);
        this.missing[k] = 0;
      }
      this.values[k] = (this.values[k] as number) + 1;
      this.lastTs[k] = t;
      this.total++;
      if (this.keep[k])
        table.append(line, t, k, close, Number.NaN, Number.NaN, Number.NaN, Number.NaN);
    }
  }

  async finish(): Promise<DuckDbSource> {
    const { file, options, table, bad } = this.ctx;
    if (this.total === 0) throw new InputError(`${file} has a header but no usable rows`);
    const keep = keptSymbolIds(
      this.names,
      (k) => (this.values[k] as number) > 0,
      options.symbols,
      file,
    );
    // Rows come in time order; within a row, bars follow the columns.
    const kept = this.names.filter((_, k) => this.keep[k]);
    const inOrder = kept.every((name, i) => i === 0 || (kept[i - 1] as string) < name);
    return table.toSource(file, this.names, keep, bad, inOrder);
  }

  /** Symbols must be distinct, non-empty and printable: they become ENUM values and labels. */
  private checkNames(): void {
    const { file } = this.ctx;
    const seen = new Map<string, number>();
    this.names.forEach((name, k) => {
      const col = (this.symbolCols[k] as number) + 1;
      if (name === '')
        throw new InputError(
          `${file}: column ${col} holds numbers but has no name (a wide file names each symbol's column)`,
        );
      if (hasControlCharacter(name))
        throw new InputError(
          `${file}: column ${col} is named \`${escapeText(name)}\`, which contains a control character (symbols must be printable)`,
        );
      const other = seen.get(name);
      if (other !== undefined)
        throw new InputError(
          `${file}: columns ${other} and ${col} are both named \`${escapeText(name)}\`; a wide file needs one column per symbol`,
        );
      seen.set(name, col);
    });
  }

  private reportGap(k: number, toTs: number): void {
    if (!this.keep[k]) return;
    const symbol = this.names[k] as string;
    const rows = this.missing[k] as number;
    const fromTs = this.lastTs[k] as EpochMs;
    this.ctx.options.onGap?.({
      source: this.ctx.file,
      symbol,
      fromTs,
      toTs: toTs as EpochMs,
      missingRows: rows,
      medianSpacingMs: null,
      message: `${symbol}: no value in ${rows} row${rows === 1 ? '' : 's'} between ${formatTs(fromTs)} and ${formatTs(toTs)}`,
    });
  }
}
