import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.ts';

// `npm run test:package`: builds the package, packs the tarball, installs it into an empty
// project (dependencies from the npm cache when it has them), and uses it the way a researcher
// would: the CLI (init + run) and the library from an .mjs file.
const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed package, installed into an empty project', () => {
  const project = tempDir('livemodel-package-');
  let tarball = '';

  beforeAll(() => {
    npm(['run', 'build'], ROOT);
    const packs = tempDir('livemodel-pack-');
    npm(['pack', '--ignore-scripts', '--pack-destination', packs], ROOT);
    tarball = join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz'))!);
    npm(['init', '-y'], project);
    npm(['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project);
  }, 600_000);

  it('ships compiled JavaScript, declarations, the starter data and schema — no tests, no sources', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/bin/livemodel.js');
    expect(files).toContain('package/data/eu-stock-markets.csv');
    expect(files).toContain('package/scenario.schema.json');
    expect(files).toContain('package/dist/models/wasm/kernels.wasm');
    expect(files).toContain('package/LICENSE');
    expect(files.filter((f) => f.startsWith('package/test/') || f.startsWith('package/src/'))).toEqual([]);
  });

  it('livemodel --version, init and run work outside the repository', () => {
    const bin = join(project, 'node_modules', '.bin', 'livemodel');
    const version = spawnSync(bin, ['--version'], { cwd: project, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const init = spawnSync(bin, ['init', 'study'], { cwd: project, encoding: 'utf8' });
    expect(init.status).toBe(0);
    expect(existsSync(join(project, 'data', 'eu-stock-markets.csv'))).toBe(true);
    expect(existsSync(join(project, 'scenario.schema.json'))).toBe(true);
    const run = spawnSync(bin, ['run', 'scenarios/study.yaml', '--out', 'runs/study', '--quiet'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(project, 'runs/study/summary.json'), 'utf8'));
    expect(summary.run.status).toBe('complete');
    expect(summary.run.symbols).toEqual(['CAC', 'DAX', 'FTSE', 'SMI']);
  });

  it('the library imports from an .mjs file', () => {
    writeFileSync(
      join(project, 'use.mjs'),
      `import { createModel, loadScenario, runScenario, VERSION } from 'livemodel';
const model = createModel({ kind: 'logistic' }, 6, 1);
const lstm = createModel({ kind: 'lstm', hidden: 4, window: 3 }, 2, 1);
lstm.learn(new Float64Array(6).fill(0.5), 1);
const scenario = loadScenario('scenarios/study.yaml');
const r = await runScenario({ scenario: 'scenarios/study.yaml', symbols: ['DAX'] }, { out: 'runs/api' });
console.log(JSON.stringify({ VERSION, p: model.predict(new Float64Array(6)), kernel: lstm.kernel.constructor.name, name: scenario.name, status: r.status }));
`,
    );
    const r = spawnSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    // the fused LSTM kernels load from the installed package (dist/models/wasm/kernels.wasm)
    expect(JSON.parse(r.stdout)).toMatchObject({
      p: 0.5,
      kernel: 'FusedLstmBank',
      name: 'study',
      status: 'complete',
    });
  });

  it("docs/api.md's example runs as written", () => {
    const doc = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(code).toBeDefined();
    writeFileSync(join(project, 'example.mjs'), code!);
    const r = spawnSync(process.execPath, ['example.mjs'], { cwd: project, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^complete 0\.\d{3}$/);
    expect(lines[1]).toBe('0.5 true');
    expect(lines[2]).toMatch(/^\d+ predictions$/);
    expect(lines[3]).toMatch(/^DAX (serving|updating|testing)$/); // periodic updates: any state
    expect(lines[4]).toBe('true');
  });
});
