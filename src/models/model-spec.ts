import type { z } from 'zod';
import { describeValue, InputError } from '../core/index.ts';
import { type AdaptiveLrConfig, DEFAULT_ADAPTIVE_LR } from './adaptive-lr.ts';
import type { EnsembleConfig } from './ensemble.ts';
import { DEFAULT_LSTM, type LstmConfig } from './lstm.ts';
import {
  MODEL_KINDS,
  type ModelKind,
  naiveSpecSchema,
  STRICT_MODEL_SCHEMAS,
} from './model-spec-schema.ts';
import type { GlmConfig } from './online-glm.ts';
import type { NeuralKernelChoice } from './fused-kernels.ts';
import type { TransformerConfig } from './transformer.ts';

/** A model spec with every field resolved (what snapshots record). */
export type ResolvedModelSpec =
  | ({ readonly kind: 'logistic' | 'linear' } & GlmConfig)
  | ({ readonly kind: 'lstm'; readonly kernel?: NeuralKernelChoice } & LstmConfig)
  | ({ readonly kind: 'transformer'; readonly kernel?: NeuralKernelChoice } & TransformerConfig)
  | ({ readonly kind: 'ensemble'; readonly members: readonly ResolvedModelSpec[] } & EnsembleConfig)
  | { readonly kind: 'naive'; readonly returnIndex: number; readonly confidence: number };

/**
 * Validates a model spec against its kind's schema (`model-spec-schema.ts`) and fills in the
 * defaults; members of an ensemble are resolved the same way, each under its own path.
 *
 * @throws {InputError} naming the field, e.g. "Expected `model.hidden` to be an integer in
 *   [1, 512], got `0` (number)"; also for unknown fields.
 * @example
 * parseModelSpec({ kind: 'lstm', hidden: 8 }, 5).hidden; // 8
 */
export function parseModelSpec(spec: unknown, features: number, path = 'model'): ResolvedModelSpec {
  if (!Number.isInteger(features) || features < 1) {
    throw new InputError(
      `Expected the feature count of \`${path}\` to be an integer >= 1, got ${describeValue(features)}`,
    );
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw new InputError(`Expected \`${path}\` to be an object, got ${describeValue(spec)}`);
  const kind = (spec as { kind?: unknown }).kind as ModelKind;
  if (!MODEL_KINDS.includes(kind)) fail(path, ['kind'], `one of ${MODEL_KINDS.join('|')}`, kind);
  const schema = kind === 'naive' ? naiveSpecSchema(features) : STRICT_MODEL_SCHEMAS[kind];
  const parsed = schema.safeParse(spec);
  if (!parsed.success) throw issueError(parsed.error.issues, spec, path, schema);
  const { kind: _kind, ...fields } = parsed.data as { kind: ModelKind } & Record<string, unknown>;
  switch (kind) {
    case 'logistic':
    case 'linear':
      return { kind, features, ...fields } as ResolvedModelSpec;
    case 'lstm': {
      const window = fields['window'] as number;
      // a stream's default does not follow the window: it only identifies bars there
      const bpttSteps =
        (fields['bpttSteps'] as number | undefined) ??
        (fields['stateful'] ? DEFAULT_LSTM.bpttSteps : window);
      if (bpttSteps > window && !fields['stateful'])
        fail(path, ['bpttSteps'], `an integer in [1, ${window}]`, bpttSteps);
      const { stateful, labelLag, ...rest } = fields;
      return {
        kind,
        features,
        ...rest,
        adaptiveLr: adaptive(fields, path),
        bpttSteps,
        ...streamFields(fields, path),
      } as ResolvedModelSpec;
    }
    case 'transformer': {
      const { dModel, heads } = fields as { dModel: number; heads: number };
      if (dModel % heads !== 0)
        fail(path, ['dModel'], `a multiple of \`${path}.heads\` (${heads})`, dModel);
      const { stateful, labelLag, ...rest } = fields;
      return {
        kind,
        features,
        ...rest,
        adaptiveLr: adaptive(fields, path),
        ...streamFields(fields, path),
      } as ResolvedModelSpec;
    }
    case 'ensemble':
      return {
        kind,
        features,
        ...fields,
        members: members(fields, features, path),
      } as unknown as ResolvedModelSpec;
    case 'naive':
      return { kind, ...fields } as ResolvedModelSpec;
  }
}

/** What a resolved spec's model predicts: `direction` (up-probability) or `return` (a forecast). */
export function specTarget(spec: ResolvedModelSpec): 'direction' | 'return' {
  if (spec.kind === 'linear') return 'return';
  if (spec.kind === 'ensemble')
    return spec.members[0] === undefined ? 'direction' : specTarget(spec.members[0]);
  if (spec.kind === 'lstm' || spec.kind === 'transformer') return spec.target;
  return 'direction';
}

/**
 * `stateful` and `labelLag` as the resolved spec records them: only for a stateful model, so
 * window models keep their configuration (and their snapshots) as before.
 */
function streamFields(fields: Record<string, unknown>, path: string): object {
  if (!fields['stateful']) return {};
  if ((fields['window'] as number) < 2)
    fail(path, ['window'], 'an integer >= 2 with `stateful: true`', fields['window']);
  return { stateful: true, labelLag: fields['labelLag'] };
}

/** `adaptiveLr` with `slow` filled in (min(default, fast)) and checked against `fast`, in field order. */
function adaptive(fields: Record<string, unknown>, path: string): AdaptiveLrConfig {
  const a = fields['adaptiveLr'] as Omit<AdaptiveLrConfig, 'slow'> & { slow?: number };
  const slow = a.slow ?? Math.min(DEFAULT_ADAPTIVE_LR.slow, a.fast);
  if (slow > a.fast)
    fail(path, ['adaptiveLr', 'slow'], `a finite number > 0 and <= ${a.fast}`, slow);
  const { enabled, fast, tolerance, increase, decrease, minFactor, maxFactor } = a;
  return { enabled, fast, slow, tolerance, increase, decrease, minFactor, maxFactor };
}

function members(
  fields: Record<string, unknown>,
  features: number,
  path: string,
): ResolvedModelSpec[] {
  const list = (fields['members'] as unknown[]).map((m, i) =>
    parseModelSpec(m, features, `${path}.members[${i}]`),
  );
  const targets = [...new Set(list.map(specTarget))];
  if (targets.length > 1)
    fail(path, ['members'], 'members that share one target (all direction or all return)', targets);
  return list;
}

function fail(path: string, at: readonly PropertyKey[], rule: string, value: unknown): never {
  throw new InputError(
    `Expected \`${[path, ...at.map(String)].join('.')}\` to be ${rule}, got ${describeValue(value)}`,
  );
}

/**
 * The first problem zod found, in the house format: a bad value before an unknown field (as a
 * reader that checks every field it knows, then what is left over).
 */
function issueError(
  issues: readonly z.core.$ZodIssue[],
  raw: object,
  path: string,
  schema: z.ZodObject,
): InputError {
  const issue =
    issues.find((i) => i.code !== 'unrecognized_keys') ?? (issues[0] as z.core.$ZodIssue);
  const where = [path, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(
      issue.path.length === 0 ? schema.shape : nestedShape(schema, issue.path),
    );
    return new InputError(
      `Unknown field \`${where}.${issue.keys[0]}\` (known fields: ${known.sort().join(', ')})`,
    );
  }
  let value: unknown = raw;
  for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return new InputError(
    `Expected \`${where}\` to be ${issue.message}, got ${describeValue(value)}`,
  );
}

/** The fields of the object schema at `path` (through optional, default and preprocess wrappers). */
function nestedShape(schema: z.ZodObject, path: readonly PropertyKey[]): Record<string, unknown> {
  let node: unknown = schema;
  for (const key of path) {
    node = (node as { shape: Record<PropertyKey, unknown> }).shape[key];
    for (let i = 0; i < 5; i++) {
      const def = (node as { def: { innerType?: unknown; out?: unknown } }).def;
      if (def.innerType !== undefined) node = def.innerType;
      else if (def.out !== undefined) node = def.out;
    }
  }
  return (node as { shape: Record<string, unknown> }).shape;
}
