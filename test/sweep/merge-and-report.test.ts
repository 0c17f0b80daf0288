import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planSweepFile } from '../../src/cli/sweep-command.ts';
import { runSweepJob } from '../../src/sweep/index.ts';
import { SWEEP_METRICS } from '../../src/scenario/index.ts';
import {
  buildJobEntries,
  buildSweepResults,
  type JobResult,
  mergeJobFiles,
  renderSweepHtml,
  type SweepJson,
  type SweepPlan,
} from '../../src/sweep/index.ts';
import { ROOT, tempDir } from '../helpers/cli.ts';
import { queryFile } from '../helpers/duck.ts';

const dir = tempDir('livemodel-merge-');
const TABLES = [
  'runs',
  'predictions',
  'model_versions',
  'version_events',
  'transitions',
  'equity',
  'regimes',
];

/** Two learning rates × two shards of DAX and CAC, plus the unsharded run of the first rate. */
function sweepFile(name: string, sweep: string): string {
  const f = join(dir, name);
  writeFileSync(
    f,
    `name: merge-test
seed: 3
data: { file: ${ROOT}/data/eu-stock-markets.csv, symbols: [DAX, CAC] }
model: { kind: logistic, learningRate: 0.05 }
lifecycle: { warmupBars: 50, policy: continuous }
sweep:
${sweep}`,
  );
  return f;
}

describe('merging job files and the comparison report', () => {
  let plan: SweepPlan;
  let results: JobResult[];
  let json: SweepJson;
  let merged: Record<string, number>;
  let whole: SweepPlan;
  const file = join(dir, 'out', 'sweep.duckdb');

  beforeAll(async () => {
    plan = await planSweepFile(
      sweepFile(
        'sharded.yaml',
        '  parameters: { model.learningRate: [0.01, 0.2] }\n  shards: 2\n  metric: total_return\n',
      ),
      join(dir, 'out'),
    );
    whole = await planSweepFile(
      sweepFile('whole.yaml', '  parameters: { model.learningRate: [0.01] }\n'),
      join(dir, 'whole'),
    );
    results = [];
    for (const job of [...plan.jobs, ...whole.jobs])
      results.push(await runSweepJob(job, new AbortController().signal, 'test'));
    const entries = buildJobEntries(plan, results);
    const rows = entries.map((e, i) => ({
      ...e,
      shards: 2,
      symbols: e.symbols?.join(',') ?? null,
      run_file: join(plan.jobs[i]!.outDir, 'run.duckdb'),
    }));
    merged = (await mergeJobFiles(file, rows, ['model.learningRate'], SWEEP_METRICS)).rows;
    json = await buildSweepResults(plan, entries, file, {
      mode: 'local',
      workers: 1,
      queue: null,
      startedMs: 0,
      finishedMs: 1000,
    });
  }, 60_000);

  it('runs every job to completion into its own folder', () => {
    expect(results.map((r) => [r.id, r.status, r.error])).toEqual(
      ['j001', 'j002', 'j003', 'j004', 'j001'].map((id) => [id, 'complete', null]),
    );
  });

  it('merges every table with row counts equal to the sum of the job files, tagged with job_id', async () => {
    // the job files' views (v_symbol_summary, …) are per run: tables only are merged
    expect(Object.keys(merged).filter((t) => t.startsWith('v_'))).toEqual([]);
    for (const t of TABLES) {
      let sum = 0;
      for (const j of plan.jobs)
        sum += Number(
          (await queryFile(join(j.outDir, 'run.duckdb'), `SELECT count(*) AS n FROM ${t}`))[0].n,
        );
      expect(merged[t], t).toBe(sum);
      if (['runs', 'predictions', 'equity'].includes(t)) {
        const perJob = await queryFile(file, `SELECT DISTINCT job_id FROM ${t} ORDER BY job_id`);
        expect(
          perJob.map((r) => r.job_id),
          t,
        ).toEqual(['j001', 'j002', 'j003', 'j004']);
      }
      expect(
        (await queryFile(file, `SELECT count(*) AS n FROM ${t} WHERE job_id IS NULL`))[0].n,
      ).toBe('0');
    }
    expect(merged['predictions']).toBeGreaterThan(1000);
    const types = await queryFile(
      file,
      `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'predictions' AND column_name IN ('job_id', 'symbol', 'role', 'variant') ORDER BY column_name`,
    );
    expect(types.map((r) => r.data_type)).toEqual(['VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR']);
    const symbols = await queryFile(
      file,
      `SELECT job_id, string_agg(DISTINCT symbol, ',' ORDER BY symbol) AS s FROM predictions GROUP BY job_id ORDER BY job_id`,
    );
    expect(symbols.map((r) => r.s)).toEqual(['CAC', 'DAX', 'CAC', 'DAX']);
  });

  it('has a jobs table with parameters (JSON and one typed column per path), status and metrics', async () => {
    const jobs = await queryFile(
      file,
      `SELECT job_id, status, seed, shard, symbols, parameters, "model.learningRate" AS lr, total_return, sharpe FROM jobs ORDER BY job_id`,
    );
    expect(jobs.map((r) => [r.job_id, r.status, r.seed, r.shard, r.symbols, r.lr])).toEqual([
      ['j001', 'complete', '3', 0, 'CAC', 0.01],
      ['j002', 'complete', '3', 1, 'DAX', 0.01],
      ['j003', 'complete', '3', 0, 'CAC', 0.2],
      ['j004', 'complete', '3', 1, 'DAX', 0.2],
    ]);
    expect(JSON.parse(jobs[2].parameters)).toEqual({ 'model.learningRate': 0.2 });
    expect(jobs.map((r) => r.total_return)).toEqual(json.jobs.map((j) => j.metrics.total_return));
  });

  it('combines a point’s shards into the same portfolio metrics as one run over all its symbols', () => {
    expect(json.points.map((p) => [p.parameters['model.learningRate'], p.jobs, p.status])).toEqual([
      [0.01, ['j001', 'j002'], 'complete'],
      [0.2, ['j003', 'j004'], 'complete'],
    ]);
    const unsharded = buildJobEntries(whole, results.slice(4))[0]!;
    for (const m of SWEEP_METRICS)
      expect(json.points[0]!.metrics[m], m).toBeCloseTo(unsharded.metrics[m] as number, 12);
  });

  it('writes the heatmap cells of the chosen metric and the best point into sweep.json', () => {
    expect(json.heatmap).toMatchObject({
      metric: 'total_return',
      x: 'model.learningRate',
      y: null,
      x_values: [0.01, 0.2],
      y_values: [null],
      aggregated_over: [],
    });
    expect(json.heatmap?.cells.map((c) => [c.x, c.value, c.n])).toEqual(
      json.points.map((p) => [p.parameters['model.learningRate'], p.metrics.total_return, 1]),
    );
    const best = json.points.reduce((a, b) =>
      (b.metrics.total_return ?? -Infinity) > (a.metrics.total_return ?? -Infinity) ? b : a,
    );
    expect(json.best).toEqual({
      parameters: best.parameters,
      seed: 3,
      value: best.metrics.total_return,
    });
    expect(json.sweep).toMatchObject({
      status: 'complete',
      counts: { jobs: 4, complete: 4, failed: 0 },
      shards: 2,
      metric: 'total_return',
    });
  });

  it('renders a self-contained page: SVG heatmap, grid points and a row per job', () => {
    const html = renderSweepHtml(json);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('Grid points (shards combined)');
    for (const j of plan.jobs) expect(html).toContain(`<td>${j.id}</td>`);
    expect(html).toContain('model.learningRate');
    expect(html).toContain('0.2');
  });
});
