import { describe, expect, it } from 'vitest';
import { isTimeZone, zonedToUtc } from '../../src/core/index.ts';

describe('time zones', () => {
  it('doc examples', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(zonedToUtc('America/New_York')(Date.UTC(2024, 0, 2, 9, 30))).toBe(
      Date.UTC(2024, 0, 2, 14, 30),
    );
  });

  it('knows UTC and refuses blanks and padded names', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(' UTC')).toBe(false);
  });

  it('summer time, the repeated hour (first) and the skipped hour (moved forward)', () => {
    const ny = zonedToUtc('America/New_York');
    expect(ny(Date.UTC(2024, 6, 2, 9, 30))).toBe(Date.UTC(2024, 6, 2, 13, 30));
    expect(ny(Date.UTC(2024, 10, 3, 1, 30))).toBe(Date.UTC(2024, 10, 3, 5, 30));
    expect(ny(Date.UTC(2024, 2, 10, 2, 30))).toBe(Date.UTC(2024, 2, 10, 7, 30));
    const kolkata = zonedToUtc('Asia/Kolkata');
    expect(kolkata(Date.UTC(2024, 0, 1, 5, 30))).toBe(Date.UTC(2024, 0, 1));
    const berlin = zonedToUtc('Europe/Berlin');
    expect(berlin(Date.UTC(2024, 2, 31, 2, 30))).toBe(Date.UTC(2024, 2, 31, 1, 30));
  });

  it('round-trips every hour of a year through Intl', () => {
    const ny = zonedToUtc('America/New_York');
    const fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2024, 0, 1); t += 3_600_000) {
      const p = Object.fromEntries(fmt.formatToParts(t).map((x) => [x.type, Number(x.value)]));
      const wall = Date.UTC(
        p['year'] as number,
        (p['month'] as number) - 1,
        p['day'] as number,
        p['hour'] as number,
        p['minute'] as number,
      );
      const back = ny(wall);
      // The repeated hour maps to its first occurrence; every other hour to itself.
      expect(back === t || back === t - 3_600_000).toBe(true);
    }
  });
});
