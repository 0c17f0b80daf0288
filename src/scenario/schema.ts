import { z } from 'zod';
import { modelSpecSchema } from '../models/index.ts';
import { posInt, windowInt, labelsInt, nonNegInt } from './schema-fields.ts';
import { dataSchema } from './data-schema.ts';
import { monitoringSchema } from './monitoring-schema.ts';

export { MAX_LABELS, MAX_WINDOW_BARS } from './schema-fields.ts';
export * from './data-schema.ts';
export * from './monitoring-schema.ts';
export const featuresSchema = z
  .strictObject({
    returnLags: z
      .array(windowInt('Lag in bars.'))
      .min(1)
      .default([1, 2, 5, 10])
      .describe('Log-return lags in bars; must include 1 for the naive baseline.'),
    volatilityWindow: windowInt('Window in bars of the rolling volatility.', 2).default(20),
    emaFast: windowInt('Span of the fast EMA.').default(5),
    emaSlow: windowInt('Span of the slow EMA.').default(20),
  })
  .describe('Streaming features, O(1) per bar.');

/**
 * A model: `kind` plus that kind's parameters, all optional with documented defaults. The fields
 * of each kind are declared once, in the models' schema (src/models/model-spec-schema.ts): values
 * are checked when the scenario is loaded; unknown fields and the rules that tie fields together
 * when the model is resolved, with errors naming the field (e.g. `model.hidden`); see
 * docs/models.md.
 */
export const modelSchema = modelSpecSchema;

export const pairedTestSchema = z
  .strictObject({
    method: z
      .enum(['dm', 'sprt'])
      .default('dm')
      .describe(
        '`dm`: Diebold–Mariano test (HAC variance, HLN correction, Student t) once at minSamples; `sprt`: mixture sequential test (anytime-valid e-process) that may stop at any label after minSamples. See docs/statistics.md.',
      ),
    alpha: z.number().gt(0).lt(1).default(0.05).describe('One-sided significance level.'),
    minSamples: labelsInt('Resolved labels before a decision.').default(30),
    maxSamples: labelsInt('The test rejects after this many labels without a decision.').default(
      500,
    ),
    effect: z
      .number()
      .positive()
      .max(10)
      .default(0.2)
      .describe(
        '`sprt`: standardised loss improvement per label, mean(d)/sd(d), the mixture is tuned for (it covers a quarter to twice this).',
      ),
    beta: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.2)
      .describe(
        '`sprt`: futility: reject early once the evidence that the challenger is worse reaches 1/beta.',
      ),
    familywise: z
      .boolean()
      .default(false)
      .describe(
        'Family-wise control over a run: the k-th test of a symbol runs at alpha·6/(π²k²), so a symbol promotes a no-better challenger with probability at most alpha over the whole run.',
      ),
  })
  .describe('The champion/challenger test.');

export const lifecycleSchema = z
  .strictObject({
    warmupBars: labelsInt(
      'Bars of features and first fit before the first champion serves.',
    ).default(100),
    policy: z
      .enum(['continuous', 'periodic', 'drift', 'degradation', 'none'])
      .default('continuous')
      .describe('When challengers are built.'),
    onlineLearning: z
      .boolean()
      .optional()
      .describe(
        'Whether the champion learns from every resolved label (default: true for `continuous`, else false).',
      ),
    periodBars: posInt('`periodic`: bars between scheduled updates.').default(250),
    every: z
      .string()
      .regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, 'a duration like 30m, 4h or 1d')
      .optional()
      .describe(
        '`periodic`: a market-time schedule instead of `periodBars` (e.g. `1d`): fires from the clock, in replay and live alike.',
      ),
    builder: z
      .enum(['refit', 'clone_adapt', 'reset'])
      .default('refit')
      .describe('How a challenger is built.'),
    recentWindow: labelsInt('Resolved examples kept for building challengers.').default(500),
    epochs: windowInt('Passes over the recent window when building.').default(1),
    updateLatency: nonNegInt('Bars an update takes; the champion serves meanwhile.').default(0),
    updateLatencyTime: z
      .string()
      .regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, 'a duration like 30m, 4h or 1d')
      .optional()
      .describe('Market time an update takes (e.g. `2h`), instead of `updateLatency` bars.'),
    test: pairedTestSchema.prefault({}),
    probationBars: nonNegInt(
      'Labels after a promotion during which the previous champion shadows the new one (0: no probation).',
    ).default(50),
    probationMargin: z
      .number()
      .min(0)
      .default(0.01)
      .describe(
        'Roll back when the new champion’s mean log loss exceeds the previous one’s by more than this.',
      ),
    keepSnapshots: windowInt('Snapshots kept in memory per symbol for rollbacks.').default(16),
  })
  .describe('The lifecycle machine: update policy, challenger tests, probation.');

export const backtestSchema = z
  .strictObject({
    sizing: z
      .enum(['sign', 'confidence'])
      .default('sign')
      .describe('`sign`: long/short/flat; `confidence`: size by |p − 0.5|.'),
    deadBand: z
      .number()
      .min(0)
      .max(0.5)
      .default(0)
      .describe('No position while |p − 0.5| ≤ deadBand.'),
    maxPosition: z.number().positive().default(1).describe('Absolute position limit.'),
    allowShort: z.boolean().default(true),
    costBps: z.number().min(0).default(1).describe('Commission in basis points of turnover.'),
    slippageBps: z.number().min(0).default(0).describe('Slippage in basis points of turnover.'),
    fill: z
      .enum(['next_close', 'next_open'])
      .default('next_close')
      .describe('Orders decided at bar t fill at the next bar’s close or open.'),
    returnScale: z
      .number()
      .positive()
      .default(0.01)
      .describe(
        'Return-forecast models: a forecast of this log return maps to an up-probability of 0.88 (0.5 + 0.5·tanh(f / scale)).',
      ),
  })
  .describe('Positions, costs and fills.');

type WithoutDefault<T> =
  T extends z.ZodDefault<infer I> ? I : T extends z.ZodPrefault<infer I> ? I : T;

/**
 * The fields of an object schema, all optional and without their defaults (descriptions kept): a
 * variant names only what differs, and everything it leaves out comes from the scenario.
 */
function overridesOf<S extends Record<string, z.ZodType>>(
  shape: S,
): { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> } {
  const out: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    const inner =
      field instanceof z.ZodDefault || field instanceof z.ZodPrefault
        ? (field.unwrap() as z.ZodType)
        : field;
    const description = field.description ?? inner.description;
    const optional = inner instanceof z.ZodOptional ? inner : inner.optional();
    out[key] = description === undefined ? optional : optional.describe(description);
  }
  return out as { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> };
}

const lifecycleOverrideSchema = z.strictObject({
  ...overridesOf(lifecycleSchema.shape),
  test: z
    .strictObject(overridesOf(pairedTestSchema.shape))
    .optional()
    .describe('Test fields that differ from the scenario’s test.'),
});

const variantSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'a name of letters, digits, _ . -')
    .describe('Strategy name in the outputs.'),
  model: modelSchema.optional().describe('Replaces the scenario’s model for this variant.'),
  lifecycle: lifecycleOverrideSchema
    .optional()
    .describe(
      'Fields that differ from the scenario’s lifecycle; the others (nested `test` fields too) are the scenario’s.',
    ),
});

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a name of letters, digits, _ . -')
      .describe('Scenario name; the default output folder is reports/<name>.'),
    description: z.string().default(''),
    seed: z
      .number()
      .int()
      .min(0)
      .default(42)
      .describe('Seed of every random draw; `--seed` replaces it.'),
    data: dataSchema,
    features: featuresSchema.prefault({}),
    horizon: windowInt(
      'Label horizon in bars. With `label: traded` (default) the label of a prediction at t is the move its position earns: from the fill at bar t+1 to h bars later (next_close: close(t+1)→close(t+1+h); next_open: open(t+1)→open(t+1+h)).',
    ).default(1),
    label: z
      .enum(['traded', 'forecast'])
      .default('traded')
      .describe(
        '`traded`: score, learn and test on the move the position decided at t earns under `backtest.fill` (what is scored is what is traded); `forecast`: the pure forecast close(t)→close(t+h), which no position earns.',
      ),
    model: modelSchema
      .default({ kind: 'logistic' })
      .describe('The model every symbol serves (fields by kind: docs/models.md).'),
    backend: z
      .enum(['auto', 'tensorflow', 'wasm', 'cpu'])
      .default('auto')
      .describe(
        'TensorFlow.js backend for neural models: tfjs-node if installed, else WebAssembly, else plain JS.',
      ),
    lifecycle: lifecycleSchema.prefault({}),
    backtest: backtestSchema.prefault({}),
    monitoring: monitoringSchema.prefault({}),
    baselines: z
      .array(z.enum(['buy_and_hold', 'frozen', 'naive']))
      .default(['buy_and_hold', 'frozen', 'naive'])
      .describe('Baselines computed alongside the first variant.'),
    variants: z
      .array(variantSchema)
      .min(1)
      .optional()
      .describe(
        'Several update policies side by side on the same data in one run; each overrides model/lifecycle.',
      ),
  })
  .describe('A livemodel scenario.');

export type Scenario = z.output<typeof scenarioSchema>;
