import { z } from 'zod';
import { HttpError } from './http-error.ts';

const symbol = z.string().min(1).max(64).describe('A symbol, or `*` for every symbol.');
const variant = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .describe('Only this variant (default: every variant).');

export const updateBody = z.strictObject({ symbol, variant }).describe('Build a challenger now.');
export const validateBody = z
  .strictObject({ symbol, variant })
  .describe('Run the champion/challenger test now.');
export const rollbackBody = z
  .strictObject({
    symbol,
    variant,
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Version to restore (default: the previous champion).'),
  })
  .describe('Roll back to the previous or a named version.');

/** Bounds of the stream settings a client may set. */
export const STREAM_BOUNDS = {
  barIntervalMs: [100, 86_400_000],
  reorderWindowMs: [0, 600_000],
  recentWindow: [10, 100_000],
  volatilityWindow: [2, 1_000],
  pendingMax: [1, 100_000],
} as const;

const bounded = (key: keyof typeof STREAM_BOUNDS, d: string) =>
  z.number().int().min(STREAM_BOUNDS[key][0]).max(STREAM_BOUNDS[key][1]).describe(d);

export const configureBody = z
  .strictObject({
    symbol,
    barIntervalMs: bounded(
      'barIntervalMs',
      'Bar length in ms, from the next bar on (live feeds).',
    ).optional(),
    reorderWindowMs: bounded(
      'reorderWindowMs',
      'Reordering window of the live clock in ms.',
    ).optional(),
    buffers: z
      .strictObject({
        recentWindow: bounded(
          'recentWindow',
          'Resolved examples kept for building challengers.',
        ).optional(),
        volatilityWindow: bounded(
          'volatilityWindow',
          'Window in bars of the rolling volatility feature.',
        ).optional(),
        pendingMax: bounded('pendingMax', 'Most predictions waiting for their label.').optional(),
      })
      .optional(),
    detectors: z
      .strictObject({
        error: z
          .enum(['none', 'page_hinkley', 'adwin', 'ddm', 'eddm', 'kswin'])
          .optional()
          .describe('Detector on the loss stream.'),
        feature: z.enum(['none', 'psi', 'kswin']).optional().describe('Detector on the features.'),
        threshold: z
          .number()
          .positive()
          .max(1e6)
          .optional()
          .describe('Detection threshold of the chosen detector.'),
      })
      .optional(),
  })
  .describe('Change a symbol’s stream settings within bounds.');

/**
 * Validates a request body against a strict schema; a bad one becomes a 400 that names the field.
 *
 * @throws {HttpError} 400 with `field` and `message`.
 * @example
 * parseBody(updateBody, { symbol: 'A', extra: 1 }); // throws HttpError 400: field `extra`: unknown field
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0] as z.core.$ZodIssue;
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = [path, issue.keys[0]].filter((p) => p !== '' && p !== undefined).join('.');
    throw new HttpError(400, `unknown field \`${key}\` in the request body`, { field: key });
  }
  const field = path === '' ? '(body)' : path;
  throw new HttpError(400, `invalid \`${field}\`: ${issue.message}`, { field });
}
