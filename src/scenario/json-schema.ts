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
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  required?: string[];
}

/** The scenario reference as Markdown: one row per field, with type, default and description. */
export function scenarioReferenceMarkdown(): string {
  const rows: string[] = [];
  const walk = (node: JsonNode, path: string, required: boolean): void => {
    const n = pick(node);
    if (path !== '')
      rows.push(
        `| \`${path}\` | ${typeOf(n)}${required && n.default === undefined ? ' (required)' : ''} | ${n.default === undefined ? '' : `\`${JSON.stringify(n.default)}\``} | ${(n.description ?? node.description ?? '').replace(/\|/g, '\\|')} |`,
      );
    for (const [k, child] of Object.entries(n.properties ?? {}))
      if (k !== '$schema')
        walk(child, path === '' ? k : `${path}.${k}`, (n.required ?? []).includes(k));
    const items = n.items === undefined ? undefined : pick(n.items);
    if (items?.properties !== undefined)
      for (const [k, child] of Object.entries(items.properties))
        walk(child, `${path}[].${k}`, (items.required ?? []).includes(k));
  };
  walk(scenarioJsonSchema() as JsonNode, '', true);
  return ['| field | type | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
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
