import { z } from 'zod';
import { DEFAULT_ADAPTIVE_LR } from './adaptive-lr.ts';
import { DEFAULT_ENSEMBLE } from './ensemble.ts';
import { DEFAULT_LSTM } from './lstm.ts';
import type { NeuralTraining } from './neural-architecture.ts';
import type { GlmConfig } from './online-glm.ts';
import { DEFAULT_LINEAR } from './online-linear.ts';
import { DEFAULT_LOGISTIC } from './online-logistic.ts';
import {
  boolField,
  enumField,
  intField,
  intType,
  numberField,
  numberType,
  withoutDefaults,
} from './spec-field.ts';
import { DEFAULT_LABEL_LAG } from './stream-cache.ts';
import { DEFAULT_TRANSFORMER } from './transformer.ts';

/**
 * The fields of every model kind, each declared once with its type, range, default and meaning
 * (zod). Two views are built from them: the strict schemas {@link parseModelSpec} resolves a spec
 * with (unknown fields are errors, defaults filled in), and {@link modelSpecSchema}, the `model`
 * field of scenario files (defaults documented but not applied, so the scenario records the
 * spec as written; its JSON Schema feeds editors and docs/scenario-reference.md). Field order is
 * the order of the resolved spec that snapshots record.
 */

/** Model kinds {@link createModel} builds; `naive` is a baseline, not a scenario model. */
export const MODEL_KINDS = [
  'logistic',
  'linear',
  'lstm',
  'transformer',
  'ensemble',
  'naive',
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** The kinds a scenario's `model` may name. */
export const SCENARIO_MODEL_KINDS = [
  'logistic',
  'linear',
  'lstm',
  'transformer',
  'ensemble',
] as const;

const glmShape = (d: Omit<GlmConfig, 'features'>) => ({
  learningRate: numberField(d.learningRate, { min: 0, openMin: true, max: 100 }, 'Step size.'),
  optimizer: enumField(
    ['sgd', 'adagrad', 'rmsprop', 'adam'],
    d.optimizer,
    'Optimiser: sgd, adagrad, rmsprop (ρ 0.9) or adam (β 0.9, 0.999).',
  ),
  l2: numberField(d.l2, { min: 0 }, 'L2 penalty on the weights (not the bias).'),
  schedule: enumField(
    ['constant', 'invsqrt'],
    d.schedule,
    'Learning-rate schedule: constant, or invsqrt: lr / √(1 + t / decaySteps).',
  ),
  decaySteps: numberField(d.decaySteps, { min: 0, openMin: true }, '`invsqrt` schedule: t scale.'),
  standardize: boolField(d.standardize, 'Standardise features with running (Welford) statistics.'),
});

const a = DEFAULT_ADAPTIVE_LR;
/** Fields of `adaptiveLr` (LSTM, transformer); `slow` defaults to min(0.01, fast), at most fast. */
const ADAPTIVE_SHAPE = {
  enabled: boolField(true, 'Adapt the rate (the object form is on unless this is false).'),
  fast: numberField(
    a.fast,
    { min: 0, openMin: true, max: 1 },
    'Smoothing of the fast loss average.',
  ),
  slow: numberType({ min: 0, openMin: true, max: 1 })
    .optional()
    .describe('Smoothing of the slow loss average, at most `fast` (default min(0.01, fast)).'),
  tolerance: numberField(a.tolerance, { min: 0, max: 1 }, 'Dead band of fast / slow around 1.'),
  increase: numberField(
    a.increase,
    { min: 1, max: 10 },
    'Rate factor per label while the loss is high.',
  ),
  decrease: numberField(
    a.decrease,
    { min: 0, openMin: true, max: 1 },
    'Rate factor per label with no trend.',
  ),
  minFactor: numberField(
    a.minFactor,
    { min: 0, openMin: true, max: 1 },
    'Lowest rate, × learningRate.',
  ),
  maxFactor: numberField(a.maxFactor, { min: 1, max: 1e6 }, 'Highest rate, × learningRate.'),
};
const ADAPTIVE_DESCRIPTION = '`true` (default), `false`, or an object overriding the rate rule.';
const ADAPTIVE_RULE = 'true, false or an object of adaptive-rate fields';

const ADAPTIVE_OBJECT = z.strictObject(ADAPTIVE_SHAPE, { error: ADAPTIVE_RULE });

/**
 * `adaptiveLr` as the models read it: absent or true → {} (all defaults), false → { enabled:
 * false }. Typed as optional (its input may be left out) although it is not `.optional()`, which
 * would skip the preprocessing of an absent value.
 */
const adaptiveStrict = z
  .preprocess(
    (v) => (v === undefined || v === true ? {} : v === false ? { enabled: false } : v),
    ADAPTIVE_OBJECT,
  )
  .describe(ADAPTIVE_DESCRIPTION) as unknown as z.ZodOptional<
  z.ZodType<z.output<typeof ADAPTIVE_OBJECT>, boolean | z.input<typeof ADAPTIVE_OBJECT>>
>;

/** `adaptiveLr` as scenario files write it. */
const adaptiveScenario = z
  .union([z.boolean(), z.looseObject(withoutDefaults(ADAPTIVE_SHAPE))], { error: ADAPTIVE_RULE })
  .optional()
  .describe(ADAPTIVE_DESCRIPTION);

const neuralShape = <A extends z.ZodType>(n: Omit<NeuralTraining, 'features'>, adaptiveLr: A) => ({
  window: intField(n.window, 1, 1024, 'Bars read W; the input is W × F numbers, oldest bar first.'),
  learningRate: numberField(n.learningRate, { min: 0, openMin: true, max: 10 }, 'Base Adam rate.'),
  optimizer: enumField(['adam', 'sgd'], n.optimizer, 'adam, or sgd (gradient checks).'),
  l2: numberField(n.l2, { min: 0 }, 'L2 penalty on weight matrices.'),
  clipNorm: numberField(n.clipNorm, { min: 0 }, 'Per-model global gradient-norm clip (0: off).'),
  standardize: boolField(n.standardize, 'Standardise features with running statistics.'),
  adaptiveLr,
  target: enumField(
    ['direction', 'return'],
    n.target,
    'direction (sigmoid head, log loss) or return (linear head, squared error).',
  ),
});

/** `stateful` and `labelLag`, shared by the LSTM and the transformer (docs/models.md). */
const streamShape = (what: string) => ({
  stateful: boolField(
    false,
    `Streaming formulation: ${what}; the window (>= 2 bars) identifies each bar.`,
  ),
  labelLag: intField(
    DEFAULT_LABEL_LAG,
    0,
    1024,
    'Stateful: most bars between a prediction and its label learned from the cache.',
  ),
});

/** `kernel`: who computes a neural family (docs/models.md); not part of the model's state. */
const KERNEL_RULE = 'one of auto|fused|tfjs';
const kernelField = z
  .enum(['auto', 'fused', 'tfjs'], { error: KERNEL_RULE })
  .optional()
  .describe(
    'Who computes: fused (WebAssembly SIMD kernels), tfjs (TensorFlow.js, the reference), or auto (default: fused when it loads). Snapshots do not depend on it.',
  );

const lstmShape = <A extends z.ZodType>(adaptiveLr: A) => ({
  ...neuralShape(DEFAULT_LSTM, adaptiveLr),
  hidden: intField(DEFAULT_LSTM.hidden, 1, 512, 'Hidden units H.'),
  bpttSteps: intType(1, 1024)
    .optional()
    .describe(
      'Steps the gradient flows back (truncated BPTT), 1..window (default: window); stateful: cached steps of the stream (default 16).',
    ),
  ...streamShape('h and c carried from bar to bar, one cell step per prediction'),
  kernel: kernelField,
});

const transformerShape = <A extends z.ZodType>(adaptiveLr: A) => ({
  ...neuralShape(DEFAULT_TRANSFORMER, adaptiveLr),
  dModel: intField(DEFAULT_TRANSFORMER.dModel, 1, 512, 'Embedding width, a multiple of heads.'),
  heads: intField(DEFAULT_TRANSFORMER.heads, 1, 64, 'Attention heads.'),
  layers: intField(DEFAULT_TRANSFORMER.layers, 1, 2, 'Encoder layers (1 or 2).'),
  ffDim: intField(DEFAULT_TRANSFORMER.ffDim, 1, 2048, 'Feed-forward width.'),
  ...streamShape('causal attention over cached keys/values, one new position per prediction'),
  kernel: kernelField,
});

const MEMBERS_RULE = 'an array of 1 to 16 model specs';
const ensembleShape = <M extends z.ZodType>(member: M) => ({
  eta: numberField(
    DEFAULT_ENSEMBLE.eta,
    { min: 0, openMin: true, max: 1000 },
    'Hedge learning rate η.',
  ),
  share: numberField(DEFAULT_ENSEMBLE.share, { min: 0, max: 0.999 }, 'Fixed-share mixing α.'),
  perRegime: boolField(DEFAULT_ENSEMBLE.perRegime, 'One weight vector per market regime.'),
  members: z
    .array(member, { error: MEMBERS_RULE })
    .min(1, { error: MEMBERS_RULE })
    .max(16, { error: MEMBERS_RULE })
    .describe('Member models, sharing one target (all direction or all return).'),
});

const naiveShape = (features: number) => ({
  returnIndex: intField(0, 0, features - 1, 'Feature index of the last return.'),
  confidence: numberField(0.6, { min: 0.5, max: 1 }, 'P(up) after an up move.'),
});

const strict = <K extends ModelKind, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.strictObject({ kind: z.literal(kind), ...shape });

/**
 * The strict schema of each kind (members are resolved one by one, with their own paths).
 *
 * @example
 * STRICT_MODEL_SCHEMAS.lstm.parse({ kind: 'lstm' }).hidden; // 16 (defaults filled in)
 */
export const STRICT_MODEL_SCHEMAS = {
  logistic: strict('logistic', glmShape(DEFAULT_LOGISTIC)),
  linear: strict('linear', glmShape(DEFAULT_LINEAR)),
  lstm: strict('lstm', lstmShape(adaptiveStrict)),
  transformer: strict('transformer', transformerShape(adaptiveStrict)),
  ensemble: strict('ensemble', ensembleShape(z.unknown())),
};

/**
 * The strict schema of a `naive` spec for `features` inputs.
 *
 * @example
 * naiveSpecSchema(6).parse({ kind: 'naive' }); // { kind: 'naive', returnIndex: 0, confidence: 0.6 }
 */
export function naiveSpecSchema(features: number) {
  return strict('naive', naiveShape(features));
}

const scenarioKind = <K extends ModelKind, S extends Record<string, z.ZodType>>(
  kind: K,
  shape: S,
) =>
  z.looseObject({
    kind: z
      .literal(kind)
      .describe('logistic (direction), linear (return forecast), lstm, transformer, ensemble.'),
    ...withoutDefaults(shape),
  });

/**
 * A scenario's `model`: `kind` plus that kind's fields, all optional with their defaults
 * documented. Values are checked here (errors name the field); unknown fields and the rules that
 * tie fields together (bpttSteps ≤ window, dModel a multiple of heads, …) are checked when the
 * spec is resolved by {@link parseModelSpec}.
 *
 * @example
 * modelSpecSchema.parse({ kind: 'lstm', hidden: 8 }); // { kind: 'lstm', hidden: 8 }: as written
 */
export const modelSpecSchema: z.ZodType<ScenarioModelSpec> = z
  .discriminatedUnion(
    'kind',
    [
      scenarioKind('logistic', glmShape(DEFAULT_LOGISTIC)),
      scenarioKind('linear', glmShape(DEFAULT_LINEAR)),
      scenarioKind('lstm', lstmShape(adaptiveScenario)),
      scenarioKind('transformer', transformerShape(adaptiveScenario)),
      scenarioKind('ensemble', ensembleShape(z.lazy(() => modelSpecSchema))),
    ],
    {
      // zod types this as a union issue, but a value that is no object comes here too
      error: (issue) =>
        (issue as { code: string }).code === 'invalid_type'
          ? 'an object'
          : `one of ${SCENARIO_MODEL_KINDS.join('|')}`,
    },
  )
  .meta({
    id: 'ModelSpec',
    description: 'A model: `kind` plus that kind’s fields (docs/models.md).',
  });

/** A model spec as a scenario file writes it (fields optional, unknown fields kept). */
export type ScenarioModelSpec = {
  readonly kind: (typeof SCENARIO_MODEL_KINDS)[number];
  readonly [field: string]: unknown;
};

/** A model spec as {@link createModel} takes it: `kind` plus any of that kind's fields. */
export type ModelSpec =
  | {
      [K in keyof typeof STRICT_MODEL_SCHEMAS]: z.input<(typeof STRICT_MODEL_SCHEMAS)[K]>;
    }[keyof typeof STRICT_MODEL_SCHEMAS]
  | z.input<ReturnType<typeof naiveSpecSchema>>;
