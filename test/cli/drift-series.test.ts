import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { createDetector } from '../../src/drift/index.ts';
import { runDriftCommand } from '../../src/cli/drift-series.ts';
import { bernoulliStream, signalIndices } from '../drift/streams.ts';

describe('runDriftCommand', () => {
  it('doc example', () => {
    const r = runDriftCommand({
      detector: 'page_hinkley',
      params: { threshold: 5 },
      text: '0\n0\n9\n',
      fileName: 'e.txt',
    });
    expect(r).toEqual({
      detector: 'page_hinkley',
      params: { min_instances: 30, delta: 0.005, threshold: 5, alpha: 0.9999 },
      n: 3,
      drifts: [],
      warnings: [],
    });
  });

  it('lists the index of the value after which each signal came', () => {
    const xs = bernoulliStream(1, 3000, 0.2, 0.6, 1500);
    const r = runDriftCommand({
      detector: 'ddm',
      params: {},
      text: `${xs.join('\n')}\n`,
      fileName: 'e.txt',
    });
    expect(r.n).toBe(3000);
    expect(r.drifts).toEqual(signalIndices(createDetector('ddm'), xs));
    expect(r.warnings).toEqual(signalIndices(createDetector('ddm'), xs, 'warning'));
    expect(r.drifts.length).toBeGreaterThan(0);
  });

  it('reads a CSV column by header name and skips blank lines', () => {
    const text = 'ts,"err, flag",other\n1,0,x\n\n2,1,y\r\n3,"0",z\n';
    const r = runDriftCommand({
      detector: 'adwin',
      params: { clock: 1 },
      text,
      column: 'err, flag',
      fileName: 'a.csv',
    });
    expect(r.n).toBe(3);
    expect(r.params['clock']).toBe(1);
  });

  it('names file and line on bad input', () => {
    const run =
      (text: string, column?: string, detector = 'adwin') =>
      () =>
        runDriftCommand({
          detector,
          params: {},
          text,
          fileName: 'data/e.csv',
          ...(column === undefined ? {} : { column }),
        });
    expect(run('1\n2\nabc\n')).toThrow(InputError);
    expect(run('1\n2\nabc\n')).toThrow(
      'Expected a finite number at data/e.csv:3, got `"abc"` (string)',
    );
    expect(run('a,b\n1,2\n3,\n', 'b')).toThrow('data/e.csv:3');
    expect(run('a,b\n1,2\n', 'c')).toThrow('Expected column `c` in data/e.csv:1, got columns a, b');
    expect(run('0\n2\n', undefined, 'eddm')).toThrow(
      'Expected 0 or 1 (error flags) for `eddm`, got `2` (number) at data/e.csv:2',
    );
    expect(run('1\n', undefined, 'adwn')).toThrow('did you mean `adwin`?');
  });
});
