import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath, formatSeconds, formatWhen, runPeriodText } from '../../src/cli/format-run.ts';
import { fakeSummary, metrics } from '../helpers/fake-summary.ts';

describe('formatWhen', () => {
  it('doc example', () => {
    expect(formatWhen(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02 03:04:05 UTC');
    expect(formatWhen(Date.UTC(2024, 0, 2, 3, 4, 5), true)).toBe('2024-01-02 03:04 UTC');
  });
});

describe('formatSeconds', () => {
  it('doc example', () => {
    expect(formatSeconds(245)).toBe('4 min 05 s');
  });

  it('from tenths of a second to hours', () => {
    expect(formatSeconds(0.196)).toBe('0.2 s');
    expect(formatSeconds(12.4)).toBe('12 s');
    expect(formatSeconds(7380)).toBe('2 h 03 min');
    expect(formatSeconds(null)).toBe('—');
  });
});

describe('runPeriodText', () => {
  it('doc example: dates for daily bars', () => {
    expect(runPeriodText(fakeSummary(1))).toBe('2020-01-02 → 2020-12-31');
  });

  it('spans every strategy, shows times for intraday bars, and null with nothing recorded', () => {
    const s = fakeSummary(1);
    s.strategies['x'] = {
      portfolio: { ...metrics(0), first_ts: '2019-06-01T09:30:00.000Z' },
      symbols: {},
    };
    expect(runPeriodText(s)).toBe('2019-06-01 09:30 → 2020-12-31 00:00');
    expect(runPeriodText({ ...s, strategies: {} })).toBeNull();
  });
});

describe('displayPath', () => {
  it('is relative inside the working folder, absolute outside', () => {
    expect(displayPath(join(process.cwd(), 'reports', 'a'))).toBe(join('reports', 'a'));
    expect(displayPath('/somewhere/else')).toBe('/somewhere/else');
  });
});
