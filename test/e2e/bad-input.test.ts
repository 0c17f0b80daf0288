import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

const dir = tempDir('livemodel-bad-');

function scenario(name: string, body: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, body);
  return file;
}

function csv(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

const good = scenario(
  'good',
  `name: good\ndata:\n  file: ${join(ROOT, 'data/eu-stock-markets.csv')}\nlifecycle:\n  warmupBars: 30\n`,
);

function expectOneLineError(
  r: { code: number; stdout: string; stderr: string },
  code: number,
  pattern: RegExp,
): void {
  expect(r.code).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^livemodel: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('bad input ends with one clear line and a non-zero exit', () => {
  it('missing scenario file', () => {
    expectOneLineError(
      runCli(['run', join(dir, 'nope.yaml'), '--out', join(dir, 'o1')]),
      2,
      /scenario file not found: .*nope\.yaml/,
    );
  });

  it('missing data file', () => {
    expectOneLineError(
      runCli(['run', good, '--data', join(dir, 'missing.csv'), '--out', join(dir, 'o2')]),
      2,
      /data file not found: .*missing\.csv/,
    );
  });

  it('missing price column names the file, what was expected and the header', () => {
    const f = csv('nocol.csv', 'date,symbol,volume\n2020-01-01,A,5\n');
    expectOneLineError(
      runCli(['run', good, '--data', f, '--out', join(dir, 'o3')]),
      2,
      /nocol\.csv: no price column \(expected one of close, price, last\); the header is: date, symbol, volume/,
    );
  });

  it('non-numeric price names file:line and the value', () => {
    const f = csv('nan.csv', 'date,symbol,close\n2020-01-01,A,10\n2020-01-02,A,abc\n');
    expectOneLineError(
      runCli(['run', good, '--data', f, '--out', join(dir, 'o4')]),
      2,
      /nan\.csv:3: close is `abc`, expected a finite positive number/,
    );
  });

  it('empty file', () => {
    const f = csv('empty.csv', '');
    expectOneLineError(
      runCli(['run', good, '--data', f, '--out', join(dir, 'o5')]),
      2,
      /empty\.csv is empty/,
    );
  });

  it('timestamps going backwards within a symbol', () => {
    const f = csv(
      'order.csv',
      'date,symbol,close\n2020-01-01,A,10\n2020-01-03,A,11\n2020-01-02,A,12\n',
    );
    expectOneLineError(
      runCli(['run', good, '--data', f, '--out', join(dir, 'o6')]),
      1,
      /order\.csv:4: timestamps go backwards for A: 2020-01-02 after 2020-01-03 \(line 3\)/,
    );
  });

  it('unknown scenario field, with a near-miss suggestion', () => {
    const s = scenario(
      'typo',
      'name: typo\ndata:\n  file: ../../data/eu-stock-markets.csv\nlifecycle:\n  warmupBar: 30\n',
    );
    expectOneLineError(
      runCli(['run', s, '--out', join(dir, 'o7')]),
      2,
      /typo\.yaml: unknown field `lifecycle\.warmupBar` \(did you mean `lifecycle\.warmupBars`\?\)/,
    );
  });

  it('bad scenario value names the field, the expectation and the value with its type', () => {
    const s = scenario(
      'badval',
      'name: badval\ndata:\n  file: ../../data/eu-stock-markets.csv\nhorizon: 0\n',
    );
    expectOneLineError(
      runCli(['run', s, '--out', join(dir, 'o8')]),
      2,
      /badval\.yaml: `horizon`: Too small: expected number to be >=1, got `0` \(number\)/,
    );
  });

  it('unknown symbol lists the symbols the file has', () => {
    expectOneLineError(
      runCli(['run', good, '--symbols', 'XYZ', '--out', join(dir, 'o9')]),
      2,
      /symbol XYZ not found; the file has CAC, DAX, FTSE, SMI/,
    );
  });

  it('writes nothing presented as a result when the input is bad', () => {
    expect(existsSync(join(dir, 'o4', 'report.html'))).toBe(false);
    expect(existsSync(join(dir, 'o4', 'summary.json'))).toBe(false);
  });

  it('with onBadRow: skip, rejected rows are recorded in data_rejects and counted', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 60; i++)
      rows.push(
        `2020-01-${String((i % 28) + 1).padStart(2, '0')}T${String(Math.floor(i / 28)).padStart(2, '0')}:00:00Z,A,${100 + Math.sin(i)}`,
      );
    rows.sort();
    rows.splice(9, 0, '2020-01-05T09:00:00Z,A,oops'); // file line 11 (after the header)
    const f = csv('skip.csv', `date,symbol,close\n${rows.join('\n')}\n`);
    const s = scenario(
      'skip',
      `name: skip\ndata:\n  file: skip.csv\n  onBadRow: skip\nlifecycle:\n  warmupBars: 25\n`,
    );
    const out = join(dir, 'o10');
    const r = runCli(['run', s, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 rejected row(s) recorded in data_rejects');
    const rej = await queryFile(
      join(out, 'run.duckdb'),
      'SELECT source, line, reason FROM data_rejects',
    );
    expect(rej).toEqual([
      { source: f, line: '11', reason: 'close is `oops`, expected a finite positive number' },
    ]);
    const [run] = await queryFile(join(out, 'run.duckdb'), 'SELECT rejects FROM runs');
    expect(run?.rejects).toBe('1');
  });
});
