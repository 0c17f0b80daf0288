import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

/**
 * The layer table of CONVENTIONS.md, with one recorded deviation: `report` may import `backtest`
 * (the tearsheet math is pure and shared by summary.json and the report). `engine` imports xstate
 * to create the lifecycle actors it provides implementations to. `api` imports zod to validate
 * request bodies strictly (issue #9) and derive the OpenAPI bodies from the same schemas.
 * `sweep` (issue #10) is an edge like `store` and `report`: it plans grids of scenario jobs, runs
 * them on worker threads or a BullMQ queue, merges their DuckDB files and renders the comparison
 * (ECharts); the job itself (runCommand) is injected by `cli`. `models` declares each model
 * kind's fields once as a zod schema (issue #16), which `scenario` imports as its `model` field:
 * models may import zod, and scenario may import models.
 */
const ALLOWED: Record<string, { folders: string[]; packages: RegExp }> = {
  core: { folders: [], packages: /^$/ },
  clock: { folders: ['core'], packages: /^rxjs$/ },
  features: { folders: ['core'], packages: /^$/ },
  drift: { folders: ['core'], packages: /^$/ },
  regime: { folders: ['core'], packages: /^$/ },
  metrics: { folders: ['core'], packages: /^$/ },
  models: {
    folders: ['core', 'features'],
    packages: /^(zod|@tensorflow\/tfjs(-backend-wasm|-backend-cpu|-node)?(\/.*)?)$/,
  },
  lifecycle: { folders: ['core'], packages: /^xstate$/ },
  feeds: {
    folders: ['core', 'clock'],
    packages: /^(rxjs|apache-arrow|@duckdb\/node-api|ws|node:.*)$/,
  },
  backtest: { folders: ['core', 'metrics'], packages: /^$/ },
  engine: {
    folders: [
      'core',
      'clock',
      'features',
      'models',
      'drift',
      'regime',
      'metrics',
      'lifecycle',
      'backtest',
      'feeds',
    ],
    packages: /^xstate$/,
  },
  store: { folders: ['core'], packages: /^(@duckdb\/node-api|apache-arrow|node:.*)$/ },
  report: { folders: ['core', 'store', 'backtest'], packages: /^(echarts(\/.*)?|node:.*)$/ },
  scenario: { folders: ['core', 'models'], packages: /^(zod|yaml|node:.*)$/ },
  api: { folders: ['core', 'engine', 'store', 'scenario'], packages: /^(ws|zod|node:.*)$/ },
  sweep: {
    folders: ['core', 'scenario', 'store', 'backtest'],
    packages: /^(bullmq|echarts(\/.*)?|yaml|@duckdb\/node-api|node:.*)$/,
  },
  cli: { folders: ['*'], packages: /.*/ },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2]) as string);
}

const files = sourceFiles(SRC).map((f) => ({
  file: relative(SRC, f),
  folder: relative(SRC, f).split('/')[0] as string,
  imports: importsOf(f),
}));

describe('architecture: the layer table', () => {
  it('every src folder is in the table', () => {
    for (const { folder, file } of files)
      expect(ALLOWED[folder], `${file} is in an unlisted folder`).toBeDefined();
  });

  it('imports only allowed folders, only through their index.ts, and only allowed packages', () => {
    const problems: string[] = [];
    for (const { file, folder, imports } of files) {
      const rule = ALLOWED[folder]!;
      for (const spec of imports) {
        if (spec.startsWith('.')) {
          const m = /^\.\.\/([a-z]+)\/(.+)$/.exec(spec);
          if (m === null) continue; // same folder
          const [, target, rest] = m;
          if (rest !== 'index.ts')
            problems.push(`${file}: deep import ${spec} (import ../${target}/index.ts)`);
          if (!rule.folders.includes('*') && !rule.folders.includes(target as string))
            problems.push(`${file}: ${folder} may not import ${target}`);
        } else if (!rule.packages.test(spec)) {
          problems.push(`${file}: ${folder} may not import package ${spec}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no cycles between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const { folder, imports } of files) {
      for (const spec of imports) {
        const m = /^\.\.\/([a-z]+)\//.exec(spec);
        if (m) (edges.get(folder) ?? edges.set(folder, new Set()).get(folder)!).add(m[1] as string);
      }
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]): void => {
      if (path.includes(node)) {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    };
    for (const f of edges.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('pure folders read neither the wall clock nor Math.random', () => {
    const pure = [
      'features',
      'models',
      'drift',
      'regime',
      'metrics',
      'lifecycle',
      'backtest',
      'engine',
    ];
    const offenders = files
      .filter((f) => pure.includes(f.folder))
      .filter((f) =>
        /\bDate\.now\(|\bnew Date\(\)|\bMath\.random\(|\bperformance\.now\(/.test(
          readFileSync(join(SRC, f.file), 'utf8'),
        ),
      )
      .map((f) => f.file);
    expect(offenders).toEqual([]);
  });
});
