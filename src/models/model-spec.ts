import { describeValue, InputError } from '../core/index.ts';
import { type AdaptiveLrConfig, DEFAULT_ADAPTIVE_LR } from './adaptive-lr.ts';
import { DEFAULT_ENSEMBLE, type EnsembleConfig } from './ensemble.ts';
import { DEFAULT_LSTM, type LstmConfig } from './lstm.ts';
import type { NeuralTraining } from './neural-architecture.ts';
import type { GlmConfig } from './online-glm.ts';
import { DEFAULT_LINEAR } from './online-linear.ts';
import { DEFAULT_LOGISTIC } from './online-logistic.ts';
import { SpecReader } from './spec-reader.ts';
import { DEFAULT_TRANSFORMER, type TransformerConfig } from './transformer.ts';

/** Model kinds {@link createModel} builds. */
export const MODEL_KINDS = [
  'logistic',
  'linear',
  'lstm',
  'transformer',
  'ensemble',
  'naive',
] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** A model spec with every field resolved (what snapshots record). */
export type ResolvedModelSpec =
  | ({ readonly kind: 'logistic' | 'linear' } & GlmConfig)
  | ({ readonly kind: 'lstm' } & LstmConfig)
  | ({ readonly kind: 'transformer' } & TransformerConfig)
  | ({ readonly kind: 'ensemble'; readonly members: readonly ResolvedModelSpec[] } & EnsembleConfig)
  | { readonly kind: 'naive'; readonly returnIndex: number; readonly confidence: number };

/**
 * A plain config object as written in a scenario: `kind` plus any fields to override (all
 * optional). `adaptiveLr` may be `true`, `false` or an object of overrides.
 */
export type ModelSpec = { readonly kind: ModelKind } & Readonly<Record<string, unknown>>;

/**
 * Validates a model spec and fills in the defaults.
 *
 * @throws {InputError} naming the field, e.g. "Expected `model.hidden` to be an integer in
 *   [1, 512], got `0` (number)"; also for unknown fields.
 * @example
 * parseModelSpec({ kind: 'lstm', hidden: 8 }, 5).hidden; // 8
 */
export function parseModelSpec(spec: unknown, features: number, path = 'model'): ResolvedModelSpec {
  if (!Number.isInteger(features) || features < 1) {
    throw new InputError(
      `Expected the feature count of \`${path}\` to be an integer >= 1, got ${describeValue(features)}`,
    );
  }
  const r = new SpecReader(spec, path);
  const kind = r.raw('kind') as ModelKind;
  if (!MODEL_KINDS.includes(kind)) r.fail('kind', `one of ${MODEL_KINDS.join('|')}`, kind);
  let out: ResolvedModelSpec;
  switch (kind) {
    case 'logistic':
    case 'linear':
      out = { kind, ...glm(r, features, kind === 'logistic' ? DEFAULT_LOGISTIC : DEFAULT_LINEAR) };
      break;
    case 'lstm': {
      const base = neural(r, features, DEFAULT_LSTM);
      const hidden = r.int('hidden', DEFAULT_LSTM.hidden, 1, 512);
      out = { kind, ...base, hidden, bpttSteps: r.int('bpttSteps', base.window, 1, base.window) };
      break;
    }
    case 'transformer':
      out = { kind, ...transformer(r, features) };
      break;
    case 'ensemble':
      out = ensemble(r, features);
      break;
    case 'naive':
      out = {
        kind,
        returnIndex: r.int('returnIndex', 0, 0, features - 1),
        confidence: r.number('confidence', 0.6, 0.5, { max: 1 }),
      };
      break;
  }
  r.finish();
  return out;
}

function glm(r: SpecReader, features: number, d: Omit<GlmConfig, 'features'>): GlmConfig {
  return {
    features,
    learningRate: r.number('learningRate', d.learningRate, 0, { openMin: true, max: 100 }),
    optimizer: r.oneOf('optimizer', d.optimizer, ['sgd', 'adagrad', 'rmsprop', 'adam'] as const),
    l2: r.number('l2', d.l2, 0),
    schedule: r.oneOf('schedule', d.schedule, ['constant', 'invsqrt'] as const),
    decaySteps: r.number('decaySteps', d.decaySteps, 0, { openMin: true }),
    standardize: r.bool('standardize', d.standardize),
  };
}

function neural(
  r: SpecReader,
  features: number,
  d: Omit<NeuralTraining, 'features'>,
): NeuralTraining {
  return {
    features,
    window: r.int('window', d.window, 1, 1024),
    learningRate: r.number('learningRate', d.learningRate, 0, { openMin: true, max: 10 }),
    optimizer: r.oneOf('optimizer', d.optimizer, ['adam', 'sgd'] as const),
    l2: r.number('l2', d.l2, 0),
    clipNorm: r.number('clipNorm', d.clipNorm, 0),
    standardize: r.bool('standardize', d.standardize),
    adaptiveLr: adaptive(r),
    target: r.oneOf('target', d.target, ['direction', 'return'] as const),
  };
}

function adaptive(r: SpecReader): AdaptiveLrConfig {
  const v = r.raw('adaptiveLr');
  if (v === undefined || v === true) return DEFAULT_ADAPTIVE_LR;
  if (v === false) return { ...DEFAULT_ADAPTIVE_LR, enabled: false };
  const a = new SpecReader(v, r.at('adaptiveLr'));
  const d = DEFAULT_ADAPTIVE_LR;
  const fast = a.number('fast', d.fast, 0, { openMin: true, max: 1 });
  const out: AdaptiveLrConfig = {
    enabled: a.bool('enabled', true),
    fast,
    slow: a.number('slow', Math.min(d.slow, fast), 0, { openMin: true, max: fast }),
    tolerance: a.number('tolerance', d.tolerance, 0, { max: 1 }),
    increase: a.number('increase', d.increase, 1, { max: 10 }),
    decrease: a.number('decrease', d.decrease, 0, { openMin: true, max: 1 }),
    minFactor: a.number('minFactor', d.minFactor, 0, { openMin: true, max: 1 }),
    maxFactor: a.number('maxFactor', d.maxFactor, 1, { max: 1e6 }),
  };
  a.finish();
  return out;
}

function transformer(r: SpecReader, features: number): TransformerConfig {
  const d = DEFAULT_TRANSFORMER;
  const base = neural(r, features, d);
  const heads = r.int('heads', d.heads, 1, 64);
  const dModel = r.int('dModel', d.dModel, 1, 512);
  if (dModel % heads !== 0)
    r.fail('dModel', `a multiple of \`${r.at('heads')}\` (${heads})`, dModel);
  return {
    ...base,
    dModel,
    heads,
    layers: r.int('layers', d.layers, 1, 2),
    ffDim: r.int('ffDim', d.ffDim, 1, 2048),
  };
}

function ensemble(r: SpecReader, features: number): ResolvedModelSpec {
  const raw = r.raw('members');
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 16)
    r.fail('members', 'an array of 1 to 16 model specs', raw);
  const members = (raw as unknown[]).map((m, i) =>
    parseModelSpec(m, features, `${r.at('members')}[${i}]`),
  );
  const targets = [...new Set(members.map(specTarget))];
  if (targets.length > 1)
    r.fail('members', 'members that share one target (all direction or all return)', targets);
  const d = DEFAULT_ENSEMBLE;
  return {
    kind: 'ensemble',
    features,
    eta: r.number('eta', d.eta, 0, { openMin: true, max: 1000 }),
    share: r.number('share', d.share, 0, { max: 0.999 }),
    perRegime: r.bool('perRegime', d.perRegime),
    members,
  };
}

/** What a resolved spec's model predicts: `direction` (up-probability) or `return` (a forecast). */
export function specTarget(spec: ResolvedModelSpec): 'direction' | 'return' {
  if (spec.kind === 'linear') return 'return';
  if (spec.kind === 'ensemble')
    return spec.members[0] === undefined ? 'direction' : specTarget(spec.members[0]);
  if (spec.kind === 'lstm' || spec.kind === 'transformer') return spec.target;
  return 'direction';
}
