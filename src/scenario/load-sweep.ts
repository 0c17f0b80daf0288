import { existsSync, readFileSync } from 'node:fs';
import { isMap, parseDocument } from 'yaml';
import type { z } from 'zod';
import { describeValue, InputError } from '../core/index.ts';
import { validateScenario } from './load-scenario.ts';
import type { Scenario } from './schema.ts';
import { suggest } from './suggest.ts';
import { SWEEP_METRICS, type SweepSpec, sweepSchema } from './sweep-schema.ts';

/** A sweep file split into its scenario and its `sweep:` block, both validated. */
export interface SweepFile {
  readonly file: string;
  /** The scenario without the sweep block, as parsed YAML values (before defaults). */
  readonly raw: Record<string, unknown>;
  /** The scenario's YAML text without the sweep block, comments kept. */
  readonly text: string;
  /** The validated scenario without any sweep override. */
  readonly base: Scenario;
  readonly spec: SweepSpec;
}

/** True when a YAML file has a top-level `sweep:` block (cheap check, no validation). */
export function isSweepFile(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    return isMap(doc.contents) && doc.contents.has('sweep');
  } catch {
    return false;
  }
}

/**
 * Reads a sweep file: strips the `sweep:` block, validates it with its own schema, then
 * validates the rest as a normal scenario. Checks what the schema cannot: a non-empty grid,
 * distinct values, heatmap axes that are parameters, no `seed` parameter next to `seeds`.
 *
 * @throws {InputError} naming the file and the field (`sweep.metric`, `sweep.parameters.x`, …).
 * @example
 * const { spec } = loadSweepFile('scenarios/quickstart-sweep.yaml');
 * Object.keys(spec.parameters); // ['model.learningRate', 'lifecycle.warmupBars']
 */
export function loadSweepFile(file: string): SweepFile {
  if (!existsSync(file)) throw new InputError(`sweep file not found: ${file}`);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  if (doc.errors.length > 0)
    throw new InputError(
      `${file}: not valid YAML: ${(doc.errors[0] as Error).message.split('\n')[0]}`,
    );
  if (!isMap(doc.contents))
    throw new InputError(
      `${file}: expected a mapping of scenario fields, got ${describeValue(doc.toJS())}`,
    );
  if (!doc.contents.has('sweep'))
    throw new InputError(
      `${file}: no \`sweep:\` block (a sweep file is a scenario plus a sweep block; see docs/sweeps.md)`,
    );
  const block = (doc.toJS() as Record<string, unknown>)['sweep'];
  doc.contents.delete('sweep');
  const raw = doc.toJS() as Record<string, unknown>;
  const spec = parseSweepBlock(block, file);
  checkGrid(spec, file);
  const base = validateScenario(raw, file);
  return { file, raw, text: doc.toString(), base, spec };
}

function parseSweepBlock(block: unknown, file: string): SweepSpec {
  if (block === null || typeof block !== 'object' || Array.isArray(block))
    throw new InputError(
      `${file}: \`sweep\`: expected a mapping (parameters, seeds, shards, metric), got ${describeValue(block)}`,
    );
  const result = sweepSchema.safeParse(block);
  if (result.success) return result.data;
  throw new InputError(
    `${file}: ${describeSweepIssue(result.error.issues[0] as z.core.$ZodIssue, block)}`,
  );
}

function describeSweepIssue(issue: z.core.$ZodIssue, block: unknown): string {
  const path = ['sweep', ...issue.path.map(String)];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] as string;
    const known = Object.keys(sweepSchema.shape);
    const hint = suggest(key, known);
    return `unknown field \`${[...path, key].join('.')}\`${hint ? ` (did you mean \`sweep.${hint}\`?)` : ` (known fields: ${known.join(', ')})`}`;
  }
  let got: unknown = block;
  for (const p of issue.path)
    got =
      got !== null && typeof got === 'object'
        ? (got as Record<string, unknown>)[String(p)]
        : undefined;
  if (path.at(-1) === 'metric') {
    const hint = typeof got === 'string' ? suggest(got, SWEEP_METRICS) : undefined;
    return `\`sweep.metric\`: expected one of ${SWEEP_METRICS.join(', ')}, got ${describeValue(got)}${hint ? ` (did you mean \`${hint}\`?)` : ''}`;
  }
  return `\`${path.join('.')}\`: ${issue.message.replace(/^Invalid input: /, '')}, got ${describeValue(got)}`;
}

function checkGrid(spec: SweepSpec, file: string): void {
  const paths = Object.keys(spec.parameters);
  if (paths.length === 0 && spec.seeds === undefined) {
    throw new InputError(
      `${file}: \`sweep\`: empty grid: give \`sweep.parameters\` (dotted path → list of values) or \`sweep.seeds\``,
    );
  }
  for (const [path, values] of Object.entries(spec.parameters)) {
    const seen = new Set<string>();
    for (const v of values) {
      const key = JSON.stringify(v);
      if (seen.has(key))
        throw new InputError(
          `${file}: \`sweep.parameters.${path}\`: values must be distinct, got ${describeValue(v)} twice`,
        );
      seen.add(key);
    }
    if (path === 'seed' && spec.seeds !== undefined)
      throw new InputError(
        `${file}: \`sweep.parameters.seed\`: give seeds once, in \`sweep.seeds\``,
      );
    if (path === 'name')
      throw new InputError(`${file}: \`sweep.parameters.name\`: the scenario name cannot be swept`);
  }
  if (spec.seeds !== undefined && new Set(spec.seeds).size !== spec.seeds.length)
    throw new InputError(
      `${file}: \`sweep.seeds\`: seeds must be distinct, got ${describeValue(spec.seeds)}`,
    );
  if (spec.heatmap !== undefined) {
    const [x, y] = spec.heatmap;
    for (const axis of [x, y]) {
      if (!paths.includes(axis))
        throw new InputError(
          `${file}: \`sweep.heatmap\`: \`${axis}\` is not a swept parameter (parameters: ${paths.join(', ') || 'none'})`,
        );
    }
    if (x === y)
      throw new InputError(
        `${file}: \`sweep.heatmap\`: expected two different parameters, got \`${x}\` twice`,
      );
  }
}
