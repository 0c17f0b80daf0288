import { z } from 'zod';
import { configureBody, rollbackBody, updateBody, validateBody } from './schemas.ts';

const json = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});
const errors = {
  '400': json('Invalid body (`field` names the offending field) or path (`segment`).'),
  '401': json('Missing or wrong bearer token.'),
  '404': json('Unknown symbol or variant.'),
  '409': json('The machine refused the command: `reason` says why.'),
  '413': json('Body larger than 64 KB (`limit`); the connection is closed.'),
};
const symbolParam = { name: 'symbol', in: 'path', required: true, schema: { type: 'string' } };
const body = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema) } },
});
const command = (summary: string, schema: z.ZodType) => ({
  post: {
    summary,
    security: [{ bearer: [] }],
    requestBody: body(schema),
    responses: {
      '200': json('Accepted by at least one actor; `results` per (symbol, variant).'),
      ...errors,
    },
  },
});

/**
 * The OpenAPI 3.1 description of the control plane, served at `/docs`. Request bodies are
 * generated from the same zod schemas that validate them, so the two cannot drift.
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
        'Status and control of the symbol actors of a live (or paced replay) run. Mutating routes need `Authorization: Bearer <token>` (scheme case-insensitive). Every GET route answers HEAD. Every error is JSON `{ "error": "…" }` with its status (400, 401, 404, 405, 409, 413, 500…). Events are pushed on the WebSocket `/ml/events` (query `types=transition,alert,…` and `symbol=…` filter them; at most 64 sockets by default, 503 beyond).',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/health': { get: { summary: 'Liveness and mode', responses: { '200': json('ok') } } },
      '/docs': {
        get: {
          summary: 'This document (HTML with `Accept: text/html`)',
          responses: { '200': json('OpenAPI document') },
        },
      },
      '/ml/models/status': {
        get: {
          summary: 'State, champion, challenger, recent metrics and regime of every symbol',
          responses: { '200': json('Per (symbol, variant)') },
        },
      },
      '/ml/models/status/{symbol}': {
        get: {
          summary: 'The same for one symbol',
          parameters: [symbolParam],
          responses: { '200': json('Per variant'), '400': errors['400'], '404': errors['404'] },
        },
      },
      '/ml/models/update-online': command('Build a challenger now', updateBody),
      '/ml/models/validate': command('Run the champion/challenger test now', validateBody),
      '/ml/models/rollback': command('Roll back to the previous or a named version', rollbackBody),
      '/ml/stream/configure': {
        post: {
          summary: 'Change stream settings within bounds',
          security: [{ bearer: [] }],
          requestBody: body(configureBody),
          responses: {
            '200': json(
              '`applied` fields took effect; `notApplied` fields are stored, with the reason they do not apply yet',
            ),
            ...errors,
          },
        },
      },
      '/ml/stream/status': {
        get: {
          summary: 'Connection state, messages, gaps, lag and buffer fill',
          responses: { '200': json('Connection and per-symbol status') },
        },
      },
      '/ml/stream/status/{symbol}': {
        get: {
          summary: 'The same for one symbol',
          parameters: [symbolParam],
          responses: { '200': json('Symbol status'), '400': errors['400'], '404': errors['404'] },
        },
      },
      '/ml/lifecycle/metrics': {
        get: {
          summary: 'Counts of updates, tests, promotions, rollbacks, and market time in each state',
          responses: { '200': json('Derived from the outcome stream') },
        },
      },
      '/ml/events': {
        get: {
          summary:
            'WebSocket: transitions, promotions, rollbacks, tests, drift and alerts as they happen',
          responses: {
            '101': { description: 'Switching protocols' },
            '400': json('Not a valid WebSocket handshake, or an unparseable URL.'),
            '503': json('Too many event sockets are connected (the limit, default 64).'),
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
