import type { EpochMs } from '../../core/index.ts';

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an RFC 3339 timestamp with any number of fractional digits (Alpaca and Coinbase send
 * micro- and nanoseconds) into epoch milliseconds, truncating below the millisecond; NaN when
 * it is not one. A missing zone means UTC.
 *
 * @example
 * parseVenueTime('2021-02-22T15:51:45.335689322Z'); // 1614009105335
 */
export function parseVenueTime(text: string): EpochMs {
  const m = RFC3339.exec(text);
  if (m === null) return Number.NaN as EpochMs;
  const ms = (m[3] ?? '').slice(0, 3).padEnd(3, '0');
  const zone =
    m[4] === undefined || m[4] === 'Z'
      ? 'Z'
      : m[4].includes(':')
        ? m[4]
        : `${m[4].slice(0, 3)}:${m[4].slice(3)}`;
  return Date.parse(`${m[1]}T${m[2]}.${ms}${zone}`) as EpochMs;
}
