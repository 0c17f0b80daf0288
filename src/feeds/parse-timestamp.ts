import { type EpochMs, zonedToUtc } from '../core/index.ts';

// date, optional time (T or space), optional fraction (. or ,), optional zone
const ISO =
  /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
// compact ISO: 20240301T093000, 20240301T0930Z
const COMPACT =
  /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Parses a timestamp cell into epoch milliseconds (UTC), or NaN when it is not a timestamp. Text
 * without a zone is wall-clock time in `timeZone` (an IANA name; default UTC); epoch numbers and
 * text with a zone or offset are absolute and ignore it.
 *
 * Accepted, with fields range-checked (`2024-02-30` is NaN, not 1 March):
 * - dates `YYYY-MM-DD`, `YYYY/MM/DD` and `YYYYMMDD` (midnight in `timeZone`);
 * - ISO-8601 date-times `YYYY-MM-DDTHH:MM[:SS[.fff…]]` — a space may replace the `T`, the
 *   fraction may have any number of digits (below a millisecond they are dropped), the zone is
 *   `Z`, `UTC`, `GMT`, `±HH`, `±HHMM` or `±HH:MM`, and no zone means `timeZone`; also the compact form
 *   `YYYYMMDDTHHMMSS[Z]`;
 * - epoch numbers, integer or fractional (`1709303400.25`, `1.7093034e9`): values below 1e11
 *   in absolute value are seconds (1e11 s is the year 5138), others milliseconds.
 *
 * An 8-digit integer that is a valid date from 1800 to 2199 is read as `YYYYMMDD`, not as epoch
 * seconds (which would be a time in 1970–1973).
 *
 * @example
 * parseTimestamp('1991-07-01');                // 678326400000
 * parseTimestamp('2024-03-01T09:30:00-05:00'); // 1709303400000
 * parseTimestamp('1709303400');                // 1709303400000 (seconds)
 * parseTimestamp('20240301');                  // 1709251200000 (YYYYMMDD)
 * parseTimestamp('2024-03-01 09:30', 'America/New_York'); // 1709303400000
 */
export function parseTimestamp(text: string, timeZone?: string): EpochMs {
  const s = text.trim();
  const local = timeZone === undefined || timeZone === 'UTC' ? undefined : resolverOf(timeZone);
  if (NUMBER.test(s)) {
    const n = Number(s);
    const t = timestampFromNumber(n);
    return (local !== undefined && isDateNumber(n) ? local(t) : t) as EpochMs;
  }
  let m = ISO.exec(s);
  if (m !== null) return fromParts(local, m[1], m[3], m[4], m[5], m[6], m[7], m[8], m[9]);
  m = COMPACT.exec(s);
  if (m !== null) return fromParts(local, m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
  return Number.NaN as EpochMs;
}

const resolvers = new Map<string, (localMs: number) => number>();

function resolverOf(zone: string): (localMs: number) => number {
  let r = resolvers.get(zone);
  if (r === undefined) {
    r = zonedToUtc(zone);
    resolvers.set(zone, r);
  }
  return r;
}

/**
 * Reads a wall-clock time of an IANA zone as epoch ms (for typed date/time columns without a
 * zone, whose civil time arrives as if it were UTC); UTC and undefined leave it unchanged.
 *
 * @example
 * zonedTimestamp(Date.UTC(2024, 0, 2, 9, 30), 'America/New_York'); // Date.UTC(2024, 0, 2, 14, 30)
 */
export function zonedTimestamp(civilMs: number, timeZone: string | undefined): EpochMs {
  if (timeZone === undefined || timeZone === 'UTC') return civilMs as EpochMs;
  return resolverOf(timeZone)(civilMs) as EpochMs;
}

/**
 * The numeric half of {@link parseTimestamp}, for columns that are already numbers (Parquet,
 * Arrow): a valid `YYYYMMDD` integer (years 1800–2199) is a date, otherwise |n| < 1e11 is epoch
 * seconds and anything else epoch milliseconds. NaN for a non-finite number.
 *
 * @example
 * timestampFromNumber(20240301);   // 1709251200000
 * timestampFromNumber(1709251200); // 1709251200000
 */
export function timestampFromNumber(n: number): EpochMs {
  if (!Number.isFinite(n)) return Number.NaN as EpochMs;
  if (isDateNumber(n))
    return civil(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, 0, 0, 0, 0) as EpochMs;
  return (Math.abs(n) < 1e11 ? Math.round(n * 1000) : Math.round(n)) as EpochMs;
}

/** True for an integer that {@link timestampFromNumber} reads as a `YYYYMMDD` date (1800–2199). */
export function isDateNumber(n: number): boolean {
  return (
    Number.isInteger(n) &&
    n >= 18000101 &&
    n <= 21991231 &&
    !Number.isNaN(civil(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, 0, 0, 0, 0))
  );
}

function fromParts(
  localToUtc: ((localMs: number) => number) | undefined,
  y?: string,
  mo?: string,
  d?: string,
  h?: string,
  mi?: string,
  sec?: string,
  frac?: string,
  zone?: string,
): EpochMs {
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const civilMs = civil(
    Number(y),
    Number(mo),
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(sec ?? 0),
    ms,
  );
  if (zone === undefined && localToUtc !== undefined) return localToUtc(civilMs) as EpochMs;
  return (civilMs - zoneOffsetMs(zone)) as EpochMs;
}

/** UTC milliseconds of a civil date-time, or NaN when a field is out of range. */
function civil(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return Number.NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(t).getUTCDate() === d ? t : Number.NaN;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return Number.NaN;
  return sign * (hours * 60 + minutes) * 60_000;
}
