import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type Bar, InputError, type RejectOutcome } from '../../src/core/index.ts';
import { loadCsv, openSource } from '../../src/feeds/index.ts';
import { collect } from '../helpers/bars.ts';
import { tempDir } from '../helpers/cli.ts';
import { tempFile } from '../helpers/files.ts';
import { heapAfterGc } from '../helpers/gc.ts';

const rows = (bars: Bar[]) =>
  bars.map((b) => `${new Date(b.ts).toISOString().slice(0, 16)} ${b.symbol} ${b.close}`);

async function bars(file: string, options = {}): Promise<string[]> {
  const src = await loadCsv(file, options);
  try {
    return rows(await collect(src.batches()));
  } finally {
    src.close();
  }
}

const expected = ['2024-01-02T00:00 A 1', '2024-01-02T00:00 B 2', '2024-01-03T00:00 A 3'];

describe('loadCsv reads CSV as a stream', () => {
  it.each([
    ['comma', 'date,symbol,close\n2024-01-02,A,1\n2024-01-02,B,2\n2024-01-03,A,3\n'],
    ['semicolon', 'date;symbol;close\n2024-01-02;A;1\n2024-01-02;B;2\n2024-01-03;A;3\n'],
    ['tab', 'date\tsymbol\tclose\n2024-01-02\tA\t1\n2024-01-02\tB\t2\n2024-01-03\tA\t3\n'],
    [
      'CRLF, a byte-order mark and blank lines',
      '\uFEFFdate,symbol,close\r\n\r\n2024-01-02,A,1\r\n   \r\n2024-01-02,B,2\r\n2024-01-03,A,3',
    ],
    [
      'quoted fields with delimiters, quotes and line breaks',
      'date,symbol,close,note\n2024-01-02,"A",1,"a, b"\n2024-01-02,B,2,"two\nlines ""quoted"""\n2024-01-03,A,3,\n',
    ],
  ])('detects the delimiter and layout: %s', async (_, body) => {
    const src = await loadCsv(tempFile('d.csv', body));
    expect(src.delimiter).toBe(body.includes(';') ? ';' : body.includes('\t') ? '\t' : ',');
    expect(rows(await collect(src.batches()))).toEqual(expected);
    src.close();
  });

  it('numbers rows by the line they start on, counting blank lines and quoted line breaks', async () => {
    const body =
      'date,symbol,close,note\n\n2024-01-02,A,1,"x\ny\nz"\n2024-01-03,A,oops,\n\n2024-01-04,A,2,"q"\n2024-01-05,A\n';
    const rejects: RejectOutcome[] = [];
    const f = tempFile('lines.csv', body);
    await loadCsv(f, { onBadRow: 'skip', onReject: (r) => rejects.push(r) });
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [6, 'close is `oops`, expected a finite positive number'],
      [9, 'expected 4 fields, got 2'],
    ]);
    await expect(loadCsv(f)).rejects.toThrow(/lines\.csv:6: close is `oops`/);
  });

  it('an unclosed quote is one bad row at the line it opens', async () => {
    const f = tempFile(
      'q.csv',
      'date,symbol,close\n2024-01-02,A,1\n2024-01-03,"A,2\n2024-01-04,A,3\n',
    );
    await expect(loadCsv(f)).rejects.toThrow(
      /q\.csv:3: a quoted field opened on this line is not closed before the end of the file$/,
    );
    const rejects: RejectOutcome[] = [];
    const src = await loadCsv(f, { onBadRow: 'skip', onReject: (r) => rejects.push(r) });
    expect(rejects.map((r) => r.line)).toEqual([3]);
    expect(src.size).toBe(1);
    src.close();
  });

  it('reads gzip-compressed files (.csv.gz, .gz, or by content) and names the symbol without .gz', async () => {
    const dir = tempDir();
    const body = 'date,close\n2024-01-02,1\n2024-01-03,2\n';
    for (const name of ['msft.csv.gz', 'msft.gz']) {
      writeFileSync(join(dir, name), gzipSync(body));
      const source = await openSource({ file: join(dir, name) });
      expect(source.format).toBe('csv-long');
      expect(rows(await collect(source.batches()))).toEqual([
        '2024-01-02T00:00 MSFT 1',
        '2024-01-03T00:00 MSFT 2',
      ]);
      source.close();
    }
    writeFileSync(join(dir, 'plain.csv'), gzipSync(body));
    expect(await bars(join(dir, 'plain.csv'))).toHaveLength(2);
    writeFileSync(join(dir, 'broken.csv.gz'), gzipSync(body).subarray(0, 20));
    await expect(loadCsv(join(dir, 'broken.csv.gz'))).rejects.toThrow(
      /broken\.csv\.gz: not a readable gzip file \(unexpected end of file\)/,
    );
    await expect(openSource({ file: join(dir, 'a.parquet.gz') })).rejects.toThrow(
      /a gzip-compressed Parquet file cannot be streamed/,
    );
  });

  it('data.timezone reads times without an offset in that zone; offsets and epochs stay absolute', async () => {
    const f = tempFile(
      'tz.csv',
      'ts,symbol,close\n2024-01-02 09:30,A,1\n2024-07-02T09:30:00,A,2\n2024-07-02T09:30:00Z,B,3\n1704205800,C,4\n20240103,D,5\n',
    );
    const src = await loadCsv(f, { timezone: 'America/New_York' });
    const got = new Map((await collect(src.batches())).map((b) => [b.close, b.ts]));
    src.close();
    expect(got.get(1)).toBe(Date.UTC(2024, 0, 2, 14, 30)); // EST, UTC-5
    expect(got.get(2)).toBe(Date.UTC(2024, 6, 2, 13, 30)); // EDT, UTC-4
    expect(got.get(3)).toBe(Date.UTC(2024, 6, 2, 9, 30));
    expect(got.get(4)).toBe(1704205800000);
    expect(got.get(5)).toBe(Date.UTC(2024, 0, 3, 5)); // a date is midnight in the zone
  });

  it('refuses symbols with control characters, and never echoes them raw', async () => {
    const f = tempFile(
      'ctl.csv',
      'date,symbol,close\n2024-01-02,A,1\n2024-01-02,"B\u0000X",2\n2024-01-02,C\u001b[31m,3\n',
    );
    const rejects: RejectOutcome[] = [];
    const src = await loadCsv(f, { onBadRow: 'skip', onReject: (r) => rejects.push(r) });
    expect(src.symbols).toEqual(['A']);
    src.close();
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([
      [3, 'symbol is `B\\x00X`, which contains a control character (symbols must be printable)'],
      [4, 'symbol is `C\\x1b[31m`, which contains a control character (symbols must be printable)'],
    ]);
    const header = tempFile('h.csv', 'date\u001b[2J,x\u0007\n2024-01-02,1\n');
    const error = await loadCsv(header).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/the header is: date\\x1b\[2J, x\\x07$/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may be echoed
    expect((error as Error).message).not.toMatch(/[\u0000-\u001f]/);
    const wide = tempFile('w.csv', 'date,A\u0001,B\n2024-01-02,1,2\n');
    await expect(loadCsv(wide)).rejects.toThrow(
      /column 2 is named `A\\x01`, which contains a control character/,
    );
  });

  it('a wide file may not name two symbol columns alike', async () => {
    await expect(loadCsv(tempFile('w2.csv', 'date,A,B,A\n2024-01-02,1,2,3\n'))).rejects.toThrow(
      /columns 2 and 4 are both named `A`; a wide file needs one column per symbol/,
    );
  });

  it('stages bars in DuckDB: the JS heap stays far below the size of the file', async () => {
    const file = join(tempDir(), 'big.csv');
    const out = createWriteStream(file);
    out.write('ts,symbol,close\n');
    const symbols = 200;
    const steps = 1500; // 300,000 rows, about 9 MB of text
    for (let t = 0; t < steps; t++) {
      let chunk = '';
      for (let s = 0; s < symbols; s++)
        chunk += `${1_700_000_000 + t * 60},S${String(s).padStart(3, '0')},${t % 250 === 0 && s === 0 ? 'x' : 100 + ((t * 7 + s) % 50)}\n`;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
    const before = heapAfterGc();
    let peak = 0;
    // Planted bad rows (one every 50,000) sample the heap while the file is being read.
    const src = await loadCsv(file, {
      memoryLimit: '128MB',
      onBadRow: 'skip',
      onReject: () => {
        peak = Math.max(peak, heapAfterGc() - before);
      },
    });
    peak = Math.max(peak, heapAfterGc() - before);
    let n = 0;
    let last = -1;
    for await (const batch of src.batches()) {
      for (const b of batch) {
        if (b.ts < last) throw new Error('time went backwards');
        last = b.ts;
      }
      n += batch.length;
      if (n % 65_536 < batch.length) peak = Math.max(peak, heapAfterGc() - before);
    }
    src.close();
    expect(n).toBe(symbols * steps - steps / 250);
    // 300,000 bars as JS objects would take about 30 MB; the text alone is 9 MB.
    expect(peak).toBeLessThan(8_000_000);
  }, 60_000);
});
