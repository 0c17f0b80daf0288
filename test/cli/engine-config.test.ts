import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toEngineConfig } from '../../src/runner/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { ROOT, tempDir } from '../helpers/cli.ts';

describe('toEngineConfig', () => {
  it('doc example: without variants, one variant named model', () => {
    expect(
      toEngineConfig(loadScenario(join(ROOT, 'scenarios/quickstart.yaml'))).variants[0]?.name,
    ).toBe('model');
  });

  it('a variant keeps the scenario’s lifecycle fields it does not set, nested test fields included', () => {
    const file = join(tempDir('livemodel-cfg-'), 'v.yaml');
    writeFileSync(
      file,
      [
        'name: v',
        'data: { file: x.csv }',
        'lifecycle: { warmupBars: 250, epochs: 2, probationBars: 7, test: { minSamples: 60, alpha: 0.1 } }',
        'variants:',
        '  - { name: a, lifecycle: { policy: drift } }',
        '  - { name: b, lifecycle: { policy: periodic, periodBars: 500, test: { alpha: 0.01 } } }',
        '  - { name: c }',
      ].join('\n'),
    );
    const [a, b, c] = toEngineConfig(loadScenario(file)).variants;
    expect(a?.lifecycle).toMatchObject({
      policy: 'drift',
      warmupBars: 250,
      epochs: 2,
      probationBars: 7,
      onlineLearning: false,
      test: { minSamples: 60, alpha: 0.1, method: 'dm' },
    });
    expect(b?.lifecycle).toMatchObject({
      policy: 'periodic',
      periodBars: 500,
      warmupBars: 250,
      test: { minSamples: 60, alpha: 0.01 },
    });
    expect(c?.lifecycle).toMatchObject({
      policy: 'continuous',
      warmupBars: 250,
      onlineLearning: true,
      test: { minSamples: 60 },
    });
  });

  it('a variant’s unknown lifecycle field is still refused with a suggestion', () => {
    const file = join(tempDir('livemodel-cfg-'), 'w.yaml');
    writeFileSync(
      file,
      'name: w\ndata: { file: x.csv }\nvariants:\n  - { name: a, lifecycle: { test: { minSample: 3 } } }\n',
    );
    expect(() => loadScenario(file)).toThrow(
      /did you mean `variants\.0\.lifecycle\.test\.minSamples`/,
    );
  });

  it('refuses a variant named like a baseline or the data alerts, and duplicate names', () => {
    const dir = tempDir('livemodel-cfg-');
    const scenario = (names: string[]) => {
      const file = join(dir, `${names.join('-')}.yaml`);
      writeFileSync(
        file,
        `name: n\ndata: { file: x.csv }\nvariants:\n${names.map((n) => `  - { name: ${n} }`).join('\n')}\n`,
      );
      return loadScenario(file);
    };
    expect(() => toEngineConfig(scenario(['a', 'frozen']), 'f.yaml')).toThrow(
      /f\.yaml: Expected `variants\[1\]\.name` to differ from buy_and_hold, frozen, naive, data .*got `frozen`/,
    );
    expect(() => toEngineConfig(scenario(['data']))).toThrow(/`variants\[0\]\.name`/);
    expect(() => toEngineConfig(scenario(['a', 'b', 'a']))).toThrow(
      /Expected `variants\[2\]\.name` to be unique, got `a` twice/,
    );
  });
});
