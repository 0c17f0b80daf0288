import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

const dir = tempDir('livemodel-feeds-e2e-');
const PREDICTIONS_HASH = `SELECT md5(string_agg(concat_ws('|', symbol, ts, role, model_version, score, label, loss), ';' ORDER BY symbol, ts, role)) AS h FROM predictions`;

function write(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

async function hash(out: string, where = ''): Promise<string> {
  return (
    await queryFile(
      join(out, 'run.duckdb'),
      PREDICTIONS_HASH.replace('FROM predictions', `FROM predictions ${where}`),
    )
  )[0]?.h;
}

describe('livemodel run on the Parquet and synthetic scenarios (end to end)', () => {
  const pq = join(dir, 'pq');
  const csv = join(dir, 'csv');
  const syn = join(dir, 'syn');
  let synOut = '';

  beforeAll(() => {
    expect(
      runCli([
        'run',
        'scenarios/parquet-quickstart.yaml',
        '--seed',
        '3',
        '--symbols',
        'DAX,SMI',
        '--out',
        pq,
        '--quiet',
      ]).code,
    ).toBe(0);
    expect(
      runCli([
        'run',
        'scenarios/quickstart.yaml',
        '--seed',
        '3',
        '--symbols',
        'DAX,SMI',
        '--out',
        csv,
        '--quiet',
      ]).code,
    ).toBe(0);
    const r = runCli(['run', 'scenarios/synthetic-regimes.yaml', '--out', syn]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    synOut = r.stdout;
  });

  it('parquet-quickstart records exactly what the CSV quickstart records', async () => {
    expect(await hash(pq)).toBe(await hash(csv));
    const [run] = await queryFile(join(pq, 'run.duckdb'), `SELECT status, bars, data FROM runs`);
    expect(run).toEqual({
      status: 'complete',
      bars: '3720',
      data: '../data/eu-stock-markets.parquet',
    });
  });

  it('synthetic-regimes runs 20 symbols × 3,000 bars straight from the generator', async () => {
    // 20 symbols: the end-of-run table keeps the 3 best and 3 worst by model return
    expect(synOut).toContain('variant model — top 3 and bottom 3 of 20 symbols by model return');
    expect(synOut).toContain('… 14 more');
    expect(synOut.match(/^S0\d\d\s/gm)).toHaveLength(6);
    const file = join(syn, 'run.duckdb');
    const [run] = await queryFile(file, `SELECT status, bars, seed, data FROM runs`);
    expect(run).toEqual({
      status: 'complete',
      bars: '60000',
      seed: '7',
      data: 'synthetic(symbols=20, bars=3000, seed=7)',
    });
    const rows = await queryFile(
      file,
      `SELECT count(DISTINCT symbol) AS s, min(ts)::VARCHAR AS first FROM predictions WHERE role = 'champion'`,
    );
    expect(rows[0]).toEqual({ s: '20', first: expect.stringMatching(/^2010-0/) });
  });

  it('generate writes the same market to a file, with its ground truth; running on it gives the same outcomes', async () => {
    // each symbol's actor depends on its own bars only, so one symbol is enough to compare
    const out = join(dir, 'gen', 'market.parquet');
    const spec = write(
      'spec.yaml',
      readFileSync(join(ROOT, 'scenarios/synthetic-regimes.yaml'), 'utf8')
        .split('data:\n  synthetic:\n')[1]!
        .split('\nhorizon:')[0]!
        .replace(/^ {4}/gm, ''),
    );
    const g = runCli(['generate', out, '--spec', spec, '--seed', '7']);
    expect(g.stderr).toBe('');
    expect(g.code).toBe(0);
    expect(g.stdout).toMatch(/generated 60,000 bars \(20 symbols × 3000 bars, seed 7\)/);
    for (const f of [
      'market.parquet',
      'market.regimes.parquet',
      'market.drifts.parquet',
      'market.truth.json',
    ])
      expect(existsSync(join(dir, 'gen', f))).toBe(true);
    const truth = JSON.parse(readFileSync(join(dir, 'gen', 'market.truth.json'), 'utf8'));
    expect(truth.drifts.map((d: { bar: number }) => d.bar)).toEqual([1000, 2000]);
    const fromFile = join(dir, 'fromfile');
    expect(
      runCli([
        'run',
        'scenarios/synthetic-regimes.yaml',
        '--data',
        out,
        '--symbols',
        'S007',
        '--out',
        fromFile,
        '--quiet',
      ]).code,
    ).toBe(0);
    expect(await hash(fromFile)).toBe(await hash(syn, `WHERE symbol = 'S007'`));
  });
});

describe('livemodel run: data options through the CLI', () => {
  const msft = join(ROOT, 'data/msft-2000-2001.csv');
  const small = write(
    'small.yaml',
    `name: small\ndata:\n  file: ${msft}\nlifecycle:\n  warmupBars: 30\n`,
  );

  it('a wide CSV runs one actor per column, and a gap is recorded as a data_gap alert', async () => {
    const lines = ['date,AAA,BBB'];
    for (let i = 0; i < 120; i++) {
      const d = new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      lines.push(
        `${d},${(100 + Math.sin(i) * 3).toFixed(2)},${i >= 60 && i < 75 ? '' : (50 + Math.cos(i)).toFixed(2)}`,
      );
    }
    const f = write('wide.csv', `${lines.join('\n')}\n`);
    const s = write('wide.yaml', `name: wide\ndata:\n  file: ${f}\nlifecycle:\n  warmupBars: 30\n`);
    const out = join(dir, 'wide');
    const r = runCli(['run', s, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('1 data gap(s) recorded in alerts');
    const alerts = await queryFile(
      join(out, 'run.duckdb'),
      `SELECT symbol, ts::VARCHAR AS ts, kind, severity, message FROM alerts WHERE kind = 'data_gap'`,
    );
    expect(alerts).toEqual([
      {
        symbol: 'BBB',
        ts: '2021-03-17 00:00:00',
        kind: 'data_gap',
        severity: 'warning',
        message: 'BBB: no value in 15 rows between 2021-03-01 and 2021-03-17',
      },
    ]);
    const [n] = await queryFile(
      join(out, 'run.duckdb'),
      `SELECT count(DISTINCT symbol) AS n FROM predictions`,
    );
    expect(n?.n).toBe('2');
    // --speed paces the same replay: 120 daily bars at 1e9× market time take about 10 ms
    const paced = join(dir, 'wide-paced');
    expect(runCli(['run', s, '--out', paced, '--quiet', '--speed', '1e9']).code).toBe(0);
    expect(await hash(paced)).toBe(await hash(out));
  });

  it('--speed must be a number > 0', () => {
    const bad = runCli(['run', small, '--out', join(dir, 'x'), '--speed', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(
      'livemodel: --speed expects a number > 0 (market time per real time, 60 = a minute per second), got `0`',
    );
  });
});
