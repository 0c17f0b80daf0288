import { isAbsolute, relative } from 'node:path';
import type { RunSummary } from '../report/index.ts';

/**
 * A wall-clock time as `YYYY-MM-DD HH:MM:SS UTC` (seconds dropped with `minutes`).
 *
 * @example
 * formatWhen(Date.UTC(2024, 0, 2, 3, 4, 5)); // '2024-01-02 03:04:05 UTC'
 */
export function formatWhen(ms: number, minutes = false): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, minutes ? 16 : 19)} UTC`;
}

/**
 * A length of time in seconds, short: `0.4 s`, `12 s`, `4 min 05 s`, `2 h 03 min`.
 *
 * @example
 * formatSeconds(245); // '4 min 05 s'
 */
export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const total = Math.round(s);
  if (total < 3600) return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
  return `${Math.floor(total / 3600)} h ${String(Math.floor((total % 3600) / 60)).padStart(2, '0')} min`;
}

/** A path relative to the working folder when it is inside it, else absolute. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/**
 * The period the run's metrics cover (first to last bar of any strategy's equity), as dates, or
 * date and time for intraday bars; null when nothing was recorded.
 *
 * @example
 * runPeriodText(summary); // '1991-11-15 → 1998-08-14'
 */
export function runPeriodText(s: RunSummary): string | null {
  const firsts = Object.values(s.strategies)
    .map((st) => st.portfolio.first_ts)
    .filter((t): t is string => t !== null);
  const lasts = Object.values(s.strategies)
    .map((st) => st.portfolio.last_ts)
    .filter((t): t is string => t !== null);
  if (firsts.length === 0 || lasts.length === 0) return null;
  const first = firsts.sort()[0] as string;
  const last = lasts.sort().at(-1) as string;
  const daily = [first, last].every((t) => t.endsWith('T00:00:00.000Z'));
  const show = (t: string): string =>
    daily ? t.slice(0, 10) : `${t.slice(0, 10)} ${t.slice(11, 16)}`;
  return `${show(first)} → ${show(last)}`;
}
