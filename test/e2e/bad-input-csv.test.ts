import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

const dir = tempDir('livemodel-hostile-');

/**
 * A hostile CSV through the real CLI (issue 18): gzip-compressed, `;`-delimited, CRLF with a
 * byte-order mark, a quoted note with a delimiter and a line break, times without an offset
 * (read in data.timezone), a bad price and a symbol with an escape sequence.
 */
function hostileFile(): { file: string; lines: { oops: number; escape: number } } {
  const records: string[] = ['\uFEFFdate;symbol;close;note'];
  const lines = { oops: 0, escape: 0 };
  let line = 1;
  const push = (record: string) => {
    line += (records.at(-1) as string).split('\n').length; // the lines of the record before
    records.push(record);
    return line;
  };
  for (let d = 0; d < 60; d++) {
    const day = new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    for (const [s, base] of [
      ['A', 100],
      ['B', 50],
    ] as const) {
      const close = (base * (1 + 0.01 * Math.sin(d * (s === 'A' ? 1 : 1.7)))).toFixed(4);
      push(
        `${day} 09:30;${s};${close};${d === 3 && s === 'A' ? '"a note; over\r\ntwo lines"' : ''}`,
      );
    }
    if (d === 10) lines.oops = push(`${day} 10:30;A;oops;`);
    if (d === 20) lines.escape = push(`${day} 09:30;C\u001b[2J;5;`);
  }
  const file = join(dir, 'hostile.csv.gz');
  writeFileSync(file, gzipSync(`${records.join('\r\n')}\r\n`));
  return { file, lines };
}

function scenario(name: string, data: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}\ndata:\n  file: hostile.csv.gz\n${data}lifecycle:\n  warmupBars: 25\n`,
  );
  return file;
}

describe('a hostile CSV file through livemodel run', () => {
  const { file, lines } = hostileFile();

  it('onBadRow: skip records each bad row with its file line in data_rejects; data.timezone places the bars', async () => {
    const out = join(dir, 'skip');
    const s = scenario('skip', '  onBadRow: skip\n  timezone: America/New_York\n');
    const r = await runCliInProcess(['run', s, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const run = join(out, 'run.duckdb');
    expect(
      await queryFile(
        run,
        'SELECT source, line::INTEGER AS line, reason FROM data_rejects ORDER BY line',
      ),
    ).toEqual([
      {
        source: file,
        line: lines.oops,
        reason: 'close is `oops`, expected a finite positive number',
      },
      {
        source: file,
        line: lines.escape,
        reason:
          'symbol is `C\\x1b[2J`, which contains a control character (symbols must be printable)',
      },
    ]);
    // The quoted line break counts: the bad rows are one line further down than their record.
    expect(lines.oops).toBe(2 + 2 * 11 + 1);
    const symbols = await queryFile(
      run,
      'SELECT DISTINCT symbol::VARCHAR AS s FROM equity ORDER BY s',
    );
    expect(symbols.map((x) => x.s)).toEqual(['A', 'B']);
    // 09:30 in New York in January and February (EST, UTC−5) is 14:30 UTC.
    const times = await queryFile(run, "SELECT DISTINCT strftime(ts, '%H:%M') AS t FROM equity");
    expect(times).toEqual([{ t: '14:30' }]);
  });

  it('onBadRow: fail (the default) stops at the first bad row with one line naming file:line', async () => {
    const r = await runCliInProcess(['run', scenario('fail', ''), '--out', join(dir, 'fail')]);
    expect(r.code).toBe(2);
    const stderr = r.stderr.trim().split('\n');
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toBe(
      `livemodel: ${file}:${lines.oops}: close is \`oops\`, expected a finite positive number`,
    );
  });
});
