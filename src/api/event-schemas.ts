import { z } from 'zod';
import type {
  AbTestOutcome,
  AlertOutcome,
  DriftOutcome,
  RegimeOutcome,
  TransitionOutcome,
  VersionEventOutcome,
} from '../core/index.ts';
import type { LIVE_EVENT_TYPES } from './event-bus.ts';

/**
 * The zod schemas of the `/ml/events` WebSocket messages: a `hello` naming the filter, then one
 * message per lifecycle outcome — the outcome's fields as the engine wrote them, plus `time`, the
 * ISO form of its market time (`ts`, or `endedTs` for a test). The OpenAPI document publishes
 * them as `components.schemas.EventMessage` (referenced by the 101 response's
 * `x-message-schema`), and the compile-time checks below tie each schema to its outcome type in
 * core/, so a field added to an outcome must be added here.
 */

const epochMs = z.number().describe('Market time, epoch ms.');
const time = z.string().nullable().describe('ISO-8601 form of the market time.');
const scope = { variant: z.string(), symbol: z.string() };

const transition = z
  .object({
    type: z.literal('transition'),
    ...scope,
    ts: epochMs,
    from: z.string(),
    to: z.string(),
    event: z.string(),
    time,
  })
  .describe('A lifecycle state change of a (variant, symbol) machine.');

const versionEvent = z
  .object({
    type: z.literal('version_event'),
    ...scope,
    ts: epochMs,
    version: z.number().int(),
    event: z.enum(['created', 'promoted', 'retired', 'discarded', 'restored']),
    detail: z.string(),
    time,
  })
  .describe('Something that happened to a model version.');

const abTest = z
  .object({
    type: z.literal('ab_test'),
    ...scope,
    startedTs: epochMs,
    endedTs: epochMs,
    championVersion: z.number().int(),
    challengerVersion: z.number().int(),
    n: z.number().int().min(0),
    statistic: z.number().nullable().describe('null on the wire where it is not finite.'),
    pValue: z.number().nullable(),
    decision: z.enum(['promote', 'reject']),
    method: z.string(),
    alpha: z.number(),
    testIndex: z.number().int().min(1),
    horizon: z.number().int().min(1),
    df: z.number().nullable(),
    meanDiff: z.number().nullable(),
    time,
  })
  .describe('A decided champion/challenger test (time: when it ended).');

const drift = z
  .object({
    type: z.literal('drift'),
    ...scope,
    ts: epochMs,
    detector: z.string(),
    kind: z.string().describe('`warning` or `drift`.'),
    feature: z.string().nullable(),
    time,
  })
  .describe('A drift detector signalled.');

const regime = z
  .object({
    type: z.literal('regime'),
    ...scope,
    ts: epochMs,
    regime: z.string(),
    detector: z.string(),
    time,
  })
  .describe('The regime of a symbol changed.');

const alert = z
  .object({
    type: z.literal('alert'),
    ...scope,
    ts: epochMs,
    kind: z.string(),
    severity: z.enum(['info', 'warning', 'critical']),
    message: z.string(),
    time,
  })
  .describe('An operational alert (feed gaps, refusals, failures).');

const hello = z
  .object({
    type: z.literal('hello'),
    filter: z.object({
      types: z.array(z.string()).nullable(),
      symbol: z.string().nullable(),
    }),
  })
  .describe('The first message on every socket: the filter it was opened with.');

export const eventMessage = z
  .discriminatedUnion('type', [hello, transition, versionEvent, abTest, drift, regime, alert])
  .describe('One `/ml/events` message.');

/** The fields of an outcome on the wire: its own, plus `time`. */
type Wire<T> = keyof T | 'time';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Each message schema has exactly its outcome's fields (checked by tsc). */
export type EventSchemasMatchOutcomes = [
  Assert<Same<keyof z.infer<typeof transition>, Wire<TransitionOutcome>>>,
  Assert<Same<keyof z.infer<typeof versionEvent>, Wire<VersionEventOutcome>>>,
  Assert<Same<keyof z.infer<typeof abTest>, Wire<AbTestOutcome>>>,
  Assert<Same<keyof z.infer<typeof drift>, Wire<DriftOutcome>>>,
  Assert<Same<keyof z.infer<typeof regime>, Wire<RegimeOutcome>>>,
  Assert<Same<keyof z.infer<typeof alert>, Wire<AlertOutcome>>>,
  Assert<Same<z.infer<typeof eventMessage>['type'], 'hello' | (typeof LIVE_EVENT_TYPES)[number]>>,
];
