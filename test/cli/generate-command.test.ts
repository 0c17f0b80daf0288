import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGenerateCommand } from '../../src/cli/generate-command.ts';
import { InputError } from '../../src/core/index.ts';
import { tempDir } from '../helpers/cli.ts';

describe('runGenerateCommand', () => {
  it('doc example (scaled down)', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    await runGenerateCommand(
      [join(dir, 'out/market.parquet'), '--symbols', '5', '--bars', '500', '--drifts', '200,400'],
      (l) => lines.push(l),
    );
    for (const f of [
      'market.parquet',
      'market.regimes.parquet',
      'market.drifts.parquet',
      'market.truth.json',
    ])
      expect(existsSync(join(dir, 'out', f))).toBe(true);
    expect(lines[0]).toMatch(
      /^generated 2,500 bars \(5 symbols × 500 bars, seed 42\) in [\d.]+ s$/,
    );
  });

  it('takes a spec file, overridden by options', async () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.yaml');
    writeFileSync(
      spec,
      'symbols: 3\nbars: 50\nsignal: { lookbacks: [1, 3], coefficients: [0.2, 0.1] }\njumps: { mean: -0.1 }\n',
    );
    await runGenerateCommand(
      [
        join(dir, 'm.csv'),
        '--spec',
        spec,
        '--bars',
        '40',
        '--jumps',
        '0.5',
        '--coefficients',
        '0.1,0.1',
        '--drifts',
        '20',
        '--drift-kind',
        'rotate',
        '--drift-over',
        '5',
        '--scope',
        'market',
        '--close-only',
        '--interval',
        '1h',
      ],
      () => {},
    );
    const truth = JSON.parse(readFileSync(join(dir, 'm.truth.json'), 'utf8'));
    expect(truth.spec).toMatchObject({
      symbols: 3,
      bars: 40,
      regimeScope: 'market',
      ohlc: false,
      intervalMs: 3_600_000,
      lookbacks: [1, 3],
      coefficients: [0.1, 0.1],
      jumps: { probability: 0.5, mean: -0.1 },
    });
    expect(truth.drifts).toMatchObject([{ bar: 20, kind: 'rotate', overBars: 5 }]);
    expect(readFileSync(join(dir, 'm.csv'), 'utf8').split('\n')[0]).toBe('ts,symbol,close');
  });

  it('names a bad option and its value', async () => {
    const out = join(tempDir(), 'g.csv');
    const cases: Array<[string[], RegExp]> = [
      [['--bars', 'many'], /^--bars expects a number, got `many`$/],
      [['--drifts', '10,x'], /^--drifts expects a number, got `x`$/],
      [['--drift-kind', 'twist'], /^--drift-kind expects flip or rotate, got `twist`$/],
      [['--scope', 'world'], /^--scope expects symbol or market, got `world`$/],
      [['--bars', '1'], /`synthetic\.bars` to be an integer >= 2, got `1`/],
      [['--spec', '/nope.yaml'], /--spec: file not found: \/nope\.yaml/],
    ];
    for (const [args, message] of cases) {
      const run = runGenerateCommand([out, ...args], () => {});
      await expect(run).rejects.toThrow(InputError);
      await expect(runGenerateCommand([out, ...args], () => {})).rejects.toThrow(message);
    }
    await expect(runGenerateCommand([], () => {})).rejects.toThrow(
      /generate expects one output file/,
    );
    await expect(runGenerateCommand([join(tempDir(), 'g.json')], () => {})).rejects.toThrow(
      /output file to end in \.csv or \.parquet/,
    );
  });
});
