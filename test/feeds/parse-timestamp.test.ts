import { describe, expect, it } from 'vitest';
import { parseTimestamp, timestampFromNumber } from '../../src/feeds/index.ts';

describe('parseTimestamp', () => {
  it('doc example', () => {
    expect(parseTimestamp('1991-07-01')).toBe(678326400000);
    expect(parseTimestamp('2024-03-01T09:30:00-05:00')).toBe(1709303400000);
    expect(parseTimestamp('1709303400')).toBe(1709303400000);
    expect(parseTimestamp('20240301')).toBe(1709251200000);
  });

  it('timestampFromNumber doc example, and NaN for non-finite numbers', () => {
    expect(timestampFromNumber(20240301)).toBe(1709251200000);
    expect(timestampFromNumber(1709251200)).toBe(1709251200000);
    expect(timestampFromNumber(Number.POSITIVE_INFINITY)).toBeNaN();
  });

  const day = Date.UTC(2024, 2, 1);
  const at930 = Date.UTC(2024, 2, 1, 9, 30);

  it.each([
    ['date YYYY-MM-DD', '2024-03-01', day],
    ['date YYYY/MM/DD', '2024/03/01', day],
    ['date YYYYMMDD', '20240301', day],
    ['surrounding spaces', '  2024-03-01 ', day],
    ['ISO without zone (UTC), minutes only', '2024-03-01T09:30', at930],
    ['ISO without zone, seconds', '2024-03-01T09:30:00', at930],
    ['ISO with a space for the T', '2024-03-01 09:30:00', at930],
    ['ISO with Z', '2024-03-01T09:30:00Z', at930],
    ['ISO with lower-case z', '2024-03-01T09:30:00z', at930],
    ['ISO with a UTC suffix', '2024-03-01 09:30:00 UTC', at930],
    ['ISO with +HH:MM', '2024-03-01T10:30:00+01:00', at930],
    ['ISO with +HHMM', '2024-03-01T10:30:00+0100', at930],
    ['ISO with +HH', '2024-03-01T10:30:00+01', at930],
    ['ISO with -HH:MM', '2024-03-01T04:00:00-05:30', at930],
    ['ISO with milliseconds', '2024-03-01T09:30:00.250Z', at930 + 250],
    ['ISO with microseconds (truncated)', '2024-03-01T09:30:00.250999Z', at930 + 250],
    ['ISO with one fraction digit', '2024-03-01T09:30:00.5', at930 + 500],
    ['ISO with a comma fraction', '2024-03-01T09:30:00,5Z', at930 + 500],
    ['compact ISO', '20240301T093000Z', at930],
    ['compact ISO without seconds or zone', '20240301T0930', at930],
    ['epoch seconds', '1709285400', at930],
    ['fractional epoch seconds', '1709285400.25', at930 + 250],
    ['epoch seconds in exponent notation', '1.7092854e9', at930],
    ['epoch milliseconds', '1709285400250', at930 + 250],
    ['negative epoch seconds (before 1970)', '-86400', -86_400_000],
    ['epoch zero', '0', 0],
  ])('%s: %s', (_, text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['words', 'yesterday'],
    ['day out of range', '2024-02-30'],
    ['month out of range', '2024-13-01'],
    ['hour out of range', '2024-03-01T24:00:00Z'],
    ['minute out of range', '2024-03-01T09:60'],
    ['bad zone', '2024-03-01T09:30:00+25:00'],
    ['day-first date (ambiguous, refused)', '01/03/2024'],
    ['mixed separators', '2024-03/01'],
    ['trailing junk', '2024-03-01x'],
  ])('NaN for %s: %j', (_, text) => {
    expect(parseTimestamp(text)).toBeNaN();
  });

  it('reads an 8-digit number that is not a valid date as epoch seconds', () => {
    expect(parseTimestamp('86400000')).toBe(86_400_000_000); // "8640-00-00" is no date
    expect(parseTimestamp('19700230')).toBe(19_700_230_000); // 30 February is no date
    expect(parseTimestamp('22000101')).toBe(22_000_101_000); // year 2200 is outside 1800–2199
    expect(parseTimestamp('21991231')).toBe(Date.UTC(2199, 11, 31));
  });

  it('reads times without a zone in data.timezone; offsets and epoch numbers stay absolute', () => {
    const ny = 'America/New_York';
    expect(parseTimestamp('2024-03-01 09:30', ny)).toBe(1709303400000);
    expect(parseTimestamp('2024-07-01T09:30:00.250', ny)).toBe(
      Date.UTC(2024, 6, 1, 13, 30, 0, 250),
    );
    expect(parseTimestamp('2024-03-01', ny)).toBe(Date.UTC(2024, 2, 1, 5));
    expect(parseTimestamp('20240301', ny)).toBe(Date.UTC(2024, 2, 1, 5));
    expect(parseTimestamp('20240301T0930', ny)).toBe(1709303400000);
    expect(parseTimestamp('2024-03-01T09:30:00Z', ny)).toBe(Date.UTC(2024, 2, 1, 9, 30));
    expect(parseTimestamp('2024-03-01T09:30:00+01:00', ny)).toBe(Date.UTC(2024, 2, 1, 8, 30));
    expect(parseTimestamp('1709285400', ny)).toBe(1709285400000);
    expect(parseTimestamp('2024-03-01 09:30', 'UTC')).toBe(Date.UTC(2024, 2, 1, 9, 30));
    expect(parseTimestamp('2024-02-30', ny)).toBeNaN();
  });
});
