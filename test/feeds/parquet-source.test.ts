import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError, InputError, type RejectOutcome } from '../../src/core/index.ts';
import { type DuckDbSource, loadCsv, openParquet } from '../../src/feeds/index.ts';
import { collect } from '../helpers/bars.ts';
import { tempDir } from '../helpers/cli.ts';
import { execDuck } from '../helpers/duck.ts';
import { heapAfterGc } from '../helpers/gc.ts';

const dir = tempDir('livemodel-parquet-');
const opened: DuckDbSource[] = [];
async function open(
  file: string,
  options: Parameters<typeof openParquet>[1] = {},
): Promise<DuckDbSource> {
  const src = await openParquet(file, options);
  opened.push(src);
  return src;
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/** Writes a Parquet file from a SELECT and returns its path. */
async function parquet(name: string, select: string): Promise<string> {
  const file = join(dir, name);
  await execDuck(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
  return file;
}

describe('openParquet', () => {
  it('doc example', async () => {
    const src = await open('data/eu-stock-markets.parquet', { symbols: ['DAX'] });
    expect(src.symbols).toEqual(['DAX']);
    expect(src.rows).toBe(1860);
  });

  it('gives exactly the bars of the CSV it was made from', async () => {
    const fromCsv = await collect((await loadCsv('data/msft-2000-2001.csv')).batches());
    const file = await parquet(
      'msft.parquet',
      `SELECT * FROM read_csv('data/msft-2000-2001.csv') ORDER BY random()`,
    );
    const src = await open(file);
    expect(await collect(src.batches())).toEqual(fromCsv);
    expect(src.symbols).toEqual(['MSFT']);
  });

  it('sorts unsorted rows by time then symbol, streams chunk-sized batches, and can be iterated again', async () => {
    const file = await parquet(
      'shuffled.parquet',
      `SELECT DATE '2020-01-01' + CAST(i // 3 AS INTEGER) AS date, ['b', 'A', 'B'][i % 3 + 1] AS ticker, 1 + i AS price FROM range(9000) t(i) ORDER BY random()`,
    );
    const src = await open(file);
    const batches = [];
    for await (const b of src.batches()) batches.push(b);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(2048);
    const bars = batches.flat();
    expect(bars).toHaveLength(9000);
    expect(bars.slice(0, 3).map((b) => b.symbol)).toEqual(['A', 'B', 'b']);
    for (let i = 1; i < bars.length; i++)
      expect(
        bars[i]!.ts > bars[i - 1]!.ts ||
          (bars[i]!.ts === bars[i - 1]!.ts && bars[i]!.symbol > bars[i - 1]!.symbol),
      ).toBe(true);
    expect(await collect(src.batches())).toEqual(bars);
  });

  const expected = [Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 1, 9, 30, 0, 250)];
  it.each([
    [
      'DATE',
      `SELECT DATE '2024-03-01' AS ts, 1.0 AS close UNION ALL SELECT DATE '2024-03-04', 2.0`,
      [expected[0], Date.UTC(2024, 2, 4)],
    ],
    [
      'TIMESTAMP',
      `SELECT TIMESTAMP '2024-03-01 00:00:00' AS ts, 1.0 AS close UNION ALL SELECT TIMESTAMP '2024-03-01 09:30:00.250', 2.0`,
      expected,
    ],
    [
      'TIMESTAMP_NS',
      `SELECT CAST(TIMESTAMP '2024-03-01' AS TIMESTAMP_NS) AS ts, 1.0 AS close UNION ALL SELECT CAST(TIMESTAMP '2024-03-01 09:30:00.250' AS TIMESTAMP_NS), 2.0`,
      expected,
    ],
    [
      'TIMESTAMPTZ',
      `SELECT TIMESTAMPTZ '2024-03-01 01:00:00+01' AS ts, 1.0 AS close UNION ALL SELECT TIMESTAMPTZ '2024-03-01 10:30:00.250+01', 2.0`,
      expected,
    ],
    [
      'epoch seconds (BIGINT)',
      `SELECT 1709251200 AS ts, 1.0 AS close UNION ALL SELECT 1709285400, 2.0`,
      [expected[0], Date.UTC(2024, 2, 1, 9, 30)],
    ],
    [
      'fractional epoch seconds (DOUBLE)',
      `SELECT 1709251200.0 AS ts, 1.0 AS close UNION ALL SELECT 1709285400.25, 2.0`,
      expected,
    ],
    [
      'epoch milliseconds',
      `SELECT 1709251200000 AS ts, 1.0 AS close UNION ALL SELECT 1709285400250, 2.0`,
      expected,
    ],
    [
      'YYYYMMDD integers',
      `SELECT 20240301 AS date, 1.0 AS close UNION ALL SELECT 20240304, 2.0`,
      [expected[0], Date.UTC(2024, 2, 4)],
    ],
    [
      'ISO text',
      `SELECT '2024-03-01' AS ts, '1' AS close UNION ALL SELECT '2024-03-01T10:30:00.250+01:00', '2'`,
      expected,
    ],
  ])('reads a %s timestamp column', async (_, select, want) => {
    const src = await open(await parquet(`ts-${_.replace(/\W+/g, '-')}.parquet`, select));
    expect((await collect(src.batches())).map((b) => b.ts)).toEqual(want);
  });

  it('skip: reports every bad row with file, row number and reason, in row order', async () => {
    const file = await parquet(
      'bad.parquet',
      `SELECT * FROM (VALUES ('2024-01-01', 'A', '1'), ('nope', 'A', '2'), ('2024-01-02', 'A', 'x'), ('2024-01-03', NULL, '3'), ('2024-01-04', 'A', '-5'), ('2024-01-05', 'A', '6'), ('2024-01-05', 'A', '7')) t(ts, symbol, close)`,
    );
    const rejects: RejectOutcome[] = [];
    const src = await open(file, { onBadRow: 'skip', onReject: (r) => rejects.push(r) });
    const bars = await collect(src.batches());
    expect(bars.map((b) => b.close)).toEqual([1, 6]);
    expect(rejects.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '2: ts is `nope`, not a timestamp (expected a date, a timestamp, ISO-8601 text or epoch seconds/milliseconds)',
      '3: close is `x`, expected a finite positive number',
      '4: symbol is NULL',
      '5: close is `-5`, expected a finite positive number',
      '7: duplicate bar for A at 2024-01-05 (row 6); timestamps must increase within a symbol',
    ]);
    expect(rejects.every((r) => r.source === file)).toBe(true);
  });

  it('fail: the first bad row stops the open, naming file and row', async () => {
    const file = await parquet(
      'bad2.parquet',
      `SELECT * FROM (VALUES (DATE '2024-01-01', 1.0), (DATE '2024-01-02', -1.0)) t(date, close)`,
    );
    await expect(openParquet(file)).rejects.toThrow(DataError);
    await expect(openParquet(file)).rejects.toThrow(
      /bad2\.parquet: row 2: close is `-1\.0`, expected a finite positive number/,
    );
    const dup = await open(
      await parquet(
        'dup.parquet',
        `SELECT * FROM (VALUES (DATE '2024-01-01', 1.0), (DATE '2024-01-01', 2.0)) t(date, close)`,
      ),
    );
    await expect(collect(dup.batches())).rejects.toThrow(
      /dup\.parquet: row 2: duplicate bar for DUP at 2024-01-01 \(row 1\)/,
    );
  });

  it('names a missing file, a non-Parquet file, a missing column, a bad column type and an unknown symbol', async () => {
    await expect(openParquet(join(dir, 'none.parquet'))).rejects.toThrow(
      /data file not found: .*none\.parquet/,
    );
    await expect(openParquet('data/README.md')).rejects.toThrow(
      /README\.md: not a readable Parquet file/,
    );
    const noClose = await parquet(
      'noclose.parquet',
      `SELECT DATE '2024-01-01' AS date, 1 AS volume`,
    );
    await expect(openParquet(noClose)).rejects.toThrow(
      /noclose\.parquet: no price column \(expected one of close, price, last\); the header is: date, volume/,
    );
    const timeOnly = await parquet('time.parquet', `SELECT TIME '09:30' AS ts, 1.0 AS close`);
    await expect(openParquet(timeOnly)).rejects.toThrow(/column `ts` has type TIME/);
    await expect(
      openParquet('data/eu-stock-markets.parquet', { symbols: ['DAX', 'NOPE'] }),
    ).rejects.toThrow(InputError);
  });

  it('streams with bounded memory: heap growth stays far below the size of the materialised bars', async () => {
    const rows = 600_000;
    const file = await parquet(
      'big.parquet',
      `SELECT TIMESTAMP '2020-01-01' + to_seconds(i // 100) AS ts, 'S' || lpad(CAST(i % 100 AS VARCHAR), 3, '0') AS symbol, 100 + (i % 7) AS close FROM range(${rows}) t(i)`,
    );
    const src = await open(file, { memoryLimit: '256MB' });
    const before = heapAfterGc();
    let n = 0;
    let peak = 0;
    for await (const batch of src.batches()) {
      n += batch.length;
      if (n % 100_000 < batch.length) peak = Math.max(peak, heapAfterGc() - before);
    }
    expect(n).toBe(rows);
    // 600k Bar objects would take ~60 MB; streaming holds a few chunks.
    expect(peak).toBeLessThan(15_000_000);
  });

  it('data.timezone: naive timestamps, dates, text and YYYYMMDD numbers are wall-clock times of the zone', async () => {
    const file = await parquet(
      'zoned.parquet',
      `SELECT * FROM (VALUES (TIMESTAMP '2024-01-02 09:30', DATE '2024-01-02', '2024-07-02 09:30', 20240102, TIMESTAMPTZ '2024-01-02 09:30:00+00', 'A', 1.0)) t(naive, d, txt, num, tz, symbol, close)`,
    );
    const ts = async (column: string, timezone?: string) => {
      const src = await open(file, { columns: { ts: column }, ...(timezone ? { timezone } : {}) });
      return (await collect(src.batches()))[0]?.ts;
    };
    const ny = 'America/New_York';
    expect(await ts('naive')).toBe(Date.UTC(2024, 0, 2, 9, 30));
    expect(await ts('naive', ny)).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(await ts('d', ny)).toBe(Date.UTC(2024, 0, 2, 5));
    expect(await ts('txt', ny)).toBe(Date.UTC(2024, 6, 2, 13, 30));
    expect(await ts('num', ny)).toBe(Date.UTC(2024, 0, 2, 5));
    expect(await ts('tz', ny)).toBe(Date.UTC(2024, 0, 2, 9, 30));
  });

  it('a symbol with a control character is a bad row, reported escaped', async () => {
    const file = await parquet(
      'ctl.parquet',
      `SELECT * FROM (VALUES (DATE '2024-01-02', 'A', 1.0), (DATE '2024-01-02', 'B' || chr(27) || '[31m', 2.0), (DATE '2024-01-02', 'C' || chr(0), 3.0)) t(date, symbol, close)`,
    );
    const rejects: RejectOutcome[] = [];
    const src = await open(file, { onBadRow: 'skip', onReject: (r) => rejects.push(r) });
    expect(src.symbols).toEqual(['A']);
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [2, 'symbol is `B\\x1b[31m`, which contains a control character (symbols must be printable)'],
      [3, 'symbol is `C\\x00`, which contains a control character (symbols must be printable)'],
    ]);
  });
});
