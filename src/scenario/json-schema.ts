import { z } from 'zod';
import { scenarioSchema } from './schema.ts';
import { sweepSchema } from './sweep-schema.ts';

/**
 * The JSON Schema (draft 2020-12) of scenario files, generated from the zod schema, for editors
 * (`# yaml-language-server: $schema=../scenario.schema.json`) and for the scenario reference.
 *
 * @example
 * scenarioJsonSchema().properties.lifecycle.properties.policy.enum; // ['continuous', 'periodic', …]
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://livemodel.dev/scenario.schema.json',
    title: 'livemodel scenario',
  };
}

/**
 * The JSON Schema of sweep files: a scenario plus its `sweep:` block (parameters, seeds, shards,
 * metric, heatmap), for editors (`# yaml-language-server: $schema=../sweep.schema.json`).
 *
 * @example
 * sweepJsonSchema().properties.sweep.properties.metric.enum; // ['sharpe', 'total_return', …]
 */
export function sweepJsonSchema(): Record<string, unknown> {
  const sweepFile = scenarioSchema.extend({ sweep: sweepSchema });
  const schema = z.toJSONSchema(sweepFile, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://livemodel.dev/sweep.schema.json',
    title: 'livemodel sweep file',
  };
}

interface JsonNode {
  type?: string | string[];
  description?: string | undefined;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  required?: string[];
  $ref?: string;
  $defs?: Record<string, JsonNode>;
}

/** One row of the reference; `kinds` lists the model kinds a field belongs to (model fields). */
interface Row {
  readonly path: string;
  readonly rest: string;
  readonly kinds: string[];
}

/**
 * The scenario reference as Markdown: one row per field, with type, default and description.
 * A union keyed by `kind` (the model) lists each kind's fields, with the kinds after the field
 * name; rows equal for several kinds are merged.
 */
export function scenarioReferenceMarkdown(): string {
  const root = scenarioJsonSchema() as JsonNode;
  const rows: Row[] = [];
  const row = (path: string, n: JsonNode, required: boolean, kinds: string[], type = typeOf(n)) =>
    rows.push({
      path,
      rest: `${type}${required && n.default === undefined ? ' (required)' : ''} | ${n.default === undefined ? '' : `\`${JSON.stringify(n.default)}\``} | ${(n.description ?? '').replace(/\|/g, '\\|')}`,
      kinds,
    });
  const walk = (node: JsonNode, path: string, required: boolean, kinds: string[]): void => {
    const resolved = resolveRef(node, root.$defs ?? {});
    const variants = kindOptions(resolved);
    if (variants !== undefined) {
      row(path, resolved, required, kinds, 'object');
      const names = variants.map((o) => String(o.properties?.['kind']?.const));
      const description = variants[0]?.properties?.['kind']?.description;
      row(`${path}.kind`, { enum: names, description }, true, kinds);
      for (const option of variants) {
        const { kind, ...fields } = option.properties ?? {};
        for (const [k, child] of Object.entries(fields))
          walk(child, `${path}.${k}`, false, [String(kind?.const)]);
      }
      return;
    }
    const n = pick(resolved);
    if (path !== '')
      row(path, { ...n, description: n.description ?? node.description }, required, kinds);
    for (const [k, child] of Object.entries(n.properties ?? {}))
      if (k !== '$schema')
        walk(child, path === '' ? k : `${path}.${k}`, (n.required ?? []).includes(k), kinds);
    const items = n.items === undefined ? undefined : pick(n.items);
    if (items?.properties !== undefined)
      for (const [k, child] of Object.entries(items.properties))
        walk(child, `${path}[].${k}`, (items.required ?? []).includes(k), kinds);
  };
  walk(root, '', true, []);
  const merged = new Map<string, Row>();
  for (const r of rows) {
    const key = `${r.path}\u0000${r.rest}`;
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, { ...r, kinds: [...r.kinds] });
    else seen.kinds.push(...r.kinds);
  }
  const lines = [...merged.values()].map(
    (r) => `| \`${r.path}\`${r.kinds.length > 0 ? ` (${r.kinds.join(', ')})` : ''} | ${r.rest} |`,
  );
  return ['| field | type | default | meaning |', '|---|---|---|---|', ...lines].join('\n');
}

/** A `$ref` to `#/$defs/X` replaced by X (the referring node's description and default kept). */
function resolveRef(node: JsonNode, defs: Record<string, JsonNode>): JsonNode {
  if (node.$ref === undefined) return node;
  const { $ref, ...own } = node;
  const target = defs[$ref.replace('#/$defs/', '')] ?? {};
  return { ...target, ...own, description: own.description ?? target.description };
}

/** The options of a union keyed by a constant `kind`, or undefined for any other node. */
function kindOptions(node: JsonNode): JsonNode[] | undefined {
  const options = node.oneOf ?? node.anyOf;
  return options?.every((o) => o.properties?.['kind']?.const !== undefined) ? options : undefined;
}

function pick(node: JsonNode): JsonNode {
  const options = node.anyOf ?? node.oneOf;
  if (options === undefined) return node;
  const withProps = options.find((o) => o.properties !== undefined);
  return {
    ...(withProps ?? options.find((o) => o.type !== 'null') ?? node),
    description: node.description ?? withProps?.description,
    default: node.default,
  };
}

function typeOf(n: JsonNode): string {
  if (n.$ref !== undefined) return n.$ref.replace('#/$defs/', '');
  if (n.enum !== undefined) return n.enum.map((e) => `\`${String(e)}\``).join(' \\| ');
  const t = Array.isArray(n.type)
    ? n.type.join('/')
    : (n.type ?? ((n.oneOf ?? n.anyOf) !== undefined ? 'one of several' : 'any'));
  if (t === 'array') return `list of ${n.items === undefined ? 'any' : typeOf(pick(n.items))}`;
  const lo = n.minimum ?? n.exclusiveMinimum;
  const hi = n.maximum !== undefined && n.maximum < 1e15 ? n.maximum : undefined;
  const range =
    lo !== undefined || hi !== undefined
      ? ` ${n.exclusiveMinimum !== undefined ? '>' : '≥'} ${lo ?? '−∞'}${hi !== undefined ? `, ≤ ${hi}` : ''}`
      : '';
  return `${t}${range}`;
}
