import { z } from 'zod';

/** Field builders shared by the scenario schema's parts (bounds are part of the contract). */
export const posInt = (d: string) => z.number().int().min(1).describe(d);

/**
 * The largest window, lag or horizon in bars a scenario may ask for (docs/scenario-reference.md):
 * larger ones cannot be filled by any data set this tool replays and used to end "complete" with
 * no prediction at all.
 */
export const MAX_WINDOW_BARS = 100_000;
/** The largest count of labels a buffer or a test may hold (memory is allocated for it). */
export const MAX_LABELS = 1_000_000;
export const windowInt = (d: string, min = 1) =>
  z
    .number()
    .int()
    .min(min)
    .max(MAX_WINDOW_BARS)
    .describe(`${d} At most ${MAX_WINDOW_BARS.toLocaleString('en')}.`);
export const labelsInt = (d: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(MAX_LABELS)
    .describe(`${d} At most ${MAX_LABELS.toLocaleString('en')}.`);
export const nonNegInt = (d: string) => z.number().int().min(0).describe(d);
