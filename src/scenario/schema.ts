import { z } from 'zod';
import { isTimeZone } from '../core/index.ts';

const posInt = (d: string) => z.number().int().min(1).describe(d);
const nonNegInt = (d: string) => z.number().int().min(0).describe(d);

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

export const featuresSchema = z
  .strictObject({
    returnLags: z
      .array(posInt('lag in bars'))
      .min(1)
      .default([1, 2, 5, 10])
      .describe('Log-return lags in bars; must include 1 for the naive baseline.'),
    volatilityWindow: z
      .number()
      .int()
      .min(2)
      .default(20)
      .describe('Window in bars of the rolling volatility.'),
    emaFast: posInt('Span of the fast EMA.').default(5),
    emaSlow: posInt('Span of the slow EMA.').default(20),
  })
  .describe('Streaming features, O(1) per bar.');

export const MODEL_KINDS = ['logistic', 'linear', 'lstm', 'transformer', 'ensemble'] as const;

/**
 * A model: `kind` plus that kind's parameters, all optional with documented defaults. The fields
 * of each kind are validated by the model factory (src/models/model-spec.ts) when the scenario is
 * loaded, with errors naming the field (e.g. `model.hidden`); see docs/models.md.
 */
export const modelSchema = z
  .looseObject({
    kind: z
      .enum(MODEL_KINDS)
      .describe('logistic (direction), linear (return forecast), lstm, transformer, ensemble.'),
    learningRate: z.number().positive().optional().describe('All kinds: step size.'),
    optimizer: z
      .enum(['sgd', 'adagrad', 'rmsprop', 'adam'])
      .optional()
      .describe('logistic/linear: optimiser (default adagrad).'),
    l2: z.number().min(0).optional().describe('L2 penalty.'),
    schedule: z
      .enum(['constant', 'invsqrt'])
      .optional()
      .describe('logistic/linear: learning-rate schedule.'),
    standardize: z.boolean().optional().describe('Standardise features online (default true).'),
    window: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('lstm/transformer: bars of feature vectors read (default 32).'),
    hidden: z.number().int().min(1).optional().describe('lstm: hidden units (default 32).'),
    dModel: z.number().int().min(1).optional().describe('transformer: model width.'),
    heads: z.number().int().min(1).optional().describe('transformer: attention heads.'),
    layers: z
      .number()
      .int()
      .min(1)
      .max(2)
      .optional()
      .describe('transformer: encoder layers (1 or 2).'),
    members: z
      .array(z.looseObject({ kind: z.enum(MODEL_KINDS) }))
      .optional()
      .describe('ensemble: member models.'),
    eta: z.number().positive().optional().describe('ensemble: Hedge learning rate.'),
    perRegime: z
      .boolean()
      .optional()
      .describe('ensemble: a separate weight vector per market regime.'),
  })
  .describe('The model every symbol serves (fields by kind: docs/models.md).');

export const pairedTestSchema = z
  .strictObject({
    method: z
      .enum(['dm', 'sprt'])
      .default('dm')
      .describe(
        '`dm`: Diebold–Mariano test (HAC variance, HLN correction, Student t) once at minSamples; `sprt`: mixture sequential test (anytime-valid e-process) that may stop at any label after minSamples. See docs/statistics.md.',
      ),
    alpha: z.number().gt(0).lt(1).default(0.05).describe('One-sided significance level.'),
    minSamples: posInt('Resolved labels before a decision.').default(30),
    maxSamples: posInt('The test rejects after this many labels without a decision.').default(500),
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
    warmupBars: posInt('Bars of features and first fit before the first champion serves.').default(
      100,
    ),
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
    recentWindow: posInt('Resolved examples kept for building challengers.').default(500),
    epochs: posInt('Passes over the recent window when building.').default(1),
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
    keepSnapshots: posInt('Snapshots kept in memory per symbol for rollbacks.').default(16),
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

export const driftSpecSchema = z.strictObject({
  detector: z
    .enum(['adwin', 'page_hinkley', 'ddm', 'eddm', 'kswin', 'psi'])
    .describe('Drift detector (defaults as in the literature; see docs).'),
  on: z
    .enum(['error', 'loss', 'feature'])
    .default('error')
    .describe(
      '`error`: 1 when the champion’s direction was wrong; `loss`: its log loss; `feature`: a feature’s values.',
    ),
  feature: z
    .string()
    .optional()
    .describe('Feature name (ret_1, ret_5, vol_20, ema_ratio, …) when `on: feature`.'),
  params: z
    .record(z.string(), z.number())
    .default({})
    .describe('Detector parameters, e.g. { delta: 0.002 } for adwin.'),
});

export const monitoringSchema = z
  .strictObject({
    drift: z
      .array(driftSpecSchema)
      .default([{ detector: 'adwin', on: 'error', params: {} }])
      .describe(
        'Drift detectors; a drift is recorded in drift_events and, under policy `drift`, starts an update.',
      ),
    degradation: z
      .strictObject({
        metric: z
          .enum(['accuracy', 'precision', 'recall', 'f1', 'logLoss', 'brier'])
          .default('accuracy'),
        window: posInt('Labels in the sliding window.').default(100),
        threshold: z
          .number()
          .optional()
          .describe(
            'Alert when the metric is worse than this (below for accuracy-like, above for losses).',
          ),
        vsBaselineMargin: z
          .number()
          .positive()
          .optional()
          .describe('Alert when the champion is worse than the frozen baseline by more than this.'),
        minSamples: posInt('Labels before the rules are checked.').default(50),
        cooldown: nonNegInt('Labels after an alert without a new one.').default(100),
      })
      .nullable()
      .default(null)
      .describe(
        'Degradation rules (alerts; under policy `degradation` they start an update). Default for that policy: accuracy below 0.48 over 100 labels.',
      ),
    quality: z
      .strictObject({
        staleCount: posInt(
          'The same close this many bars running is stale (critical at twice).',
        ).default(5),
        outlierK: z
          .number()
          .positive()
          .default(10)
          .describe('|log return| beyond k robust deviations is an outlier (critical beyond 2k).'),
        outlierWindow: z.number().int().min(5).default(100),
        gapFactor: z
          .number()
          .gt(1)
          .default(5)
          .describe('A spacing above gapFactor × the median spacing is a gap.'),
        level: z
          .number()
          .positive()
          .default(3)
          .describe('Issue score at which the symbol leaves serving for the safe state.'),
        cleanBars: posInt('Clean bars before serving resumes.').default(20),
      })
      .nullable()
      .prefault({})
      .describe('Data-quality checks; `null` turns them off.'),
    regime: z
      .strictObject({
        detector: z.enum(['rule', 'hmm', 'both']).default('rule'),
        rule: z
          .record(z.string(), z.number())
          .default({})
          .describe('RuleRegimeDetector parameters (trendWindow, trendThreshold, volWindow, …).'),
        hmm: z
          .record(z.string(), z.number())
          .default({})
          .describe('OnlineGaussianHmm parameters (states, …).'),
      })
      .nullable()
      .prefault({})
      .describe('Market regime detection; `null` turns it off.'),
  })
  .describe('What watches each symbol.');

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
    horizon: posInt(
      'Label horizon in bars. With `label: traded` (default) the label of a prediction at t is the move its position earns: from the fill at bar t+1 to h bars later (next_close: close(t+1)→close(t+1+h); next_open: open(t+1)→open(t+1+h)).',
    ).default(1),
    label: z
      .enum(['traded', 'forecast'])
      .default('traded')
      .describe(
        '`traded`: score, learn and test on the move the position decided at t earns under `backtest.fill` (what is scored is what is traded); `forecast`: the pure forecast close(t)→close(t+h), which no position earns.',
      ),
    model: modelSchema.default({ kind: 'logistic' }),
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
