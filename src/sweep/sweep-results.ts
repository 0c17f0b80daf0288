import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StrategyMetrics } from '../backtest/index.ts';
import { LOWER_IS_BETTER, type SweepMetric } from '../scenario/index.ts';
import { openRunStore, type RunStore } from '../store/index.ts';
import type { SweepPlan } from './plan-sweep.ts';
import {
  EMPTY_SWEEP_METRICS as EMPTY,
  type Metrics,
  pickMetrics,
  pointMetrics,
} from './point-metrics.ts';
import type { JobResult, SweepJob } from './sweep-job.ts';

export type { Metrics };

/** One job in `sweep.json`. */
export interface SweepJobEntry {
  job_id: string;
  parameters: Record<string, unknown>;
  seed: number;
  shard: number;
  symbols: string[] | null;
  status: string;
  error: string | null;
  worker: string | null;
  duration_s: number | null;
  bars: number | null;
  /** The job's own portfolio (its shard's symbols), from its summary.json. */
  metrics: Metrics;
  accuracy: number | null;
}

/** One grid point (parameters × seed) with every shard's symbols combined. */
export interface SweepPoint {
  parameters: Record<string, unknown>;
  seed: number;
  jobs: string[];
  status: string;
  /** The first variant's equal-weight portfolio over all the point's symbols (null unless every shard completed). */
  metrics: Metrics;
}

/** The heatmap of the chosen metric over two parameters, other dimensions averaged. */
export interface SweepHeatmap {
  metric: SweepMetric;
  x: string;
  y: string | null;
  x_values: unknown[];
  y_values: unknown[];
  /** One cell per (y, x), row by row: the mean over the points there with a value, and how many. */
  cells: { x: unknown; y: unknown; value: number | null; n: number }[];
  aggregated_over: string[];
}

/** The shape of `sweep.json`. */
export interface SweepJson {
  sweep: {
    name: string;
    file: string;
    out: string;
    metric: SweepMetric;
    lower_is_better: boolean;
    parameters: Record<string, unknown[]>;
    seeds: number[] | null;
    shards: number;
    mode: 'local' | 'queue';
    workers: number | null;
    queue: string | null;
    status: 'complete' | 'failed' | 'incomplete';
    started_at: string;
    finished_at: string;
    duration_s: number;
    counts: Record<'jobs' | 'complete' | 'failed' | 'incomplete' | 'cancelled', number>;
  };
  best: { parameters: Record<string, unknown>; seed: number; value: number } | null;
  heatmap: SweepHeatmap | null;
  points: SweepPoint[];
  jobs: SweepJobEntry[];
}

/** How the sweep ran (recorded in `sweep.json`). */
export interface SweepRunInfo {
  readonly mode: 'local' | 'queue';
  readonly workers: number | null;
  readonly queue: string | null;
  readonly startedMs: number;
  readonly finishedMs: number;
}

/** The job's summary.json numbers: its first variant's portfolio metrics and accuracy. */
function jobMetrics(job: SweepJob): { metrics: Metrics; accuracy: number | null } {
  const file = join(job.outDir, 'summary.json');
  if (!existsSync(file)) return { metrics: { ...EMPTY }, accuracy: null };
  const s = JSON.parse(readFileSync(file, 'utf8')) as {
    strategies?: Record<string, { portfolio?: Partial<StrategyMetrics> }>;
    models?: Record<string, { overall?: { accuracy?: number | null } }>;
  };
  return {
    metrics: pickMetrics(s.strategies?.[job.strategy]?.portfolio),
    accuracy: s.models?.[job.strategy]?.overall?.accuracy ?? null,
  };
}

/** One entry per job (in job order): its result and its own summary.json numbers. */
export function buildJobEntries(plan: SweepPlan, results: readonly JobResult[]): SweepJobEntry[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  return plan.jobs.map((job): SweepJobEntry => {
    const r = byId.get(job.id);
    const status = r?.status ?? 'cancelled';
    const { metrics, accuracy } =
      status === 'complete' ? jobMetrics(job) : { metrics: { ...EMPTY }, accuracy: null };
    return {
      job_id: job.id,
      parameters: job.parameters,
      seed: job.seed,
      shard: job.shard,
      symbols: job.symbols === null ? null : [...job.symbols],
      status,
      error: r?.error ?? null,
      worker: r?.worker ?? null,
      duration_s: r?.durationMs == null ? null : r.durationMs / 1000,
      bars: r?.bars ?? null,
      metrics,
      accuracy,
    };
  });
}

/**
 * Builds `sweep.json`: the job entries, per-point numbers over all shards from the merged file
 * (`sweep.duckdb`, see {@link mergeJobFiles}), the heatmap of the chosen metric (mean over the
 * other parameters and the seeds) and the best point.
 *
 * @example
 * const json = await buildSweepResults(plan, entries, 'out/sweep.duckdb', { mode: 'local', workers: 2, queue: null, startedMs, finishedMs });
 * json.heatmap?.cells.length; // |x values| × |y values|
 */
export async function buildSweepResults(
  plan: SweepPlan,
  jobs: readonly SweepJobEntry[],
  mergedFile: string,
  info: SweepRunInfo,
): Promise<SweepJson> {
  const store = await openRunStore(mergedFile);
  let points: SweepPoint[];
  try {
    points = await buildPoints(plan, jobs, store);
  } finally {
    store.close();
  }
  const metric = plan.spec.metric;
  const counts = { jobs: jobs.length, complete: 0, failed: 0, incomplete: 0, cancelled: 0 };
  for (const j of jobs) counts[j.status as 'complete' | 'failed' | 'incomplete' | 'cancelled']++;
  return {
    sweep: {
      name: plan.name,
      file: plan.file,
      out: plan.outDir,
      metric,
      lower_is_better: LOWER_IS_BETTER.has(metric),
      parameters: plan.spec.parameters,
      seeds: plan.spec.seeds ?? null,
      shards: plan.spec.shards,
      mode: info.mode,
      workers: info.workers,
      queue: info.queue,
      status:
        counts.failed > 0 ? 'failed' : counts.complete === counts.jobs ? 'complete' : 'incomplete',
      started_at: new Date(info.startedMs).toISOString(),
      finished_at: new Date(info.finishedMs).toISOString(),
      duration_s: (info.finishedMs - info.startedMs) / 1000,
      counts,
    },
    best: bestPoint(points, metric),
    heatmap: buildHeatmap(plan, points),
    points,
    jobs: [...jobs],
  };
}

async function buildPoints(
  plan: SweepPlan,
  jobs: readonly SweepJobEntry[],
  store: RunStore,
): Promise<SweepPoint[]> {
  const groups = new Map<string, { entries: SweepJobEntry[]; jobs: SweepJob[] }>();
  plan.jobs.forEach((job, i) => {
    const key = JSON.stringify([job.parameters, job.seed]);
    let g = groups.get(key);
    if (g === undefined) {
      g = { entries: [], jobs: [] };
      groups.set(key, g);
    }
    g.entries.push(jobs[i] as SweepJobEntry);
    g.jobs.push(job);
  });
  const points: SweepPoint[] = [];
  for (const { entries, jobs: group } of groups.values()) {
    const first = group[0] as SweepJob;
    const done = entries.every((e) => e.status === 'complete');
    const status = done
      ? 'complete'
      : (entries.find((e) => e.status !== 'complete')?.status ?? 'cancelled');
    const metrics = done
      ? await pointMetrics(
          store,
          group.map((j) => j.id),
          first.strategy,
        )
      : { ...EMPTY };
    points.push({
      parameters: first.parameters,
      seed: first.seed,
      jobs: group.map((j) => j.id),
      status,
      metrics,
    });
  }
  return points;
}

function bestPoint(points: readonly SweepPoint[], metric: SweepMetric): SweepJson['best'] {
  let best: SweepJson['best'] = null;
  const lower = LOWER_IS_BETTER.has(metric);
  for (const p of points) {
    const v = p.metrics[metric];
    if (v === null) continue;
    if (best === null || (lower ? v < best.value : v > best.value))
      best = { parameters: p.parameters, seed: p.seed, value: v };
  }
  return best;
}

function buildHeatmap(plan: SweepPlan, points: readonly SweepPoint[]): SweepHeatmap | null {
  const { x, y } = plan.heatmap;
  if (x === undefined) return null;
  const metric = plan.spec.metric;
  const xValues = plan.spec.parameters[x] ?? [];
  const yValues = y === undefined ? [null] : (plan.spec.parameters[y] ?? []);
  const key = (xv: unknown, yv: unknown): string => JSON.stringify([xv, yv]);
  const acc = new Map<string, { sum: number; n: number }>();
  for (const p of points) {
    const v = p.metrics[metric];
    if (v === null) continue;
    const k = key(p.parameters[x], y === undefined ? null : p.parameters[y]);
    let a = acc.get(k);
    if (a === undefined) {
      a = { sum: 0, n: 0 };
      acc.set(k, a);
    }
    a.sum += v;
    a.n++;
  }
  const cells = yValues.flatMap((yv) =>
    xValues.map((xv) => {
      const a = acc.get(key(xv, yv));
      return { x: xv, y: yv, value: a === undefined ? null : a.sum / a.n, n: a?.n ?? 0 };
    }),
  );
  const others = Object.keys(plan.spec.parameters).filter((p) => p !== x && p !== y);
  if ((plan.spec.seeds?.length ?? 1) > 1) others.push('seed');
  return {
    metric,
    x,
    y: y ?? null,
    x_values: xValues,
    y_values: yValues,
    cells,
    aggregated_over: others,
  };
}
