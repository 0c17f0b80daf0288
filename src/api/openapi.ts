import { z } from 'zod';
import { eventMessage } from './event-schemas.ts';
import { API_SCHEMAS } from './response-schemas.ts';
import { configureBody, rollbackBody, updateBody, validateBody } from './schemas.ts';

/** Every named schema: the responses', and the request bodies'. */
const SCHEMAS = {
  ...API_SCHEMAS,
  UpdateRequest: updateBody,
  ValidateRequest: validateBody,
  RollbackRequest: rollbackBody,
  ConfigureRequest: configureBody,
  EventMessage: eventMessage,
} as const;
type SchemaId = keyof typeof SCHEMAS;

let components: Record<string, unknown> | null = null;

/** `components.schemas`, generated once from the zod schemas (shared ones by `$ref`). */
function componentSchemas(): Record<string, unknown> {
  if (components !== null) return components;
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  // each comes out as a standalone document: its `$schema` and `$id` do not belong in a component
  components = Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
  return components;
}

const ref = (id: SchemaId) => ({ $ref: `#/components/schemas/${id}` });
const json = (description: string, id: SchemaId) => ({
  description,
  content: { 'application/json': { schema: ref(id) } },
});
const error = (description: string) => json(description, 'Error');
const errors = {
  '400': error('Invalid body (`field` names the offending field) or path (`segment`).'),
  '401': error('Missing or wrong bearer token.'),
  '404': error('Unknown symbol or variant.'),
  '409': error('The machine refused the command: `reason` says why.'),
  '413': error('Body larger than 64 KB (`limit`); the connection is closed.'),
  default: error('Any other error (405 with `Allow`, 500…): JSON `{ error }` with its status.'),
};
const symbolParam = { name: 'symbol', in: 'path', required: true, schema: { type: 'string' } };
const body = (id: SchemaId) => ({
  required: true,
  content: { 'application/json': { schema: ref(id) } },
});
const get = (
  operationId: string,
  summary: string,
  ok: ReturnType<typeof json>,
  more: { parameters?: unknown[]; responses?: Record<string, unknown> } = {},
) => ({
  get: {
    operationId,
    summary,
    ...(more.parameters === undefined ? {} : { parameters: more.parameters }),
    responses: { '200': ok, ...more.responses, default: errors.default },
  },
});
const post = (
  operationId: string,
  summary: string,
  request: SchemaId,
  ok: ReturnType<typeof json>,
) => ({
  post: {
    operationId,
    summary,
    security: [{ bearer: [] }],
    requestBody: body(request),
    responses: { '200': ok, ...errors },
  },
});
const commandOk = json(
  'Accepted by at least one actor; `results` per (symbol, variant).',
  'CommandResponse',
);
const oneSymbol = {
  parameters: [symbolParam],
  responses: { '400': errors['400'], '404': errors['404'] },
};

/**
 * The OpenAPI 3.1 description of the control plane, served at `/docs`. Every request body and
 * every JSON response is a `$ref` into `components.schemas`, generated from the zod schemas that
 * validate the bodies and type the handlers' replies (`schemas.ts`, `response-schemas.ts`), so
 * the document cannot drift from the server; errors are `Error`, `/metrics` is text.
 *
 * @example
 * openApiDocument('0.1.0').paths['/ml/models/validate'].post.summary; // 'Run the champion/challenger test now'
 */
export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'livemodel control plane',
      version,
      description:
        'Status and control of the symbol actors of a live (or paced replay) run. Mutating routes need `Authorization: Bearer <token>` (scheme case-insensitive). Every GET route answers HEAD. `/metrics` is the Prometheus exposition of the run (read-only, no token, like every GET). Every response has a schema in `components.schemas`, generated from the zod schemas the server is typed with. Every error is JSON `{ "error": "…" }` with its status (400, 401, 404, 405, 409, 413, 500…). Events are pushed on the WebSocket `/ml/events` (query `types=transition,alert,…` and `symbol=…` filter them; at most 64 sockets by default, 503 beyond).',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: componentSchemas(),
    },
    paths: {
      '/health': get('getHealth', 'Liveness and mode', json('ok', 'Health')),
      '/docs': {
        get: {
          operationId: 'getDocs',
          summary: 'This document (HTML with `Accept: text/html`)',
          responses: {
            '200': {
              description: 'The OpenAPI document, or a page listing the routes for a browser',
              content: {
                'application/json': { schema: ref('OpenApiDocument') },
                'text/html': { schema: { type: 'string' } },
              },
            },
            default: errors.default,
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'getMetrics',
          summary: 'Prometheus metrics of the run (text format 0.0.4); no token',
          responses: {
            '200': {
              description:
                'The exposition (`text/plain; version=0.0.4`): livemodel_bars_total, livemodel_lifecycle_state, livemodel_promotions_total, livemodel_rollbacks_total, livemodel_tests_total, livemodel_drift_events_total, livemodel_decision_latency_seconds, livemodel_feed_connected, livemodel_feed_lag_seconds',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
            default: errors.default,
          },
        },
      },
      '/ml/models/status': get(
        'getModelsStatus',
        'State, champion, challenger, recent metrics and regime of every symbol',
        json('Per (symbol, variant)', 'ModelsStatus'),
      ),
      '/ml/models/status/{symbol}': get(
        'getSymbolModelsStatus',
        'The same for one symbol',
        json('Per variant', 'ModelsStatus'),
        {
          parameters: [symbolParam],
          responses: { ...oneSymbol.responses, '409': errors['409'] },
        },
      ),
      '/ml/models/update-online': post(
        'updateOnline',
        'Build a challenger now',
        'UpdateRequest',
        commandOk,
      ),
      '/ml/models/validate': post(
        'validate',
        'Run the champion/challenger test now',
        'ValidateRequest',
        commandOk,
      ),
      '/ml/models/rollback': post(
        'rollback',
        'Roll back to the previous or a named version',
        'RollbackRequest',
        commandOk,
      ),
      '/ml/stream/configure': post(
        'configureStream',
        'Change stream settings within bounds',
        'ConfigureRequest',
        json(
          '`applied` fields took effect; `notApplied` fields are stored, with the reason they do not apply yet',
          'ConfigureResponse',
        ),
      ),
      '/ml/stream/status': get(
        'getStreamStatus',
        'Connection state, messages, gaps, lag and buffer fill',
        json('Connection and per-symbol status', 'StreamStatus'),
      ),
      '/ml/stream/status/{symbol}': get(
        'getSymbolStreamStatus',
        'The same for one symbol',
        json('Connection and this symbol’s status', 'StreamStatus'),
        oneSymbol,
      ),
      '/ml/lifecycle/metrics': get(
        'getLifecycleMetrics',
        'Counts of updates, tests, promotions, rollbacks, and market time in each state',
        json('Derived from the outcome stream', 'LifecycleMetrics'),
      ),
      '/ml/events': {
        get: {
          operationId: 'openEvents',
          summary:
            'WebSocket: transitions, promotions, rollbacks, tests, drift and alerts as they happen',
          responses: {
            '101': {
              description:
                'Switching protocols: a `hello`, then one JSON outcome per message; every message conforms to `x-message-schema`',
              'x-message-schema': ref('EventMessage'),
            },
            '400': error('Not a valid WebSocket handshake, or an unparseable URL.'),
            '503': error('Too many event sockets are connected (the limit, default 64).'),
            default: errors.default,
          },
        },
      },
    },
  };
}

/** A small HTML page listing the routes, for a browser. */
export function docsHtml(doc: ReturnType<typeof openApiDocument>): string {
  const rows = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { summary: string }>).map(
        ([m, op]) =>
          `<tr><td>${m.toUpperCase()}</td><td><code>${path}</code></td><td>${op.summary}</td></tr>`,
      ),
    )
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>${doc.info.title}</title><h1>${doc.info.title} ${doc.info.version}</h1><p>${doc.info.description}</p><table>${rows}</table><p>Machine-readable: <code>GET /docs</code> with <code>Accept: application/json</code>.</p>`;
}
