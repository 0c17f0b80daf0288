import { dirname, isAbsolute, join, resolve } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { InputError } from '../core/index.ts';
import {
  type Scenario,
  type SweepFile,
  type SweepSpec,
  validateScenario,
  withOverrides,
} from '../scenario/index.ts';
import { expandGrid } from './expand-grid.ts';
import type { SweepJob } from './sweep-job.ts';
import { splitShards } from './split-shards.ts';

/** Everything needed to run a sweep and report on it. */
export interface SweepPlan {
  readonly name: string;
  readonly file: string;
  readonly spec: SweepSpec;
  readonly outDir: string;
  readonly jobs: readonly SweepJob[];
  /** The heatmap's axes: parameter paths (y undefined with a single parameter; both with none). */
  readonly heatmap: { readonly x: string | undefined; readonly y: string | undefined };
}

export interface PlanOptions {
  /** The sweep's output folder; jobs go to `<outDir>/jobs/<id>`. */
  readonly outDir: string;
  /** Every symbol of a job's data (only asked when `shards > 1` and the scenario lists none). */
  readonly listSymbols: (scenario: Scenario, baseDir: string) => Promise<readonly string[]>;
  /** Further checks of a job's scenario (e.g. the model fields); throws InputError. */
  readonly checkScenario?: (scenario: Scenario, label: string) => void;
}

/**
 * Expands a sweep file into jobs (grid order: see {@link expandGrid}) and validates the
 * scenario of every parameter combination before anything runs, so a bad path or value fails
 * the whole sweep up front with the scenario's own error message.
 *
 * @throws {InputError} naming the file, the combination and the field.
 * @example
 * const plan = await planSweep(loadSweepFile('scenarios/quickstart-sweep.yaml'), { outDir: 'reports/qs-sweep', listSymbols: async () => [] });
 * plan.jobs.length; // 6
 */
export async function planSweep(sweep: SweepFile, opts: PlanOptions): Promise<SweepPlan> {
  const { spec, file } = sweep;
  const outDir = resolve(opts.outDir);
  const points = expandGrid(spec.parameters, spec.seeds, spec.shards);
  const width = Math.max(3, String(points.length).length);
  const symbolCache = new Map<string, string[][]>();
  const scenarioCache = new Map<string, { scenario: Scenario; dataFile: string | null }>();
  const text = absoluteDataText(sweep.text, dirname(file));
  const jobs: SweepJob[] = [];
  for (const [index, point] of points.entries()) {
    const overrides = Object.entries(point.parameters).map(
      ([path, value]) => [path, JSON.stringify(value)] as const,
    );
    const all =
      point.seed === undefined ? overrides : [...overrides, ['seed', String(point.seed)] as const];
    const key = JSON.stringify(all);
    let cached = scenarioCache.get(key);
    if (cached === undefined) {
      const label = `${file} [sweep ${all.map(([p, v]) => `${p}=${v}`).join(', ')}]`;
      const scenario = validateScenario(withOverrides(sweep.raw, all), label);
      opts.checkScenario?.(scenario, label);
      const dataFile =
        scenario.data.file === undefined ? null : resolve(dirname(file), scenario.data.file);
      cached = { scenario, dataFile };
      scenarioCache.set(key, cached);
    }
    const { scenario, dataFile } = cached;
    let symbols: readonly string[] | null = null;
    if (spec.shards > 1) {
      const shardKey = `${dataFile}\n${JSON.stringify(scenario.data.symbols ?? null)}`;
      let shards = symbolCache.get(shardKey);
      if (shards === undefined) {
        shards = splitShards(
          scenario.data.symbols ?? (await opts.listSymbols(scenario, dirname(file))),
          spec.shards,
        );
        symbolCache.set(shardKey, shards);
      }
      symbols = shards[point.shard] as string[];
    }
    const id = `j${String(index + 1).padStart(width, '0')}`;
    jobs.push({
      id,
      index,
      parameters: point.parameters,
      seed: point.seed ?? scenario.seed,
      shard: point.shard,
      shards: spec.shards,
      symbols,
      overrides,
      scenarioText: text,
      dataFile,
      outDir: join(outDir, 'jobs', id),
      strategy: scenario.variants?.[0]?.name ?? 'model',
    });
  }
  const paths = Object.keys(spec.parameters);
  const [x, y] = spec.heatmap ?? [paths[0], paths[1]];
  return { name: sweep.base.name, file, spec, outDir, jobs, heatmap: { x, y } };
}

/** The scenario text with a relative `data.file` made absolute, so the job folder can rerun it. */
function absoluteDataText(text: string, baseDir: string): string {
  const doc = parseDocument(text);
  const file = doc.getIn(['data', 'file']);
  if (typeof file === 'string' && !isAbsolute(file) && isMap(doc.get('data')))
    doc.setIn(['data', 'file'], resolve(baseDir, file));
  if (doc.errors.length > 0)
    throw new InputError(`${baseDir}: cannot rewrite the scenario text: ${doc.errors[0]?.message}`);
  return doc.toString();
}
