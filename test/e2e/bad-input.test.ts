import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, InputError } from '../../src/core/index.ts';
import { runScenario } from '../../src/runner/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { ROOT, runCli, runCliInProcess, tempDir } from '../helpers/cli.ts';
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
  it('missing scenario file (a real process: exit 2, one line, no stack trace)', () => {
    expectOneLineError(
      runCli(['run', join(dir, 'nope.yaml'), '--out', join(dir, 'o1')]),
      2,
      /scenario file not found: .*nope\.yaml/,
    );
  });

  it('missing data file', async () => {
    expectOneLineError(
      await runCliInProcess([
        'run',
        good,
        '--data',
        join(dir, 'missing.csv'),
        '--out',
        join(dir, 'o2'),
      ]),
      2,
      /data file not found: .*missing\.csv/,
    );
  });

  it('missing price column names the file, what was expected and the header', async () => {
    const f = csv('nocol.csv', 'date,symbol,volume\n2020-01-01,A,5\n');
    expectOneLineError(
      await runCliInProcess(['run', good, '--data', f, '--out', join(dir, 'o3')]),
      2,
      /nocol\.csv: no price column \(expected one of close, price, last\); the header is: date, symbol, volume/,
    );
  });

  it('non-numeric price names file:line and the value', async () => {
    const f = csv('nan.csv', 'date,symbol,close\n2020-01-01,A,10\n2020-01-02,A,abc\n');
    expectOneLineError(
      await runCliInProcess(['run', good, '--data', f, '--out', join(dir, 'o4')]),
      2,
      /nan\.csv:3: close is `abc`, expected a finite positive number/,
    );
  });

  it('empty file', async () => {
    const f = csv('empty.csv', '');
    expectOneLineError(
      await runCliInProcess(['run', good, '--data', f, '--out', join(dir, 'o5')]),
      2,
      /empty\.csv is empty/,
    );
  });

  it('timestamps going backwards within a symbol', async () => {
    const f = csv(
      'order.csv',
      'date,symbol,close\n2020-01-01,A,10\n2020-01-03,A,11\n2020-01-02,A,12\n',
    );
    expectOneLineError(
      await runCliInProcess(['run', good, '--data', f, '--out', join(dir, 'o6')]),
      2,
      /order\.csv:4: timestamps go backwards for A: 2020-01-02 after 2020-01-03 \(line 3\)/,
    );
  });

  it('unknown scenario field, with a near-miss suggestion', async () => {
    const s = scenario(
      'typo',
      'name: typo\ndata:\n  file: ../../data/eu-stock-markets.csv\nlifecycle:\n  warmupBar: 30\n',
    );
    expectOneLineError(
      await runCliInProcess(['run', s, '--out', join(dir, 'o7')]),
      2,
      /typo\.yaml: unknown field `lifecycle\.warmupBar` \(did you mean `lifecycle\.warmupBars`\?\)/,
    );
  });

  it('bad scenario value names the field, the expectation and the value with its type', async () => {
    const s = scenario(
      'badval',
      'name: badval\ndata:\n  file: ../../data/eu-stock-markets.csv\nhorizon: 0\n',
    );
    expectOneLineError(
      await runCliInProcess(['run', s, '--out', join(dir, 'o8')]),
      2,
      /badval\.yaml: `horizon`: Too small: expected number to be >=1, got `0` \(number\)/,
    );
  });

  it('unknown symbol lists the symbols the file has', async () => {
    expectOneLineError(
      await runCliInProcess(['run', good, '--symbols', 'XYZ', '--out', join(dir, 'o9')]),
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
    const r = await runCliInProcess(['run', s, '--out', out]);
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

  it('every kind of bad price or time is bad input naming file:line (Infinity, negative, zero, NaN, duplicate); the CLI exits 2', async () => {
    const cases: [string, string, RegExp][] = [
      ['inf.csv', '2020-01-02,A,Infinity', /inf\.csv:3: /],
      ['neg.csv', '2020-01-02,A,-5', /neg\.csv:3: /],
      ['zero.csv', '2020-01-02,A,0', /zero\.csv:3: /],
      ['nan.csv', '2020-01-02,A,NaN', /nan\.csv:3: /],
      ['dup.csv', '2020-01-01,A,11', /dup\.csv:3: /],
    ];
    // in this process (no CLI start-up each): the error class decides the exit code
    for (const [name, row, pattern] of cases) {
      const f = csv(name, `date,symbol,close\n2020-01-01,A,10\n${row}\n2020-01-03,A,12\n`);
      const error = await runScenario(
        { scenario: good, data: f },
        { out: join(dir, `x-${name}`) },
      ).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error instanceof InputError || error instanceof DataError, name).toBe(true);
      expect((error as Error).message, name).toMatch(pattern);
    }
    // and the CLI maps both classes to exit 2 with one line
    const f = csv('inf2.csv', 'date,symbol,close\n2020-01-01,A,10\n2020-01-02,A,Infinity\n');
    expectOneLineError(
      await runCliInProcess(['run', good, '--data', f, '--out', join(dir, 'x-inf2')]),
      2,
      /inf2\.csv:3: /,
    );
  });

  it('finite but absurd prices (1e308 next to 1e-308) are bad data naming the file, symbol and time; skipped, the run and its summary complete', async () => {
    const rows = Array.from(
      { length: 120 },
      (_, i) =>
        `2020-01-01T${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z,X,${i % 2 === 0 ? '1e-308' : '1e308'}`,
    );
    const f = csv('extreme.csv', `date,symbol,close\n${rows.join('\n')}\n`);
    const error = await runScenario({ scenario: good, data: f }, { out: join(dir, 'x-ext') }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(
      /extreme\.csv: symbol "X" at 2020-01-01T00:01:00\.000Z: close 1e\+308 is about 1e616 × the previous close 1e-308/,
    );
    const out = join(dir, 'x-ext-skip');
    const result = await runScenario(
      { scenario: good, data: f, set: [['data.onBadRow', 'skip']] },
      { out },
    );
    expect(result.status).toBe('complete');
    // every other bar is refused: each 1e308 is 1e616 × the 1e-308 kept before it
    const [n] = await queryFile(join(out, 'run.duckdb'), 'SELECT count(*) AS n FROM data_rejects');
    expect(n?.n).toBe('60');
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });

  it('windows, lags and horizons beyond 100,000 bars are refused by validate, naming the field', async () => {
    const cases: [string, RegExp][] = [
      ['horizon=1000000000', /`horizon`/],
      ['features.returnLags=[1, 100000000]', /`features\.returnLags\.1`/],
      ['features.volatilityWindow=2000000000', /`features\.volatilityWindow`/],
      ['lifecycle.recentWindow=1000000000', /`lifecycle\.recentWindow`/],
    ];
    for (const [set, pattern] of cases) {
      const [path, value] = set.split('=') as [string, string];
      expect(() => loadScenario(good, [[path, value]]), set).toThrow(pattern);
    }
    expectOneLineError(
      await runCliInProcess([
        'run',
        good,
        '--set',
        'horizon=1000000000',
        '--out',
        join(dir, 'bounds'),
      ]),
      2,
      /`horizon`/,
    );
  });

  it('a run too short to label anything is complete but says so in the table, summary.json and --json', async () => {
    const f = csv(
      'short.csv',
      'date,symbol,close\n2020-01-01,A,10\n2020-01-02,A,11\n2020-01-01,B,5\n2020-01-02,B,6\n',
    );
    const out = join(dir, 'short');
    const r = await runCliInProcess(['run', good, '--data', f, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: no labelled prediction for any of the 2 symbol\(s\)/);
    const j = await runCliInProcess(['run', good, '--data', f, '--out', out, '--json']);
    expect(JSON.parse(j.stdout).warnings).toEqual([
      'no labelled prediction for any of the 2 symbol(s): fewer bars than the features, warmup and horizon need',
    ]);
  });

  it('--verbose is accepted by every command and adds the stack trace to an error', async () => {
    const r = await runCliInProcess(['run', join(dir, 'nothing.yaml'), '--verbose']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `livemodel: scenario file not found: ${join(dir, 'nothing.yaml')}`,
    );
    expect(r.stderr).toMatch(/\n\s+at /);
    expect((await runCliInProcess(['validate', good, '--verbose'])).code).toBe(0);
  });

  it('list counts symbols that contain commas as one each', async () => {
    const f = csv(
      'comma.csv',
      `date,symbol,close\n${Array.from({ length: 150 }, (_, i) => {
        const d = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
        return `${d},"X,Y",${10 + (i % 5)}\n${d},Z,${20 + (i % 3)}`;
      }).join('\n')}\n`,
    );
    const runs = join(dir, 'lists');
    expect(
      (await runCliInProcess(['run', good, '--data', f, '--out', join(runs, 'c'), '--quiet'])).code,
    ).toBe(0);
    const listed = await runCliInProcess(['list', runs, '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)[0].symbols).toBe(2);
  });
});
