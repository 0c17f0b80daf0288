import { z } from 'zod';

/**
 * Metrics a sweep can compare: the tearsheet fields of the first variant's equal-weight
 * portfolio (`summary.json` → `strategies[<first variant>].portfolio`).
 */
export const SWEEP_METRICS = [
  'sharpe',
  'total_return',
  'cagr',
  'annual_volatility',
  'sortino',
  'calmar',
  'max_drawdown',
  'max_drawdown_duration',
  'hit_rate',
  'turnover',
  'costs',
] as const;

export type SweepMetric = (typeof SWEEP_METRICS)[number];

/** Metrics where a lower value is better (the report marks the minimum as best). */
export const LOWER_IS_BETTER: ReadonlySet<SweepMetric> = new Set([
  'annual_volatility',
  'max_drawdown_duration',
  'turnover',
  'costs',
]);

const PATH = /^[A-Za-z$][A-Za-z0-9_$]*(\.[A-Za-z0-9_$]+)*$/;

/**
 * The `sweep:` block of a sweep file (a scenario plus this block). The grid is the product of
 * the parameter lists, in file order, times the seeds, times the symbol shards.
 */
export const sweepSchema = z
  .strictObject({
    parameters: z
      .record(
        z.string().regex(PATH, 'a dotted scenario path like model.learningRate'),
        z.array(z.unknown()).min(1, 'at least one value'),
      )
      .default({})
      .describe(
        'Dotted scenario paths → lists of values (the same paths as `--set`); the grid is their product, first path slowest.',
      ),
    seeds: z
      .array(z.number().int().min(0))
      .min(1)
      .optional()
      .describe('Seeds to run every combination with (default: the scenario’s seed).'),
    shards: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe(
        'Split the symbols into this many groups (sorted, dealt round-robin), one job each.',
      ),
    metric: z
      .enum(SWEEP_METRICS)
      .default('sharpe')
      .describe('The metric of the comparison report: the first variant’s portfolio metric.'),
    heatmap: z
      .tuple([z.string(), z.string()])
      .optional()
      .describe(
        'The two parameters on the heatmap’s x and y axes (default: the first two parameters).',
      ),
  })
  .describe('A grid of scenario variants run as jobs.');

export type SweepSpec = z.output<typeof sweepSchema>;
