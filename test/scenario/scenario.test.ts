import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  loadScenario,
  scenarioJsonSchema,
  scenarioReferenceMarkdown,
  scenarioSchema,
  suggest,
  sweepJsonSchema,
  sweepSchema,
} from '../../src/scenario/index.ts';
import { ROOT, runCli, runCliInProcess, tempDir } from '../helpers/cli.ts';

const dir = tempDir('livemodel-scn-');
const write = (name: string, body: string) => {
  const f = join(dir, name);
  writeFileSync(f, body);
  return f;
};

describe('scenario schema and loading', () => {
  it('suggest: doc example', () => {
    expect(suggest('warmupBar', ['warmupBars', 'policy'])).toBe('warmupBars');
    expect(suggest('zzz', ['warmupBars'])).toBeUndefined();
  });

  it('fills defaults and keeps the quickstart’s values', () => {
    const s = loadScenario(join(ROOT, 'scenarios/quickstart.yaml'));
    expect(s.lifecycle.test).toEqual({
      method: 'dm',
      alpha: 0.05,
      minSamples: 30,
      maxSamples: 500,
      effect: 0.2,
      beta: 0.2,
      familywise: false,
    });
    expect(s.model).toEqual({
      kind: 'logistic',
      optimizer: 'adagrad',
      learningRate: 0.05,
      l2: 0.0001,
    });
    expect(s.backend).toBe('auto');
    expect(s.monitoring.drift).toEqual([{ detector: 'adwin', on: 'error', params: {} }]);
  });

  it('names nested unknown fields with a suggestion, and lists known fields otherwise', () => {
    const a = write(
      'a.yaml',
      'name: a\ndata: { file: x.csv }\nlifecycle:\n  test: { minSample: 3 }\n',
    );
    expect(() => loadScenario(a)).toThrow(
      /a\.yaml: unknown field `lifecycle\.test\.minSample` \(did you mean `lifecycle\.test\.minSamples`\?\)/,
    );
    const b = write('b.yaml', 'name: b\ndata: { file: x.csv }\nbacktest: { zzz: 1 }\n');
    expect(() => loadScenario(b)).toThrow(
      /unknown field `backtest\.zzz` \(known fields: sizing, deadBand, maxPosition, allowShort, costBps, slippageBps, fill, returnScale\)/,
    );
    const c = write(
      'c.yaml',
      'name: c\ndata: { file: x.csv }\nmonitoring:\n  drift: [{ detector: adwn }]\n',
    );
    expect(() => loadScenario(c)).toThrow(
      /`monitoring\.drift\.0\.detector`: .*got `"adwn"` \(string\)/,
    );
    const d = write('d.yaml', 'name: d\n');
    expect(() => loadScenario(d)).toThrow(/missing required field `data`/);
  });

  it('applies --set overrides with YAML values before validation', () => {
    const s = loadScenario(join(ROOT, 'scenarios/quickstart.yaml'), [
      ['lifecycle.policy', 'periodic'],
      ['lifecycle.periodBars', '120'],
      ['data.symbols', '[DAX, CAC]'],
    ]);
    expect(s.lifecycle.policy).toBe('periodic');
    expect(s.lifecycle.periodBars).toBe(120);
    expect(s.data.symbols).toEqual(['DAX', 'CAC']);
    expect(() =>
      loadScenario(join(ROOT, 'scenarios/quickstart.yaml'), [['lifecycle.polcy', 'x']]),
    ).toThrow(/did you mean `lifecycle\.policy`/);
  });

  it('the committed JSON Schema and scenario reference are up to date (npm run docs:scenario)', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'scenario.schema.json'), 'utf8'))).toEqual(
      scenarioJsonSchema(),
    );
    expect(readFileSync(join(ROOT, 'docs/scenario-reference.md'), 'utf8')).toContain(
      scenarioReferenceMarkdown(),
    );
    expect(JSON.parse(readFileSync(join(ROOT, 'sweep.schema.json'), 'utf8'))).toEqual(
      sweepJsonSchema(),
    );
  });

  it('the sweep schema describes the shipped sweep file (its sweep block included)', () => {
    const schema = sweepJsonSchema() as {
      properties: { sweep: { properties: Record<string, unknown> } };
    };
    expect(Object.keys(schema.properties.sweep.properties).sort()).toEqual(
      ['heatmap', 'metric', 'parameters', 'seeds', 'shards'].sort(),
    );
    const text = readFileSync(join(ROOT, 'scenarios/quickstart-sweep.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../sweep.schema.json');
    const parsed = scenarioSchema.extend({ sweep: sweepSchema }).safeParse(parseYaml(text));
    expect(parsed.success).toBe(true);
  });

  it('every shipped scenario validates, through the CLI', async () => {
    const r = await runCliInProcess([
      'validate',
      'scenarios/quickstart.yaml',
      'scenarios/sp500-drift.yaml',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok {2}scenarios\/quickstart\.yaml/m);
  });

  it('init writes a commented starter that validates, and refuses to overwrite', () => {
    const r = runCli(['init', 'demo'], { cwd: dir });
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'scenarios/demo.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(loadScenario(join(dir, 'scenarios/demo.yaml')).name).toBe('demo');
    const again = runCli(['init', 'demo'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });
});
