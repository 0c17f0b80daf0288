import { z } from 'zod';
import { configureBody } from './schemas.ts';

/**
 * The zod schemas of every JSON response of the control plane. The server's types come from
 * them (`ports.ts` and the route handlers are typed with `z.input` of these), and the OpenAPI
 * document's `components.schemas` is generated from them (`openapi.ts`), so the two cannot
 * drift. Numbers that can be NaN in memory (a metric with no data) are `null` on the wire, which
 * is what `JSON.stringify` makes of them. Symbol and variant names are data: where they are keys
 * (`symbols`, `bySymbol`) the schema is a map (`additionalProperties`), never named properties.
 */

const count = z.number().int().min(0);
const marketTime = z.number().describe('Market time of the stream (epoch ms).');
const mode = z.enum(['live', 'replay']).describe('A live feed, or a paced replay of a file.');
const onWire = z.number().nullable().describe('null where the value is undefined (NaN).');

export const lifecycleState = z
  .enum(['warmup', 'serving', 'updating', 'testing', 'rollback', 'safe'])
  .describe('Lifecycle state of a (variant, symbol) machine.');

export const errorResponse = z
  .looseObject({
    error: z.string().describe('What went wrong, for a human.'),
    field: z.string().optional().describe('The request field, header or part at fault (400).'),
    segment: z.string().optional().describe('The path segment at fault (400).'),
    reason: z.string().optional().describe('Why the machine refused (409).'),
    symbol: z.string().optional(),
    symbols: z.array(z.string()).optional().describe('The known symbols (404).'),
    variants: z.array(z.string()).optional().describe('The known variants (404).'),
    limit: count.optional().describe('The body size limit in bytes (413).'),
    results: z.array(z.unknown()).optional().describe('Per (symbol, variant) refusals (409).'),
  })
  .describe('Every error: `{ error }` plus details that depend on the status.');

export const healthResponse = z.object({
  status: z.literal('ok'),
  mode,
  finished: z.boolean().describe('The source has ended and the run is recorded (read-only).'),
  marketTime,
  symbols: count.describe('Symbols with a model.'),
  eventClients: count.describe('Connected `/ml/events` sockets.'),
});

export const modelMetrics = z
  .object({
    n: count,
    accuracy: onWire,
    precision: onWire,
    recall: onWire,
    f1: onWire,
    logLoss: onWire,
    brier: onWire,
  })
  .describe("Prequential direction metrics of the champion's recent predictions.");

export const modelStatus = z.object({
  variant: z.string(),
  symbol: z.string(),
  state: lifecycleState,
  championVersion: z.number().int().nullable(),
  challengerVersion: z.number().int().nullable(),
  regime: z.string().nullable().describe('Latest detected regime, or null.'),
  bars: count,
  metrics: modelMetrics,
});

export const modelsStatusResponse = z.object({ mode, marketTime, models: z.array(modelStatus) });

export const commandResult = z.discriminatedUnion('accepted', [
  z.object({
    symbol: z.string(),
    variant: z.string(),
    accepted: z.literal(true),
    state: z.string(),
  }),
  z.object({
    symbol: z.string(),
    variant: z.string(),
    accepted: z.literal(false),
    reason: z.string().describe('Why the machine refused, in its words.'),
    state: z.string(),
  }),
]);

export const commandResponse = z.object({
  command: z.enum(['update', 'validate', 'rollback', 'promote']),
  results: z.array(commandResult).describe('One per targeted (symbol, variant).'),
});

/** The settings a client has set on a symbol (the configure body without `symbol`). */
export const streamSettings = configureBody.omit({ symbol: true });

export const configureResponse = z.object({
  results: z.array(
    z.object({
      symbol: z.string(),
      settings: streamSettings.describe('Every setting stored for the symbol so far.'),
      applied: z
        .record(z.string(), z.unknown())
        .describe('Fields that took effect, by field path, with what they did.'),
      notApplied: z
        .record(z.string(), z.string())
        .describe('Fields stored but not in effect, by field path, with the reason.'),
    }),
  ),
});

const latencySummary = z.object({
  count,
  meanMs: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  maxMs: z.number().nullable(),
});

export const replayConnection = z.object({
  state: z.enum(['replaying', 'ended']),
  source: z.string().describe('The data file, or the synthetic market.'),
  speed: z.number().describe('Market time per wall time.'),
  slices: count,
  bars: count,
  marketTime,
});

export const liveConnection = z.object({
  feed: z.string(),
  url: z.string(),
  state: z.enum(['idle', 'connecting', 'open', 'backoff', 'ended', 'stopped', 'failed']),
  connects: count,
  disconnects: count,
  messages: count,
  ticks: count,
  duplicates: count,
  gaps: count,
  missing: count,
  rejects: count,
  lastMessageAt: z.number().nullable().describe('Wall time (epoch ms) of the last frame.'),
  marketTime,
  reorderWindowMs: count,
  lateDropped: count,
  decisionLatency: latencySummary.describe('Tick-to-decision latency of recent bar closes.'),
});

const buffer = z.object({ open: count, capacity: count, fill: z.number().min(0).max(1) });

export const replaySymbolStream = z.object({
  symbol: z.string(),
  bars: count,
  lagMs: z.null(),
  gaps: count,
  duplicates: count,
  buffer,
});

export const liveSymbolStream = z.object({
  symbol: z.string(),
  intervalMs: count,
  ticks: count,
  duplicates: count,
  gaps: count,
  missing: count,
  lateDropped: count,
  lastTs: z.number().nullable(),
  lagMs: z.number().nullable().describe('Receipt (wall) minus market time of the latest tick.'),
  buffer,
  engineBuffers: z
    .object({ pending: count, recent: count, snapshots: count, versions: count })
    .nullable(),
});

export const streamStatusResponse = z.object({
  mode,
  marketTime,
  connection: z.union([replayConnection, liveConnection]),
  symbols: z
    .record(
      z.string(),
      z.union([
        replaySymbolStream.extend({ settings: streamSettings }),
        liveSymbolStream.extend({ settings: streamSettings }),
      ]),
    )
    .describe('By symbol.'),
});

const msByState = z.record(z.string(), z.number()).describe('Market ms spent in each state.');

export const lifecycleMetricsResponse = z.object({
  marketTime,
  counts: z.object({
    updates: count,
    candidates: count,
    tests: count,
    promotions: count,
    rejections: count,
    rollbacks: count,
    discarded: count,
    drifts: count,
    alerts: count,
  }),
  timeInStateMs: msByState,
  bySymbol: z.record(z.string(), msByState).describe('By `variant/symbol`.'),
});

export const openApiResponse = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .describe('An OpenAPI 3.1 document (this one).');

/** The named schemas, as `components.schemas` of the OpenAPI document lists them. */
export const API_SCHEMAS = {
  Error: errorResponse,
  Health: healthResponse,
  LifecycleState: lifecycleState,
  ModelMetrics: modelMetrics,
  ModelStatus: modelStatus,
  ModelsStatus: modelsStatusResponse,
  CommandResult: commandResult,
  CommandResponse: commandResponse,
  StreamSettings: streamSettings,
  ConfigureResponse: configureResponse,
  ReplayConnection: replayConnection,
  LiveConnection: liveConnection,
  ReplaySymbolStream: replaySymbolStream,
  LiveSymbolStream: liveSymbolStream,
  StreamStatus: streamStatusResponse,
  LifecycleMetrics: lifecycleMetricsResponse,
  OpenApiDocument: openApiResponse,
} as const;
