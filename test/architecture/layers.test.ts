import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

/**
 * The layer table of CONVENTIONS.md, with one recorded deviation: `report` may import `backtest`
 * (the tearsheet math is pure and shared by summary.json and the report). `engine` imports xstate
 * to create the lifecycle actors it provides implementations to. `api` imports zod to validate
 * request bodies strictly (issue #9) and derive the OpenAPI bodies from the same schemas.
 * `sweep` (issue #10) is an edge like `store` and `report`: it plans grids of scenario jobs, runs
 * them on worker threads or a BullMQ queue, merges their DuckDB files and renders the comparison
 * (ECharts); it runs each job through `runner` (the kernel every mode calls). `api` may import
 * `clock` for the replay clock's type (its replay stream control paces it). `models` declares each
 * model kind's fields once as a zod schema (issue #16), which `scenario` imports as its `model`
 * field: models may import zod, and scenario may import models. `api` imports prom-client for the
 * run's Prometheus exposition at `/metrics` (issue #17), an HTTP edge like the rest of api.
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
  api: {
    folders: ['core', 'clock', 'engine', 'store', 'scenario'],
    packages: /^(ws|zod|prom-client|node:.*)$/,
  },
  runner: {
    folders: ['core', 'clock', 'feeds', 'models', 'engine', 'store', 'report', 'scenario'],
    packages: /^node:.*$/,
  },
  sweep: {
    folders: ['core', 'runner', 'scenario', 'store', 'backtest'],
    packages: /^(bullmq|ioredis|echarts(\/.*)?|yaml|@duckdb\/node-api|node:.*)$/,
  },
  cli: { folders: ['*'], packages: /.*/ },
  // src/index.ts, the public API: every folder's index.ts
  'index.ts': { folders: ['*'], packages: /^$/ },
};

/**
 * Packages single files may import beyond their folder's rule. `models/fused-kernels.ts` reads
 * the compiled fused kernels (`models/wasm/kernels.wasm`, next to it in src/ and dist/) with
 * node:fs, once per process, as @tensorflow/tfjs-backend-wasm reads its own .wasm files (issue
 * #15); every other models file stays free of I/O.
 */
const FILE_PACKAGES: Record<string, RegExp> = {
  'models/fused-kernels.ts': /^node:fs$/,
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

/** Files outside src/ that src/ may import (the package's own metadata). */
const OUTSIDE_SRC = new Set(['package.json']);

interface SourceFile {
  readonly file: string;
  readonly folder: string;
  readonly imports: readonly string[];
}

/**
 * Every broken rule of the table in `files`: a relative import is resolved against its file, at
 * any depth (`../../engine/engine.ts` from `feeds/venues/` too), so its target folder and path
 * are exact; another folder is reached only through its index.ts.
 */
function problemsOf(list: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const { file, folder, imports } of list) {
    const rule = ALLOWED[folder];
    if (rule === undefined) {
      problems.push(`${file} is in an unlisted folder`);
      continue;
    }
    for (const spec of imports) {
      if (!spec.startsWith('.')) {
        if (!rule.packages.test(spec) && !FILE_PACKAGES[file]?.test(spec))
          problems.push(`${file}: ${folder} may not import package ${spec}`);
        continue;
      }
      const target = relative(SRC, resolve(SRC, dirname(file), spec));
      if (target.startsWith('..')) {
        if (!OUTSIDE_SRC.has(relative(join(SRC, '..'), resolve(SRC, dirname(file), spec))))
          problems.push(`${file}: imports ${spec}, outside src/`);
        continue;
      }
      const [targetFolder, ...rest] = target.split('/');
      if (targetFolder === folder) continue; // same folder, any depth
      if (rest.join('/') !== 'index.ts')
        problems.push(`${file}: deep import ${spec} (import ${targetFolder}/index.ts)`);
      if (!rule.folders.includes('*') && !rule.folders.includes(targetFolder as string))
        problems.push(`${file}: ${folder} may not import ${targetFolder}`);
    }
  }
  return problems;
}

describe('architecture: the layer table', () => {
  it('every src folder is in the table', () => {
    for (const { folder, file } of files)
      expect(ALLOWED[folder], `${file} is in an unlisted folder`).toBeDefined();
  });

  it('imports only allowed folders, only through their index.ts, and only allowed packages', () => {
    expect(problemsOf(files)).toEqual([]);
  });

  it('catches planted violations at any depth', () => {
    const planted: SourceFile[] = [
      { file: 'feeds/venues/backoff.ts', folder: 'feeds', imports: ['../../engine/engine.ts'] },
      { file: 'feeds/venues/backoff.ts', folder: 'feeds', imports: ['../../engine/index.ts'] },
      { file: 'report/charts/x.ts', folder: 'report', imports: ['../../store/queries.ts'] },
      { file: 'lifecycle/machine.ts', folder: 'lifecycle', imports: ['@duckdb/node-api'] },
      { file: 'sweep/redis/x.ts', folder: 'sweep', imports: ['../../../outside.ts'] },
      { file: 'feeds/synthetic/x.ts', folder: 'feeds', imports: ['../csv-format.ts', './y.ts'] },
      { file: 'models/lstm.ts', folder: 'models', imports: ['node:fs'] },
      { file: 'models/fused-kernels.ts', folder: 'models', imports: ['node:fs', 'node:path'] },
    ];
    expect(problemsOf(planted)).toEqual([
      'feeds/venues/backoff.ts: deep import ../../engine/engine.ts (import engine/index.ts)',
      'feeds/venues/backoff.ts: feeds may not import engine',
      'feeds/venues/backoff.ts: feeds may not import engine',
      'report/charts/x.ts: deep import ../../store/queries.ts (import store/index.ts)',
      'lifecycle/machine.ts: lifecycle may not import package @duckdb/node-api',
      'sweep/redis/x.ts: imports ../../../outside.ts, outside src/',
      'models/lstm.ts: models may not import package node:fs',
      'models/fused-kernels.ts: models may not import package node:path',
    ]);
  });

  it('no source file is longer than 300 lines', () => {
    const long = files
      .map((f) => [f.file, readFileSync(join(SRC, f.file), 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 300)
      .map(([f, n]) => `${f}: ${n} lines`);
    expect(long).toEqual([]);
  });

  it('has no cycles between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const { file, folder, imports } of files) {
      for (const spec of imports) {
        if (!spec.startsWith('.')) continue;
        const target = relative(SRC, resolve(SRC, dirname(file), spec)).split('/')[0] as string;
        if (target === folder || target === '..') continue;
        (edges.get(folder) ?? edges.set(folder, new Set()).get(folder)!).add(target);
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
