import { describeValue, InputError, MS_PER_DAY } from '../core/index.ts';

const MS_PER_HOUR = 3_600_000;
/** A US equity session, 9:30–16:00. */
const SESSION_MS = 6.5 * MS_PER_HOUR;
const MS_PER_WEEK = 7 * MS_PER_DAY;
const MS_PER_MONTH = (365.25 / 12) * MS_PER_DAY;
/** A 7-day market puts 1/7 of its bars on Saturdays; a quarter of that is the threshold. */
const WEEKEND_SHARE = 1 / 28;

/** The annualization factor of a series and how it was chosen. */
export interface PeriodsPerYear {
  readonly periodsPerYear: number;
  readonly convention: string;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function round3(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** "1 day", "3 days", "1 h", "5 min", "30 s", "250 ms". */
function formatSpacing(ms: number): string {
  if (ms >= 20 * MS_PER_HOUR) {
    const days = ms / MS_PER_DAY;
    return `${round3(days)} ${days === 1 ? 'day' : 'days'}`;
  }
  if (ms >= MS_PER_HOUR) return `${round3(ms / MS_PER_HOUR)} h`;
  if (ms >= 60_000) return `${round3(ms / 60_000)} min`;
  if (ms >= 1000) return `${round3(ms / 1000)} s`;
  return `${round3(ms)} ms`;
}

function hasWeekends(ts: ArrayLike<number>): boolean {
  let saturdays = 0;
  for (let i = 0; i < ts.length; i++) {
    if (new Date(ts[i] as number).getUTCDay() === 6) saturdays++;
  }
  return saturdays >= ts.length * WEEKEND_SHARE;
}

function positiveSpacings(ts: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (typeof t !== 'number' || !Number.isFinite(t) || Math.abs(t) > 8.64e15) {
      throw new InputError(
        `Expected \`ts[${i}]\` to be epoch milliseconds, got ${describeValue(t)} in inferPeriodsPerYear`,
      );
    }
    if (i === 0) continue;
    const d = t - (ts[i - 1] as number);
    if (d < 0) {
      throw new InputError(
        `Expected \`ts\` to be non-decreasing, got ${t} after ${ts[i - 1]} at index ${i} in inferPeriodsPerYear`,
      );
    }
    if (d > 0) out.push(d);
  }
  return out;
}

/**
 * Infers the annualization factor P (periods per year) from the median spacing d of the bar
 * timestamps (epoch ms, UTC), with the usual conventions:
 *
 * - d < 20 h (intraday): with weekends, 365 × 24 h / d (1 h → 8760, 1 min → 525 600);
 *   without, 252 × 6.5 h / d (1 h → 1638, 1 min → 98 280), at least 252 — a 6.5-hour US
 *   equity session; pass your own P for 24×5 markets such as FX or futures.
 * - 20 h <= d < 3.5 days (daily): 252 trading days without weekends, 365 with; divided by the
 *   spacing in whole days for multi-day bars.
 * - 3.5 days <= d < 20 days: 52 / (d in whole weeks) — weekly bars give 52.
 * - d >= 20 days: 12 / (d in whole months) — monthly 12, quarterly 4, yearly 1.
 *
 * "Weekends present" means at least 1/28 of the bars fall on a Saturday (UTC): a 7-day market
 * puts 1/7 there; weekday markets put none there in any exchange time zone (Asian Monday
 * sessions fall on Sunday UTC, hence Saturday only). A series whose span holds no Saturday
 * (under a week) cannot show weekends and gets the trading-day convention.
 * Zero spacings (several symbols on one clock) are ignored.
 *
 * @throws {InputError} with fewer than two distinct timestamps, or timestamps that are not
 *   finite or go backwards.
 * @example
 * const day = 86_400_000;
 * // Mon 2024-01-01 .. Fri 2024-01-12 on weekdays only
 * const ts = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((k) => Date.UTC(2024, 0, 1) + k * day);
 * inferPeriodsPerYear(ts); // { periodsPerYear: 252, convention: '252 trading days (median spacing 1 day)' }
 */
export function inferPeriodsPerYear(timestampsMs: ArrayLike<number>): PeriodsPerYear {
  const spacings = positiveSpacings(timestampsMs).sort((a, b) => a - b);
  if (spacings.length === 0) {
    throw new InputError(
      `Expected at least 2 distinct timestamps to infer the bar spacing, got ${timestampsMs.length} timestamp(s) in inferPeriodsPerYear`,
    );
  }
  const d = median(spacings);
  const spacing = `median spacing ${formatSpacing(d)}`;
  const weekends = hasWeekends(timestampsMs);
  if (d < 20 * MS_PER_HOUR) {
    if (weekends) {
      const p = (365 * 24 * MS_PER_HOUR) / d;
      return {
        periodsPerYear: p,
        convention: `365 days × 24 h / ${formatSpacing(d)} = ${round3(p)} (${spacing}, bars on weekends)`,
      };
    }
    if (d >= SESSION_MS)
      return {
        periodsPerYear: 252,
        convention: `252 trading days, one bar per 6.5 h session (${spacing})`,
      };
    const p = (252 * SESSION_MS) / d;
    return {
      periodsPerYear: p,
      convention: `252 trading days × 6.5 h / ${formatSpacing(d)} = ${round3(p)} (${spacing})`,
    };
  }
  if (d < 3.5 * MS_PER_DAY) {
    const days = Math.round(d / MS_PER_DAY);
    const base = weekends ? 365 : 252;
    const label = weekends ? '365 calendar days' : '252 trading days';
    return {
      periodsPerYear: base / days,
      convention: `${label}${days > 1 ? ` / ${days}` : ''} (${spacing})`,
    };
  }
  if (d < 20 * MS_PER_DAY) {
    const weeks = Math.round(d / MS_PER_WEEK);
    return {
      periodsPerYear: 52 / weeks,
      convention: `52 weeks${weeks > 1 ? ` / ${weeks}` : ''} (${spacing})`,
    };
  }
  const months = Math.round(d / MS_PER_MONTH);
  return {
    periodsPerYear: 12 / months,
    convention: `12 months${months > 1 ? ` / ${months}` : ''} (${spacing})`,
  };
}
