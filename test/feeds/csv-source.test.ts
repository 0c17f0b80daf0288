import { describe, expect, it } from 'vitest';
import { type Bar, DataError, InputError, type RejectOutcome } from '../../src/core/index.ts';
import { type Gap, loadCsv } from '../../src/feeds/index.ts';
import { collect } from '../helpers/bars.ts';
import { tempFile } from '../helpers/files.ts';

const rows = (bars: Bar[]) =>
  bars.map((b) => `${new Date(b.ts).toISOString().slice(0, 10)} ${b.symbol} ${b.close}`);

describe('loadCsv', () => {
  it('doc example', async () => {
    const src = await loadCsv('data/eu-stock-markets.csv', { symbols: ['DAX'] });
    expect(src.symbols).toEqual(['DAX']);
    expect(src.layout).toBe('long');
  });

  describe('long format', () => {
    it('merges interleaved symbols by time, ties in symbol code-unit order', async () => {
      const f = tempFile(
        'long.csv',
        'date,ticker,price\n2024-01-03,b,3\n2024-01-02,b,2\n2024-01-02,A,1\n2024-01-03,A,4\n2024-01-02,B,9\n',
      );
      // within a symbol time must increase: b goes backwards → use skip to see the rest
      const rejects: RejectOutcome[] = [];
      const src = await loadCsv(f, { onBadRow: 'skip', onReject: (r) => rejects.push(r) });
      expect(src.symbols).toEqual(['A', 'B', 'b']);
      expect(rows(await collect(src.batches()))).toEqual([
        '2024-01-02 A 1',
        '2024-01-02 B 9',
        '2024-01-03 A 4',
        '2024-01-03 b 3',
      ]);
      expect(rejects).toEqual([
        {
          type: 'reject',
          source: f,
          line: 3,
          reason: expect.stringMatching(
            /timestamps go backwards for b: 2024-01-02 after 2024-01-03 \(line 2\)/,
          ),
        },
      ]);
    });

    it('reads OHLCV and leaves absent fields NaN in close-only files', async () => {
      const ohlcv = await collect((await loadCsv('data/msft-2000-2001.csv')).batches());
      expect(ohlcv[0]).toMatchObject({ symbol: 'MSFT' });
      for (const k of ['open', 'high', 'low', 'close', 'volume'] as const)
        expect(Number.isFinite(ohlcv[0]?.[k])).toBe(true);
      const f = tempFile('spx.csv', 'time,last\n1700000000,10\n1700000060,11\n');
      const [b] = await collect((await loadCsv(f)).batches());
      expect(b).toMatchObject({ symbol: 'SPX', ts: 1_700_000_000_000, close: 10 });
      expect(b?.open).toBeNaN();
      expect(b?.volume).toBeNaN();
    });

    it('takes explicit column names and a symbol for single-symbol files', async () => {
      const f = tempFile('x.csv', 'when,px\n2024-01-02,5\n');
      const [b] = await collect(
        (await loadCsv(f, { columns: { ts: 'when', close: 'px' }, symbol: 'XYZ' })).batches(),
      );
      expect(b).toMatchObject({ symbol: 'XYZ', close: 5 });
    });

    it.each([
      [
        'ISO date-times with zone',
        'ts,symbol,close\n2024-03-01T09:30:00Z,A,1\n2024-03-01T10:30:00+01:00,B,2\n',
        [Date.UTC(2024, 2, 1, 9, 30), Date.UTC(2024, 2, 1, 9, 30)],
      ],
      [
        'ISO date-times without zone',
        'ts,symbol,close\n2024-03-01 09:30:00,A,1\n2024-03-01 09:31:00,A,2\n',
        [Date.UTC(2024, 2, 1, 9, 30), Date.UTC(2024, 2, 1, 9, 31)],
      ],
      [
        'dates',
        'date,symbol,close\n2024-03-01,A,1\n2024/03/04,A,2\n',
        [Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 4)],
      ],
      [
        'YYYYMMDD',
        'date,symbol,close\n20240301,A,1\n20240304,A,2\n',
        [Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 4)],
      ],
      [
        'epoch seconds',
        'ts,symbol,close\n1709285400,A,1\n1709285460,A,2\n',
        [1709285400000, 1709285460000],
      ],
      [
        'fractional epoch seconds',
        'ts,symbol,close\n1709285400.5,A,1\n1709285400.75,A,2\n',
        [1709285400500, 1709285400750],
      ],
      [
        'epoch milliseconds',
        'ts,symbol,close\n1709285400000,A,1\n1709285400001,A,2\n',
        [1709285400000, 1709285400001],
      ],
    ])('parses %s', async (_, body, expected) => {
      const bars = await collect((await loadCsv(tempFile('t.csv', body))).batches());
      expect(bars.map((b) => b.ts)).toEqual(expected);
    });
  });

  describe('wide format', () => {
    const wide =
      'date,AAPL,MSFT,notes\n2024-01-02,185.6,370.9,x\n2024-01-03,184.2,,y\n2024-01-04,181.9,NA,\n2024-01-05,181.2,367.8,z\n';

    it('is detected when there is no symbol or price column, one symbol per numeric column', async () => {
      const src = await loadCsv(tempFile('prices.csv', wide));
      expect(src.symbols).toEqual(['AAPL', 'MSFT']);
      expect(rows(await collect(src.batches()))).toEqual([
        '2024-01-02 AAPL 185.6',
        '2024-01-02 MSFT 370.9',
        '2024-01-03 AAPL 184.2',
        '2024-01-04 AAPL 181.9',
        '2024-01-05 AAPL 181.2',
        '2024-01-05 MSFT 367.8',
      ]);
    });

    it('reports each run of missing cells as one gap', async () => {
      const gaps: Gap[] = [];
      await loadCsv(tempFile('prices.csv', wide), { onGap: (g) => gaps.push(g) });
      expect(gaps).toEqual([
        expect.objectContaining({
          symbol: 'MSFT',
          fromTs: Date.UTC(2024, 0, 2),
          toTs: Date.UTC(2024, 0, 5),
          missingRows: 2,
          message: 'MSFT: no value in 2 rows between 2024-01-02 and 2024-01-05',
        }),
      ]);
    });

    it('does not count missing cells before a symbol starts as a gap, and filters symbols', async () => {
      const gaps: Gap[] = [];
      const f = tempFile('late.csv', 'Date,OLD,NEW\n20240102,1,\n20240103,2,\n20240104,3,10\n');
      const src = await loadCsv(f, { symbols: ['NEW'], onGap: (g) => gaps.push(g) });
      expect(rows(await collect(src.batches()))).toEqual(['2024-01-04 NEW 10']);
      expect(gaps).toEqual([]);
      await expect(loadCsv(f, { symbols: ['NOPE'] })).rejects.toThrow(
        /symbol NOPE not found; the file has NEW, OLD/,
      );
    });

    it('can be forced, and then takes a single column too', async () => {
      const f = tempFile('one.csv', 'timestamp,BTCUSD\n1700000000000,35000\n1700000060000,35010\n');
      expect((await loadCsv(f, { format: 'wide' })).symbols).toEqual(['BTCUSD']);
      expect((await loadCsv(f)).symbols).toEqual(['BTCUSD']); // detected as well: a lone numeric column is a symbol
    });

    it('is not mistaken for a single-symbol OHLCV or close/volume file', async () => {
      expect(
        (await loadCsv(tempFile('ibm.csv', 'date,close,volume\n2024-01-02,160,1000\n'))).symbols,
      ).toEqual(['IBM']);
      await expect(
        loadCsv(tempFile('ov.csv', 'date,open,volume\n2024-01-02,160,1000\n')),
      ).rejects.toThrow(/no price column/);
    });

    it('skips bad cells and bad rows with file and line, and fails on them by default', async () => {
      const body =
        'date,A,B\n2024-01-02,1,2\n2024-01-03,abc,3\n2024-01-04,-1,4\nnot-a-date,5,5\n2024-01-04,6,6\n2024-01-05,7\n2024-01-08,8,8\n';
      const f = tempFile('bad-wide.csv', body);
      const rejects: RejectOutcome[] = [];
      const src = await loadCsv(f, { onBadRow: 'skip', onReject: (r) => rejects.push(r) });
      expect(src.size).toBe(6);
      expect(rejects.map((r) => [r.line, r.reason])).toEqual([
        [3, 'A is `abc`, expected a finite positive number'],
        [4, 'A is `-1`, expected a finite positive number'],
        [
          5,
          'date is `not-a-date`, not a timestamp (expected YYYY-MM-DD, YYYYMMDD, ISO-8601 or epoch seconds/milliseconds)',
        ],
        [
          6,
          'duplicate timestamp: 2024-01-04 after 2024-01-04 (line 4); rows of a wide file must increase in time',
        ],
        [7, 'expected 3 fields, got 2'],
      ]);
      expect(rejects.every((r) => r.source === f)).toBe(true);
      await expect(loadCsv(f)).rejects.toThrow(InputError);
      await expect(loadCsv(f)).rejects.toThrow(/bad-wide\.csv:3: A is `abc`/);
      const neg = tempFile('neg.csv', 'date,A\n2024-01-02,-1\n');
      await expect(loadCsv(neg)).rejects.toThrow(DataError);
    });
  });

  describe('bad rows (long)', () => {
    const body =
      'date,symbol,close\n2024-01-02,A,1\n2024-01-03,A,x\n2024-01-03,A\n2024-13-01,A,2\n2024-01-03,,2\n2024-01-04,A,0\n2024-01-04,A,3\n2024-01-04,A,4\n';

    it('skip: every rejected row is reported with file, line and reason, and counted', async () => {
      const rejects: RejectOutcome[] = [];
      const f = tempFile('bad.csv', body);
      const src = await loadCsv(f, { onBadRow: 'skip', onReject: (r) => rejects.push(r) });
      expect(src.size).toBe(2);
      expect(rejects.map((r) => `${r.line}: ${r.reason}`)).toEqual([
        '3: close is `x`, expected a finite positive number',
        '4: expected 3 fields, got 2',
        '5: date is `2024-13-01`, not a timestamp (expected YYYY-MM-DD, YYYYMMDD, ISO-8601 or epoch seconds/milliseconds)',
        '6: symbol is empty',
        '7: close is `0`, expected a finite positive number',
        '9: duplicate bar for A: 2024-01-04 after 2024-01-04 (line 8); timestamps must increase within a symbol',
      ]);
    });

    it('fail: the first bad row stops the load, naming file:line', async () => {
      const f = tempFile('bad.csv', body);
      await expect(loadCsv(f)).rejects.toThrow(
        new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: close is \`x\``),
      );
    });

    it('missing and empty files, and files with no usable row', async () => {
      await expect(loadCsv('/nope/missing.csv')).rejects.toThrow(
        /data file not found: \/nope\/missing\.csv/,
      );
      await expect(loadCsv(tempFile('e.csv', '\n\n'))).rejects.toThrow(/e\.csv is empty/);
      await expect(loadCsv(tempFile('h.csv', 'date,symbol,close\n'))).rejects.toThrow(
        /has a header but no usable rows/,
      );
    });
  });
});
