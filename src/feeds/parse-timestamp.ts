import type { EpochMs } from '../core/index.ts';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_SLASH = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const ISO_NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * Parses a timestamp cell into epoch milliseconds (UTC), or NaN when it is not a timestamp.
 * Accepted: `YYYY-MM-DD` and `YYYY/MM/DD` (UTC midnight); ISO-8601 date-times with or without
 * a zone (no zone means UTC; a space may replace the `T`); epoch seconds or milliseconds as
 * numbers — values below 1e11 are seconds (1e11 s is the year 5138), others milliseconds.
 *
 * @example
 * parseTimestamp('1991-07-01');            // 678326400000
 * parseTimestamp('2024-03-01T09:30:00-05:00'); // 1709303400000
 * parseTimestamp('1709303400');            // 1709303400000 (seconds)
 */
export function parseTimestamp(text: string): EpochMs {
  const s = text.trim();
  let m = DATE_ONLY.exec(s) ?? DATE_SLASH.exec(s);
  if (m) return validDate(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])), m) as EpochMs;
  if (NUMERIC.test(s)) {
    const n = Number(s);
    return (Math.abs(n) < 1e11 ? Math.round(n * 1000) : Math.round(n)) as EpochMs;
  }
  if (ISO_NO_ZONE.test(s)) return Date.parse(`${s.replace(' ', 'T')}Z`) as EpochMs;
  m = null;
  return (/^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s.replace(' ', 'T')) : Number.NaN) as EpochMs;
}

function validDate(ms: number, m: RegExpExecArray): number {
  const d = new Date(ms);
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]) ? ms : Number.NaN;
}
