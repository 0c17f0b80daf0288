import { z } from 'zod';

const posInt = (d: string) => z.number().int().min(1).describe(d);
const nonNegInt = (d: string) => z.number().int().min(0).describe(d);

export const dataSchema = z
  .strictObject({
    file: z.string().min(1).describe('Data file (CSV), relative to the scenario file. `--data` on the command line replaces it.'),
    symbols: z.array(z.string().min(1)).optional().describe('Keep only these symbols (default: all in the file). `--symbols A,B` replaces it.'),
    symbol: z.string().optional().describe('Symbol name for single-symbol files without a symbol column (default: the file name in upper case).'),
    onBadRow: z.enum(['fail', 'skip']).default('fail').describe('`fail` stops at the first bad row naming file:line; `skip` records it in `data_rejects` and goes on.'),
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
      .describe('Column names when they are not the common ones (ts|time|timestamp|date|datetime, symbol|ticker|instrument, close|price|last).'),
  })
  .describe('Where the bars come from.');

export const featuresSchema = z
  .strictObject({
    returnLags: z.array(posInt('lag in bars')).min(1).default([1, 2, 5, 10]).describe('Log-return lags in bars; must include 1 for the naive baseline.'),
    volatilityWindow: z.number().int().min(2).default(20).describe('Window in bars of the rolling volatility.'),
    emaFast: posInt('Span of the fast EMA.').default(5),
    emaSlow: posInt('Span of the slow EMA.').default(20),
  })
  .describe('Streaming features, O(1) per bar.');

export const logisticSchema = z
  .strictObject({
    kind: z.literal('logistic'),
    learningRate: z.number().positive().default(0.05),
    optimizer: z.enum(['sgd', 'adagrad', 'rmsprop', 'adam']).default('adagrad'),
    l2: z.number().min(0).default(1e-4),
    schedule: z.enum(['constant', 'invsqrt']).default('constant'),
    decaySteps: z.number().positive().default(1000),
    standardize: z.boolean().default(true),
  })
  .describe('Online logistic regression predicting next-bar direction.');

export const modelSchema = z.discriminatedUnion('kind', [logisticSchema]).describe('The model every symbol serves.');

export const pairedTestSchema = z
  .strictObject({
    method: z.enum(['dm', 'sprt']).default('dm').describe('`dm`: Diebold-Mariano test at minSamples; `sprt`: sequential test that may stop early.'),
    alpha: z.number().gt(0).lt(1).default(0.05).describe('One-sided significance level.'),
    minSamples: posInt('Resolved labels before a decision.').default(30),
    maxSamples: posInt('The test rejects after this many labels without a decision.').default(500),
    sprtEffect: z.number().positive().default(0.01).describe('SPRT: loss improvement per label under the alternative.'),
    beta: z.number().gt(0).lt(1).default(0.2).describe('SPRT type II error rate.'),
  })
  .describe('The champion/challenger test.');

export const lifecycleSchema = z
  .strictObject({
    warmupBars: posInt('Bars of features and first fit before the first champion serves.').default(100),
    policy: z.enum(['continuous', 'periodic', 'drift', 'degradation', 'none']).default('continuous').describe('When challengers are built.'),
    onlineLearning: z.boolean().optional().describe('Whether the champion learns from every resolved label (default: true for `continuous`, else false).'),
    periodBars: posInt('`periodic`: bars between scheduled updates.').default(250),
    builder: z.enum(['refit', 'clone_adapt', 'reset']).default('refit').describe('How a challenger is built.'),
    recentWindow: posInt('Resolved examples kept for building challengers.').default(500),
    epochs: posInt('Passes over the recent window when building.').default(1),
    updateLatency: nonNegInt('Bars an update takes; the champion serves meanwhile.').default(0),
    test: pairedTestSchema.prefault({}),
    probationBars: nonNegInt('Labels after a promotion during which the previous champion shadows the new one (0: no probation).').default(50),
    probationMargin: z.number().min(0).default(0.01).describe('Roll back when the new champion’s mean log loss exceeds the previous one’s by more than this.'),
    keepSnapshots: posInt('Snapshots kept in memory per symbol for rollbacks.').default(16),
  })
  .describe('The lifecycle machine: update policy, challenger tests, probation.');

export const backtestSchema = z
  .strictObject({
    sizing: z.enum(['sign', 'confidence']).default('sign').describe('`sign`: long/short/flat; `confidence`: size by |p − 0.5|.'),
    deadBand: z.number().min(0).max(0.5).default(0).describe('No position while |p − 0.5| ≤ deadBand.'),
    maxPosition: z.number().positive().default(1).describe('Absolute position limit.'),
    allowShort: z.boolean().default(true),
    costBps: z.number().min(0).default(1).describe('Commission in basis points of turnover.'),
    slippageBps: z.number().min(0).default(0).describe('Slippage in basis points of turnover.'),
    fill: z.enum(['next_close', 'next_open']).default('next_close').describe('Orders decided at bar t fill at the next bar’s close or open.'),
  })
  .describe('Positions, costs and fills.');

const variantSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'a name of letters, digits, _ . -')
    .describe('Strategy name in the outputs.'),
  model: modelSchema.optional().describe('Replaces the scenario’s model for this variant.'),
  lifecycle: lifecycleSchema.partial().optional().describe('Fields that differ from the scenario’s lifecycle.'),
});

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a name of letters, digits, _ . -')
      .describe('Scenario name; the default output folder is reports/<name>.'),
    description: z.string().default(''),
    seed: z.number().int().min(0).default(42).describe('Seed of every random draw; `--seed` replaces it.'),
    data: dataSchema,
    features: featuresSchema.prefault({}),
    horizon: posInt('Label horizon in bars: the label of a prediction at t is the direction of close(t+h) vs close(t).').default(1),
    model: modelSchema.prefault({ kind: 'logistic' }),
    lifecycle: lifecycleSchema.prefault({}),
    backtest: backtestSchema.prefault({}),
    baselines: z.array(z.enum(['buy_and_hold', 'frozen', 'naive'])).default(['buy_and_hold', 'frozen', 'naive']).describe('Baselines computed alongside the first variant.'),
    variants: z.array(variantSchema).min(1).optional().describe('Several update policies side by side on the same data in one run; each overrides model/lifecycle.'),
  })
  .describe('A livemodel scenario.');

export type Scenario = z.output<typeof scenarioSchema>;
