import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSweepFile, loadSweepFile } from '../../src/scenario/index.ts';
import { ROOT, tempDir } from '../helpers/cli.ts';

const dir = tempDir('livemodel-sweepfile-');
const BASE = 'name: s\ndata: { file: x.csv }\n';
const write = (name: string, sweep: string): string => {
  const f = join(dir, name);
  writeFileSync(f, `${BASE}sweep:\n${sweep}`);
  return f;
};

describe('sweep files', () => {
  it('doc example: the quickstart sweep', () => {
    const { spec, base, text } = loadSweepFile(join(ROOT, 'scenarios/quickstart-sweep.yaml'));
    expect(Object.keys(spec.parameters)).toEqual(['model.learningRate', 'lifecycle.warmupBars']);
    expect(spec).toMatchObject({ shards: 1, metric: 'sharpe' });
    expect(base.name).toBe('quickstart-sweep');
    expect(text).not.toMatch(/^sweep:/m);
    expect(text).toContain('# yaml-language-server');
    expect(isSweepFile(join(ROOT, 'scenarios/quickstart-sweep.yaml'))).toBe(true);
    expect(isSweepFile(join(ROOT, 'scenarios/quickstart.yaml'))).toBe(false);
  });

  it('names the field of a bad sweep block, with a suggestion for a near-miss', () => {
    expect(() =>
      loadSweepFile(
        write('m.yaml', '  parameters: { model.learningRate: [0.1] }\n  metric: sharp\n'),
      ),
    ).toThrow(
      /m\.yaml: `sweep\.metric`: expected one of sharpe, total_return, .* got `"sharp"` \(string\) \(did you mean `sharpe`\?\)/,
    );
    expect(() => loadSweepFile(write('u.yaml', '  parameter: { a: [1] }\n'))).toThrow(
      /unknown field `sweep\.parameter` \(did you mean `sweep\.parameters`\?\)/,
    );
    expect(() => loadSweepFile(write('s.yaml', '  parameters: { a: [1] }\n  shards: 0\n'))).toThrow(
      /`sweep\.shards`: Too small: expected number to be >=1, got `0` \(number\)/,
    );
    expect(() =>
      loadSweepFile(write('v.yaml', '  parameters: { model.learningRate: 0.1 }\n')),
    ).toThrow(
      /`sweep\.parameters\.model\.learningRate`: expected array, received number, got `0\.1` \(number\)/,
    );
  });

  it('refuses an empty grid: no parameters and no seeds, or an empty list', () => {
    expect(() => loadSweepFile(write('e1.yaml', '  metric: sharpe\n'))).toThrow(
      /e1\.yaml: `sweep`: empty grid: give `sweep\.parameters`/,
    );
    expect(() =>
      loadSweepFile(write('e2.yaml', '  parameters: { model.learningRate: [] }\n')),
    ).toThrow(/`sweep\.parameters\.model\.learningRate`: .*at least one value/);
  });

  it('checks distinct values, heatmap axes and the seed parameter', () => {
    expect(() => loadSweepFile(write('d.yaml', '  parameters: { a: [1, 1] }\n'))).toThrow(
      /`sweep\.parameters\.a`: values must be distinct, got `1` \(number\) twice/,
    );
    expect(() =>
      loadSweepFile(write('h.yaml', '  parameters: { a: [1], b: [2] }\n  heatmap: [a, c]\n')),
    ).toThrow(/`sweep\.heatmap`: `c` is not a swept parameter \(parameters: a, b\)/);
    expect(() =>
      loadSweepFile(write('p.yaml', '  parameters: { seed: [1, 2] }\n  seeds: [3]\n')),
    ).toThrow(/`sweep\.parameters\.seed`: give seeds once, in `sweep\.seeds`/);
  });

  it('validates the rest as a normal scenario', () => {
    const f = join(dir, 'bad-scenario.yaml');
    writeFileSync(
      f,
      'name: s\ndata: { file: x.csv }\nlifecycle: { warmupBar: 3 }\nsweep:\n  seeds: [1]\n',
    );
    expect(() => loadSweepFile(f)).toThrow(
      /unknown field `lifecycle\.warmupBar` \(did you mean `lifecycle\.warmupBars`\?\)/,
    );
  });
});
