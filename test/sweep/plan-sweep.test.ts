import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSweepFile } from '../../src/cli/sweep-command.ts';
import { loadSweepFile } from '../../src/scenario/index.ts';
import { planSweep } from '../../src/sweep/index.ts';
import { ROOT, tempDir } from '../helpers/cli.ts';

const dir = tempDir('livemodel-plan-');
const QUICK = readFileSync(join(ROOT, 'scenarios/quickstart-sweep.yaml'), 'utf8').replace(
  'file: ../data/',
  `file: ${ROOT}/data/`,
);
const write = (name: string, sweep: string): string => {
  const f = join(dir, name);
  writeFileSync(f, `${QUICK.slice(0, QUICK.indexOf('\nsweep:'))}\nsweep:\n${sweep}`);
  return f;
};

describe('planSweep', () => {
  it('doc example: one job per grid point, in grid order, with --set overrides', async () => {
    const plan = await planSweep(loadSweepFile('scenarios/quickstart-sweep.yaml'), {
      outDir: join(dir, 'qs'),
      listSymbols: async () => [],
    });
    expect(plan.jobs).toHaveLength(6);
    expect(plan.jobs.map((j) => j.id)).toEqual(['j001', 'j002', 'j003', 'j004', 'j005', 'j006']);
    expect(plan.jobs.map((j) => Object.values(j.parameters))).toEqual([
      [0.01, 50],
      [0.01, 100],
      [0.05, 50],
      [0.05, 100],
      [0.2, 50],
      [0.2, 100],
    ]);
    const j = plan.jobs[2]!;
    expect(j.overrides).toEqual([
      ['model.learningRate', '0.05'],
      ['lifecycle.warmupBars', '50'],
    ]);
    expect(j).toMatchObject({
      seed: 42,
      shard: 0,
      shards: 1,
      symbols: null,
      strategy: 'model',
      outDir: join(dir, 'qs', 'jobs', 'j003'),
      dataFile: join(ROOT, 'data/eu-stock-markets.csv'),
    });
    expect(j.scenarioText).toContain(`file: ${join(ROOT, 'data/eu-stock-markets.csv')}`);
    expect(j.scenarioText).not.toMatch(/^sweep:/m);
    expect(j.scenarioText).not.toContain('model.learningRate: [');
    expect(plan.heatmap).toEqual({ x: 'model.learningRate', y: 'lifecycle.warmupBars' });
  });

  it('splits the data file’s symbols into shards once, and runs every seed', async () => {
    let asked = 0;
    const f = write(
      'shards.yaml',
      '  parameters: { model.learningRate: [0.01, 0.1] }\n  seeds: [1, 2]\n  shards: 2\n',
    );
    const plan = await planSweep(loadSweepFile(f), {
      outDir: join(dir, 'sh'),
      listSymbols: async () => {
        asked++;
        return ['SMI', 'DAX', 'FTSE', 'CAC'];
      },
    });
    expect(asked).toBe(1);
    expect(
      plan.jobs.map((j) => [
        j.parameters['model.learningRate'],
        j.seed,
        j.shard,
        j.symbols?.join(','),
      ]),
    ).toEqual([
      [0.01, 1, 0, 'CAC,FTSE'],
      [0.01, 1, 1, 'DAX,SMI'],
      [0.01, 2, 0, 'CAC,FTSE'],
      [0.01, 2, 1, 'DAX,SMI'],
      [0.1, 1, 0, 'CAC,FTSE'],
      [0.1, 1, 1, 'DAX,SMI'],
      [0.1, 2, 0, 'CAC,FTSE'],
      [0.1, 2, 1, 'DAX,SMI'],
    ]);
    expect(plan.heatmap).toEqual({ x: 'model.learningRate', y: undefined });
  });

  it('shards a synthetic market by its generated symbols (no data file)', async () => {
    const f = join(dir, 'synthetic.yaml');
    writeFileSync(
      f,
      'name: syn\ndata: { synthetic: { symbols: 5, bars: 300 } }\nsweep:\n  seeds: [1]\n  shards: 2\n',
    );
    const plan = await planSweepFile(f, join(dir, 'syn'));
    expect(plan.jobs.map((j) => [j.dataFile, j.symbols])).toEqual([
      [null, ['S001', 'S003', 'S005']],
      [null, ['S002', 'S004']],
    ]);
  });

  it('fails up front with the scenario’s own error for an unknown path or a bad value', async () => {
    const unknown = write('unknown.yaml', '  parameters: { lifecycle.warmupBar: [50, 100] }\n');
    await expect(planSweepFile(unknown)).rejects.toThrow(
      /unknown\.yaml \[sweep lifecycle\.warmupBar=50\]: unknown field `lifecycle\.warmupBar` \(did you mean `lifecycle\.warmupBars`\?\)/,
    );
    const bad = write('bad.yaml', '  parameters: { lifecycle.policy: [continuous, sometimes] }\n');
    await expect(planSweepFile(bad)).rejects.toThrow(
      /bad\.yaml \[sweep lifecycle\.policy="sometimes"\]: `lifecycle\.policy`: .*got `"sometimes"` \(string\)/,
    );
    const model = write('model.yaml', '  parameters: { model.hidden: [4] }\n');
    await expect(planSweepFile(model)).rejects.toThrow(
      /model\.yaml \[sweep model\.hidden=4\]: .*model\.hidden/,
    );
  });
});
