/**
 * IANA time zones for timestamps written without an offset (`data.timezone`). Uses the zone
 * data built into Node's Intl; nothing here reads the wall clock.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

/**
 * True when `name` is an IANA time zone Node knows (`America/New_York`, `Europe/Berlin`, `UTC`).
 *
 * @example
 * isTimeZone('America/New_York'); // true
 * isTimeZone('Mars/Olympus');     // false
 */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '' || name !== name.trim()) return false;
  try {
    formatOf(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC (ms, east positive) at the instant `utcMs`, whole seconds. */
function offsetAt(format: Intl.DateTimeFormat, utcMs: number): number {
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(utcMs)) p[part.type] = Number(part.value);
  const local = Date.UTC(
    p['year'] as number,
    (p['month'] as number) - 1,
    p['day'] as number,
    p['hour'] as number,
    p['minute'] as number,
    p['second'] as number,
  );
  return local - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/**
 * A function from a zone's wall-clock time (civil milliseconds, as if it were UTC) to the UTC
 * instant. A wall time that happens twice (the hour repeated when clocks go back) is the first
 * of the two; one that never happens (skipped when clocks go forward) is moved forward by the
 * gap, like JavaScript's Temporal `disambiguation: 'compatible'`. Offsets are cached per minute.
 *
 * @throws {RangeError} for a zone Node does not know (check with {@link isTimeZone}).
 * @example
 * const toUtc = zonedToUtc('America/New_York');
 * toUtc(Date.UTC(2024, 0, 2, 9, 30)); // Date.UTC(2024, 0, 2, 14, 30)
 */
export function zonedToUtc(zone: string): (localMs: number) => number {
  const format = formatOf(zone);
  const cache = new Map<number, number>();
  const offset = (utcMs: number): number => {
    const minute = Math.floor(utcMs / 60_000);
    let o = cache.get(minute);
    if (o === undefined) {
      if (cache.size > 100_000) cache.clear();
      o = offsetAt(format, minute * 60_000);
      cache.set(minute, o);
    }
    return o;
  };
  return (localMs) => {
    if (!Number.isFinite(localMs)) return Number.NaN;
    // The offsets in force half a day either side (more than any shift) of the wall time.
    const before = offset(localMs - 86_400_000 / 2);
    const after = offset(localMs + 86_400_000 / 2);
    const first = localMs - before;
    if (before === after || offset(first) === before) return first;
    const second = localMs - after;
    if (offset(second) === after) return second;
    // Skipped wall time: read it with the offset from before the change (moves it forward).
    return first;
  };
}
