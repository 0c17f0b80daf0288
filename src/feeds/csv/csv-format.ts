import { COLUMN_ALIASES, type ColumnOverrides } from '../column-map.ts';

/** Layout of a CSV file: one row per symbol and time, or one column per symbol. */
export type CsvFormat = 'long' | 'wide';

/** Cells that mean "no value" in a wide file (case-insensitive): a missing bar, not a bad row. */
export const MISSING_CELLS: ReadonlySet<string> = new Set([
  '',
  'na',
  'n/a',
  '#n/a',
  'nan',
  'null',
  'none',
  '.',
  '-',
]);

/** True when a cell is one of {@link MISSING_CELLS}. */
export function isMissingCell(cell: string | undefined): boolean {
  return cell === undefined || MISSING_CELLS.has(cell.trim().toLowerCase());
}

/**
 * Tells a wide file (`date,AAPL,MSFT,…`) from a long one. Wide when there is no symbol column,
 * no price/OHLCV column (`close|price|last`, `open`, `high`, `low`, `volume|vol`, or an explicit
 * `data.columns` name) and at least one other column holds numbers in the sample rows; long
 * otherwise (and the long reader then reports what is missing).
 *
 * @example
 * detectCsvFormat(['date', 'AAPL', 'MSFT'], [['2024-01-02', '185.6', '370.9']], {}); // 'wide'
 * detectCsvFormat(['date', 'close', 'volume'], [['2024-01-02', '185.6', '100']], {}); // 'long'
 */
export function detectCsvFormat(
  header: readonly string[],
  sample: readonly (readonly string[])[],
  columns: ColumnOverrides,
): CsvFormat {
  const lower = header.map((h) => h.trim().toLowerCase());
  const named = Object.entries(columns).some(([role, name]) => role !== 'ts' && name !== undefined);
  const roles = ['symbol', 'close', 'open', 'high', 'low', 'volume'] as const;
  if (named || roles.some((r) => COLUMN_ALIASES[r].some((a) => lower.includes(a)))) return 'long';
  const ts = tsColumn(lower, columns);
  if (ts < 0) return 'long';
  return numericColumns(header, sample, ts).length > 0 ? 'wide' : 'long';
}

/** Index of the timestamp column (override or alias), -1 when there is none. */
export function tsColumn(lowerHeader: readonly string[], columns: ColumnOverrides): number {
  if (columns.ts !== undefined) return lowerHeader.indexOf(columns.ts.toLowerCase());
  for (const alias of COLUMN_ALIASES.ts) {
    const i = lowerHeader.indexOf(alias);
    if (i >= 0) return i;
  }
  return -1;
}

/** Columns other than `ts` with at least one finite number among the sample rows' cells. */
export function numericColumns(
  header: readonly string[],
  sample: readonly (readonly string[])[],
  ts: number,
): number[] {
  const out: number[] = [];
  for (let c = 0; c < header.length; c++) {
    if (c === ts) continue;
    if (sample.some((row) => !isMissingCell(row[c]) && Number.isFinite(Number(row[c]))))
      out.push(c);
  }
  return out;
}
