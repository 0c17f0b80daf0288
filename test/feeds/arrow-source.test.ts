import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DateDay,
  Dictionary,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMillisecond,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import type { RejectOutcome } from '../../src/core/index.ts';
import { type DuckDbSource, loadCsv, openArrow } from '../../src/feeds/index.ts';
import { collect } from '../helpers/bars.ts';
import { tempDir } from '../helpers/cli.ts';

const dir = tempDir('livemodel-arrow-');
const opened: DuckDbSource[] = [];
async function open(
  file: string,
  options: Parameters<typeof openArrow>[1] = {},
): Promise<DuckDbSource> {
  const src = await openArrow(file, options);
  opened.push(src);
  return src;
}
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function write(name: string, table: Table, format: 'file' | 'stream' = 'file'): string {
  const file = join(dir, name);
  writeFileSync(file, tableToIPC(table, format));
  return file;
}

describe('openArrow', () => {
  it('doc example', async () => {
    const file = write(
      'bars.arrow',
      new Table({
        ts: vectorFromArray([Date.UTC(2024, 0, 2)], new TimestampMillisecond()),
        close: vectorFromArray([1.5], new Float64()),
      }),
    );
    const src = await open(file);
    expect(src.symbols).toEqual(['BARS']);
    expect(await collect(src.batches())).toEqual([
      {
        symbol: 'BARS',
        ts: Date.UTC(2024, 0, 2),
        open: Number.NaN,
        high: Number.NaN,
        low: Number.NaN,
        close: 1.5,
        volume: Number.NaN,
      },
    ]);
  });

  it('reads the file and the stream formats, with several record batches, sorted by time then symbol', async () => {
    const csv = await collect((await loadCsv('data/eu-stock-markets.csv')).batches());
    const rev = [...csv].reverse(); // unsorted on purpose
    const batchOf = (part: typeof csv, dictionary = false) =>
      new Table({
        date: vectorFromArray(
          part.map((b) => b.ts),
          new DateDay(),
        ),
        symbol: vectorFromArray(
          part.map((b) => b.symbol),
          dictionary ? new Dictionary(new Utf8(), new Int32()) : new Utf8(),
        ),
        close: vectorFromArray(
          part.map((b) => b.close),
          new Float64(),
        ),
      });
    const twoBatches = batchOf(rev.slice(0, 3000)).concat(batchOf(rev.slice(3000)));
    expect(twoBatches.batches).toHaveLength(2);
    const file = write('eu.arrow', twoBatches);
    const bars = await collect((await open(file)).batches());
    expect(bars.length).toBe(csv.length);
    expect(bars).toEqual(csv);
    // the stream format allows a new dictionary per batch
    const stream = write(
      'eu.arrows',
      batchOf(rev.slice(0, 1000), true).concat(batchOf(rev.slice(1000), true)),
      'stream',
    );
    expect(await collect((await open(stream, { symbols: ['SMI'] })).batches())).toEqual(
      csv.filter((b) => b.symbol === 'SMI'),
    );
  });

  it.each([
    [
      'epoch seconds (Int64)',
      vectorFromArray([1709251200n, 1709285400n], new Int64()),
      [Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 1, 9, 30)],
    ],
    [
      'YYYYMMDD (Int32)',
      vectorFromArray([20240301, 20240304], new Int32()),
      [Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 4)],
    ],
    [
      'ISO text',
      vectorFromArray(['2024-03-01', '2024-03-01T10:30:00+01:00'], new Utf8()),
      [Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 1, 9, 30)],
    ],
    [
      'fractional epoch seconds (Float64)',
      vectorFromArray([1709251200.5, 1709251201], new Float64()),
      [Date.UTC(2024, 2, 1) + 500, Date.UTC(2024, 2, 1) + 1000],
    ],
  ])('reads a %s timestamp column', async (name, ts, want) => {
    const file = write(
      `ts-${name.replace(/\W+/g, '-')}.arrow`,
      new Table({ timestamp: ts, price: vectorFromArray([1, 2], new Float64()) }),
    );
    expect((await collect((await open(file)).batches())).map((b) => b.ts)).toEqual(want);
  });

  it('applies the bad-row policy with 1-based row numbers', async () => {
    const table = new Table({
      ts: vectorFromArray(
        ['2024-01-01', 'bad', '2024-01-02', '2024-01-03', '2024-01-03'],
        new Utf8(),
      ),
      ticker: vectorFromArray(['A', 'A', 'A', 'A', 'A'], new Utf8()),
      close: vectorFromArray([1, 2, Number.NaN, 4, 5], new Float64()),
    });
    const file = write('bad.arrow', table);
    const rejects: RejectOutcome[] = [];
    const src = await open(file, { onBadRow: 'skip', onReject: (r) => rejects.push(r) });
    expect((await collect(src.batches())).map((b) => b.close)).toEqual([1, 4]);
    expect(rejects.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '2: ts is `bad`, not a timestamp (expected a date, a timestamp, ISO-8601 text or epoch seconds/milliseconds)',
      '3: close is `NaN`, expected a finite positive number',
      '5: duplicate bar for A at 2024-01-03 (row 4); timestamps must increase within a symbol',
    ]);
    await expect(openArrow(file)).rejects.toThrow(/bad\.arrow: row 2: ts is `bad`/);
  });

  it('names a file that is not Arrow', async () => {
    await expect(openArrow('data/README.md')).rejects.toThrow(
      /README\.md: not a readable Arrow IPC file/,
    );
  });
});
