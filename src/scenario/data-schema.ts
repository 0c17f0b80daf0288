import { z } from 'zod';
import { isTimeZone } from '../core/index.ts';
import { posInt, nonNegInt } from './schema-fields.ts';

// The `data` section of a scenario: a file, a database or a synthetic market.
const regimeParamsSchema = z
  .strictObject({
    drift: z.number().describe('Mean log return per bar.'),
    volatility: z.number().min(0).describe('Standard deviation of the log return per bar.'),
  })
  .partial();

const perRegime = <T extends z.ZodType>(item: T) =>
  z.strictObject({ bull: item, bear: item, sideways: item, volatile: item }).partial();

export const driftSchema = z
  .strictObject({
    at: posInt('Bar index where the change starts.'),
    kind: z
      .enum(['flip', 'rotate', 'set'])
      .describe(
        '`flip`: the coefficients change sign; `rotate`: they turn by `angleDeg` in the plane of the first two lookbacks; `set`: they become `coefficients`.',
      ),
    over: nonNegInt('Bars over which the change is spread (0: abrupt).').optional(),
    angleDeg: z.number().optional().describe('`rotate`: angle in degrees (default 90).'),
    coefficients: z
      .array(z.number())
      .optional()
      .describe('`set`: the new coefficients, one per lookback.'),
  })
  .describe(
    'A concept-drift point: the relation between lagged signals and the next return changes.',
  );

export const syntheticSchema = z
  .strictObject({
    symbols: posInt('Number of symbols (named S001, S002, …).').default(20),
    bars: z.number().int().min(2).default(2000).describe('Bars per symbol.'),
    seed: nonNegInt('Seed of the market (default: the scenario seed).').optional(),
    start: z
      .union([z.string(), z.number()])
      .default('2000-01-03')
      .describe('Time of the first bar: ISO-8601 or epoch ms.'),
    interval: z
      .union([z.string(), z.number()])
      .default('1d')
      .describe('Bar spacing: 1d, 4h, 15m, 30s, 250ms, or ms.'),
    startPrice: z.number().positive().default(100),
    regimes: perRegime(regimeParamsSchema)
      .optional()
      .describe(
        'Drift and volatility per regime (bull, bear, sideways, volatile); defaults in docs/data.md.',
      ),
    persistence: z
      .union([z.number().min(0).max(1), perRegime(z.number().min(0).max(1))])
      .optional()
      .describe(
        'Probability of staying in a regime per bar (one number, or per regime); the rest is spread evenly.',
      ),
    transitions: z
      .array(z.array(z.number().min(0).max(1)).length(4))
      .length(4)
      .optional()
      .describe(
        'Full 4×4 transition matrix, rows from bull, bear, sideways, volatile; replaces persistence.',
      ),
    regimeScope: z
      .enum(['symbol', 'market'])
      .default('symbol')
      .describe('`symbol`: a regime chain per symbol; `market`: one chain for all.'),
    factorLoading: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Loading ρ on the common factor; two symbols’ shocks correlate by ρ².'),
    jumps: z
      .strictObject({
        probability: z.number().min(0).max(1),
        mean: z.number(),
        volatility: z.number().min(0),
      })
      .partial()
      .optional()
      .describe(
        'Jumps in the log return: probability per bar, mean and standard deviation of the size.',
      ),
    signal: z
      .strictObject({
        lookbacks: z.array(posInt('lookback in bars')).min(1),
        coefficients: z.array(z.number()),
      })
      .partial()
      .optional()
      .describe(
        'Lagged momentum signals and their coefficients on the next return (default lookbacks [1, 5], coefficients [0.3, 0]); the norm must stay below 1.',
      ),
    drifts: z.array(driftSchema).default([]).describe('Concept-drift points, in time order.'),
    ohlc: z
      .boolean()
      .default(true)
      .describe('Generate open/high/low/volume too (else close only).'),
  })
  .describe(
    'A seeded synthetic market generated straight into the clock (no file); see docs/data.md.',
  );

export const dataSchema = z
  .strictObject({
    file: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Data file, relative to the scenario file: CSV (long or wide), Parquet (.parquet) or Arrow IPC (.arrow, .arrows, .feather, .ipc). `--data` on the command line replaces it. Give `file` or `synthetic`.',
      ),
    format: z
      .enum(['auto', 'csv', 'long', 'wide', 'parquet', 'arrow'])
      .default('auto')
      .describe(
        '`auto` picks by extension (and detects long or wide CSV); `long`/`wide` force a CSV layout; `parquet`/`arrow` force a reader.',
      ),
    synthetic: syntheticSchema
      .optional()
      .describe('Generate a synthetic market instead of reading a file.'),
    symbols: z
      .array(z.string().min(1))
      .optional()
      .describe('Keep only these symbols (default: all in the file). `--symbols A,B` replaces it.'),
    symbol: z
      .string()
      .optional()
      .describe(
        'Symbol name for single-symbol files without a symbol column (default: the file name in upper case).',
      ),
    onBadRow: z
      .enum(['fail', 'skip'])
      .default('fail')
      .describe(
        '`fail` stops at the first bad row naming file:line (row for Parquet/Arrow); `skip` records it in `data_rejects` and goes on.',
      ),
    columns: z
      .strictObject({
        ts: z.string(),
        symbol: z.string(),
        close: z.string(),
        open: z.string(),
        high: z.string(),
        low: z.string(),
        volume: z.string(),
      })
      .partial()
      .optional()
      .describe(
        'Column names when they are not the common ones (ts|time|timestamp|date|datetime, symbol|ticker|instrument, close|price|last).',
      ),
    gapFactor: z
      .number()
      .refine((x) => x === 0 || x > 1, 'a number > 1, or 0 to turn gap alerts off')
      .default(5)
      .describe(
        'A bar spacing above this multiple of the symbol’s median spacing is recorded as a `data_gap` alert; 0 turns gap alerts off.',
      ),
    maxPriceRatio: z
      .number()
      .gt(1)
      .default(10_000)
      .describe(
        'A close more than this many times (or less than 1/this of) the symbol’s previous close is a bad row under `onBadRow` (finite but absurd prices such as 1e308 next to 1e-308 overflow every return).',
      ),
    memoryLimit: z
      .string()
      .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size like 512MB or 2GB')
      .default('512MB')
      .describe(
        'DuckDB memory limit while staging and sorting CSV, Parquet and Arrow files; beyond it DuckDB spills to a temp folder.',
      ),
    timezone: z
      .string()
      .refine(isTimeZone, 'an IANA time zone such as America/New_York, Europe/London or UTC')
      .optional()
      .describe(
        'IANA time zone of timestamps written without an offset (`2024-03-01 09:30`, dates); default UTC. Epoch numbers and times with an offset are absolute.',
      ),
  })
  .superRefine((data, ctx) => {
    if (data.file === undefined && data.synthetic === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['file'],
        message: 'give a data `file` or a `synthetic` block',
      });
    if (data.file !== undefined && data.synthetic !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['synthetic'],
        message: 'give either a data `file` or a `synthetic` block, not both',
      });
  })
  .describe('Where the bars come from: a file, or a synthetic market.');
