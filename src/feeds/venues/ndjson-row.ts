import { type EpochMs, InputError, type MarketTick } from '../../core/index.ts';
import { COLUMN_ALIASES, type ColumnOverrides } from '../column-map.ts';
import { parseTimestamp } from '../parse-timestamp.ts';

/** Field names recognised in NDJSON rows beyond the CSV aliases (case-insensitive). */
export const NDJSON_EXTRA_ALIASES = {
  id: ['id', 'trade_id', 'tradeid', 'seq', 'sequence'],
  size: ['size', 'qty', 'quantity', 'amount'],
} as const;

export interface NdjsonRowOptions {
  /** Explicit field names, as `data.columns` of a scenario (and `id`, `size`). */
  readonly columns?: ColumnOverrides & { readonly id?: string; readonly size?: string };
  /** Symbol for rows without one (a single-symbol stream). */
  readonly symbol?: string;
  /** Length of bar rows (rows with open/high/low). Default 60 s. */
  readonly barIntervalMs?: number;
}

/** A parsed row: the tick and the key that identifies it for dedupe. */
export interface NdjsonRow {
  readonly tick: MarketTick;
  readonly key: string;
}

const ROLES = { ...COLUMN_ALIASES, ...NDJSON_EXTRA_ALIASES };
type Role = keyof typeof ROLES;

/**
 * Reads one NDJSON object as a trade (price, optional size) or, when it has open/high/low, a bar
 * starting at its timestamp. Fields are found like CSV columns (`ts|time|timestamp|date|datetime`,
 * `symbol|ticker|instrument`, `close|price|last`, …) or by explicit names. Timestamps may be
 * epoch seconds or milliseconds (numbers or strings) or ISO-8601. The dedupe key is the `id`
 * field when there is one, else time, price and size.
 *
 * @throws {InputError} naming the field and value when the row is unusable.
 * @example
 * parseNdjsonRow({ time: 1700000000000, ticker: 'ABC', price: '10.5', qty: 2 }, {});
 * // { tick: { kind: 'trade', symbol: 'ABC', ts: 1700000000000, price: 10.5, size: 2 }, key: '1700000000000|10.5|2' }
 */
export function parseNdjsonRow(row: unknown, options: NdjsonRowOptions): NdjsonRow {
  if (row === null || typeof row !== 'object' || Array.isArray(row))
    throw new InputError(
      `expected a JSON object per line, got ${Array.isArray(row) ? 'an array' : typeof row}`,
    );
  const lower = new Map<string, unknown>();
  for (const [k, v] of Object.entries(row)) lower.set(k.toLowerCase(), v);
  const get = (role: Role): unknown => {
    const explicit = (options.columns as Record<string, string | undefined> | undefined)?.[role];
    if (explicit !== undefined) return lower.get(explicit.toLowerCase());
    for (const alias of ROLES[role]) if (lower.has(alias)) return lower.get(alias);
    return undefined;
  };
  const tsRaw = get('ts');
  const ts =
    typeof tsRaw === 'number'
      ? parseTimestamp(String(tsRaw))
      : typeof tsRaw === 'string'
        ? parseTimestamp(tsRaw)
        : (Number.NaN as EpochMs);
  if (Number.isNaN(ts))
    throw new InputError(
      `timestamp field is ${tsRaw === undefined ? 'missing (expected one of ts, time, timestamp, date, datetime)' : `\`${String(tsRaw)}\`, not a timestamp`}`,
    );
  const symbolRaw = get('symbol') ?? options.symbol;
  if (symbolRaw === undefined || String(symbolRaw).trim() === '')
    throw new InputError(
      'symbol field is missing (expected one of symbol, ticker, instrument, or give --symbols with one symbol)',
    );
  const symbol = String(symbolRaw).trim();
  const priceRaw = get('close');
  const close = Number(priceRaw);
  if (
    priceRaw === undefined ||
    priceRaw === null ||
    priceRaw === '' ||
    !Number.isFinite(close) ||
    close <= 0
  )
    throw new InputError(
      `price field is \`${String(priceRaw)}\`, expected a finite positive number (close, price or last)`,
    );
  const num = (role: Role): number => {
    const v = get(role);
    return v === undefined || v === null || v === '' ? Number.NaN : Number(v);
  };
  const id = get('id');
  const isBar = [get('open'), get('high'), get('low')].some((v) => v !== undefined);
  if (isBar) {
    const tick: MarketTick = {
      kind: 'bar',
      symbol,
      ts,
      intervalMs: options.barIntervalMs ?? 60_000,
      open: num('open'),
      high: num('high'),
      low: num('low'),
      close,
      volume: num('volume'),
    };
    return { tick, key: id === undefined ? `bar|${ts}` : String(id) };
  }
  const size = Number.isNaN(num('size')) ? num('volume') : num('size');
  return {
    tick: { kind: 'trade', symbol, ts, price: close, size },
    key: id === undefined ? `${ts}|${close}|${size}` : String(id),
  };
}
