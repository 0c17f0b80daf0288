import { describe, expect, it } from 'vitest';
import { detectCsvFormat, isMissingCell, loadCsv } from '../../src/feeds/index.ts';
import { tempFile } from '../helpers/files.ts';

describe('detectCsvFormat', () => {
  it('doc examples', () => {
    expect(detectCsvFormat(['date', 'AAPL', 'MSFT'], [['2024-01-02', '185.6', '370.9']], {})).toBe(
      'wide',
    );
    expect(detectCsvFormat(['date', 'close', 'volume'], [['2024-01-02', '185.6', '100']], {})).toBe(
      'long',
    );
  });

  it('is long with a symbol column, an explicit column name, no timestamp column or no numbers', () => {
    expect(detectCsvFormat(['date', 'ticker', 'px'], [['2024-01-02', 'A', '1']], {})).toBe('long');
    expect(detectCsvFormat(['date', 'px'], [['2024-01-02', '1']], { close: 'px' })).toBe('long');
    expect(detectCsvFormat(['when', 'A'], [['2024-01-02', '1']], {})).toBe('long');
    expect(detectCsvFormat(['when', 'A'], [['2024-01-02', '1']], { ts: 'when' })).toBe('wide');
    expect(detectCsvFormat(['date', 'note'], [['2024-01-02', 'hello']], {})).toBe('long');
  });

  it('treats NA-like cells as missing', () => {
    for (const c of ['', ' ', 'NA', 'n/a', '#N/A', 'NaN', 'null', 'None', '.', '-', undefined])
      expect(isMissingCell(c)).toBe(true);
    expect(isMissingCell('0')).toBe(false);
  });
});

describe('the long and wide layouts, forced', () => {
  it('doc examples', async () => {
    expect((await loadCsv('data/msft-2000-2001.csv', { format: 'long' })).symbols).toEqual([
      'MSFT',
    ]);
    const prices = tempFile('prices.csv', 'date,AAPL,MSFT\n2024-01-02,185.64,370.87\n');
    expect((await loadCsv(prices, { format: 'wide' })).symbols).toEqual(['AAPL', 'MSFT']);
  });

  it('a wide file needs a timestamp column and a numeric column', async () => {
    await expect(
      loadCsv(tempFile('a.csv', 'when,A\n2024-01-02,1\n'), { format: 'wide' }),
    ).rejects.toThrow(
      /no timestamp column \(expected one of ts, time, timestamp, date, datetime\); the header is: when, A/,
    );
    await expect(
      loadCsv(tempFile('b.csv', 'date,note\n2024-01-02,x\n'), { format: 'wide' }),
    ).rejects.toThrow(/needs one numeric column per symbol; none of note holds numbers/);
  });
});
