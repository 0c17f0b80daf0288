import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { describeValue, InputError } from '../core/index.ts';
import { type Scenario, scenarioSchema } from './schema.ts';
import { suggest } from './suggest.ts';

/** `--set path=value` overrides: dotted path, YAML-parsed value. */
export type Override = readonly [path: string, value: string];

/**
 * Reads, overrides and validates a scenario file. Unknown fields are errors, with a suggestion
 * for a near-miss name.
 *
 * @throws {InputError} naming the file, the field path, what was expected and what was got.
 * @example
 * const scenario = loadScenario('scenarios/quickstart.yaml', [['seed', '7']]);
 */
export function loadScenario(file: string, overrides: readonly Override[] = []): Scenario {
  if (!existsSync(file)) throw new InputError(`scenario file not found: ${file}`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError(
      `${file}: expected a mapping of scenario fields, got ${describeValue(raw)}`,
    );
  for (const [path, value] of overrides)
    setPath(raw as Record<string, unknown>, path, overrideValue(path, value));
  return validateScenario(raw, file);
}

/**
 * A deep copy of a parsed scenario with `--set` overrides applied (dotted path, YAML-parsed value).
 *
 * @throws {InputError} when a path is malformed or crosses a non-mapping value.
 * @example
 * withOverrides({ model: { kind: 'logistic' } }, [['model.learningRate', '0.1']]); // { model: { kind: 'logistic', learningRate: 0.1 } }
 */
export function withOverrides(
  raw: Record<string, unknown>,
  overrides: readonly Override[],
): Record<string, unknown> {
  const copy = structuredClone(raw);
  for (const [path, value] of overrides) setPath(copy, path, overrideValue(path, value));
  return copy;
}

/**
 * The value of one `--set path=value`, read as YAML (`0.1` a number, `[1, 5]` a list).
 *
 * @throws {InputError} naming the override when the value is not valid YAML.
 */
function overrideValue(path: string, value: string): unknown {
  try {
    return parseYaml(value) as unknown;
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new InputError(`--set ${path}: the value is not valid YAML: ${reason}`);
  }
}

/** Validates an already-parsed scenario object. */
export function validateScenario(raw: unknown, file: string): Scenario {
  const result = scenarioSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = describeIssue(issues[0] as z.core.$ZodIssue, raw);
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})`
      : '';
  throw new InputError(`${file}: ${first}${more}`);
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.map(String);
  const where = path.length > 0 ? `\`${path.join('.')}\`` : 'the scenario';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] as string;
    const field = [...path, key].join('.');
    const known = knownKeys(path);
    const hint = suggest(key, known);
    return `unknown field \`${field}\`${hint ? ` (did you mean \`${[...path, hint].join('.')}\`?)` : known.length > 0 ? ` (known fields: ${known.join(', ')})` : ''}`;
  }
  const got = valueAt(raw, path);
  if (got === undefined && issue.code === 'invalid_type')
    return `missing required field ${where} (${issue.message.replace(/^Invalid input: /, '')})`;
  return `${where}: ${issue.message.replace(/^Invalid input: /, '')}, got ${describeValue(got)}`;
}

/** Field names the schema allows at an object path. */
function knownKeys(path: readonly string[]): string[] {
  let node: unknown = scenarioSchema;
  for (const part of path) {
    node = unwrap(node);
    const shape = (node as { shape?: Record<string, unknown> }).shape;
    if (shape !== undefined && part in shape) node = shape[part];
    else if ((node as { element?: unknown }).element !== undefined)
      node = (node as { element: unknown }).element;
    else return [];
  }
  const shape = (unwrap(node) as { shape?: Record<string, unknown> }).shape;
  return shape === undefined ? [] : Object.keys(shape);
}

function unwrap(node: unknown): unknown {
  let n = node as { unwrap?: () => unknown; def?: { innerType?: unknown; options?: unknown[] } };
  for (let i = 0; i < 10; i++) {
    if (n.def?.innerType !== undefined) n = n.def.innerType as typeof n;
    else if (typeof n.unwrap === 'function' && (n as { element?: unknown }).element === undefined)
      n = n.unwrap() as typeof n;
    else if (Array.isArray(n.def?.options)) n = n.def.options[0] as typeof n;
    else break;
  }
  return n;
}

function valueAt(raw: unknown, path: readonly string[]): unknown {
  let v = raw;
  for (const p of path)
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** Names that would reach Object.prototype through a plain object: never scenario fields. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  if (parts.some((p) => p === ''))
    throw new InputError(
      `--set: bad path \`${path}\` (expected dotted field names like lifecycle.policy)`,
    );
  const bad = parts.find((p) => FORBIDDEN_KEYS.has(p));
  if (bad !== undefined) throw new InputError(`--set ${path}: \`${bad}\` is not a scenario field`);
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    if (next === undefined) node[part] = {};
    else if (next === null || typeof next !== 'object')
      throw new InputError(`--set ${path}: \`${part}\` is not a mapping`);
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1) as string] = value;
}
