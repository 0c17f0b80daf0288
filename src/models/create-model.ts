import { createRandom, describeValue, InputError } from '../core/index.ts';
import { type BankRegistry, DEFAULT_BANKS } from './bank-registry.ts';
import { Ensemble } from './ensemble.ts';
import { createLstmArchitecture } from './lstm.ts';
import type { ModelSnapshot, OnlineModel } from './model.ts';
import { parseModelSpec, type ResolvedModelSpec } from './model-spec.ts';
import type { ModelSpec } from './model-spec-schema.ts';
import { NaiveDirection } from './naive-direction.ts';
import { NeuralModel } from './neural-model.ts';
import { OnlineLinear } from './online-linear.ts';
import { OnlineLogistic } from './online-logistic.ts';
import { createTransformerArchitecture } from './transformer.ts';

/** Where neural models get their shared bank (default: one process-wide registry). */
export interface CreateModelOptions {
  readonly banks?: BankRegistry;
  /** Field path used in error messages (default `model`). */
  readonly path?: string;
}

/**
 * Builds a model from a plain config object (`{ kind, ...params }`, e.g. from a scenario file)
 * for `features` inputs per bar. Missing fields take the documented defaults; neural weights are
 * drawn from `createRandom(seed)` (members of an ensemble from forks of it). Neural models with
 * equal configurations share one bank (their batched kernel).
 *
 * @throws {InputError} naming the field, e.g. "Expected `model.hidden` to be an integer in
 *   [1, 512], got `0` (number)", or an unknown field.
 * @example
 * const model = createModel({ kind: 'logistic', learningRate: 0.1 }, 6, 42);
 * model.predict(new Float64Array(6)); // 0.5
 */
export function createModel(
  spec: ModelSpec | unknown,
  features: number,
  seed: number,
  options: CreateModelOptions = {},
): OnlineModel {
  const resolved = parseModelSpec(spec, features, options.path ?? 'model');
  return buildModel(resolved, seed, options.banks ?? DEFAULT_BANKS);
}

/**
 * A new model in exactly the state a snapshot recorded (for example one read back from the
 * version registry with {@link deserializeSnapshot}).
 *
 * @throws {InputError} for a snapshot of an unknown kind or with mismatched arrays.
 * @example
 * const copy = modelFromSnapshot(model.snapshot());
 */
export function modelFromSnapshot(
  snapshot: ModelSnapshot,
  options: CreateModelOptions = {},
): OnlineModel {
  const model = buildModel(
    resolvedOf(snapshot.kind, snapshot.config),
    0,
    options.banks ?? DEFAULT_BANKS,
  );
  model.restore(snapshot);
  return model;
}

function resolvedOf(kind: string, config: Readonly<Record<string, unknown>>): ResolvedModelSpec {
  switch (kind) {
    case 'logistic':
    case 'linear':
    case 'naive':
      return { ...config, kind } as ResolvedModelSpec;
    case 'lstm':
    case 'transformer':
      return config as ResolvedModelSpec;
    case 'ensemble': {
      const members = (
        config['members'] as { kind: string; config: Record<string, unknown> }[]
      ).map((m) => resolvedOf(m.kind, m.config));
      return { ...config, kind, members } as unknown as ResolvedModelSpec;
    }
    default:
      throw new InputError(`Expected a snapshot of a known model kind, got ${describeValue(kind)}`);
  }
}

function buildModel(spec: ResolvedModelSpec, seed: number, banks: BankRegistry): OnlineModel {
  switch (spec.kind) {
    case 'logistic':
      return new OnlineLogistic(stripKind(spec));
    case 'linear':
      return new OnlineLinear(stripKind(spec));
    case 'naive':
      return new NaiveDirection(spec.returnIndex, spec.confidence);
    case 'lstm':
      return NeuralModel.create(
        banks.bankFor(createLstmArchitecture(spec), spec.kernel),
        createRandom(seed),
      );
    case 'transformer':
      return NeuralModel.create(
        banks.bankFor(createTransformerArchitecture(spec), spec.kernel),
        createRandom(seed),
      );
    case 'ensemble': {
      const rng = createRandom(seed);
      const members = spec.members.map((m, i) => buildModel(m, rng.fork(i).int(2 ** 31), banks));
      return new Ensemble(members, {
        features: spec.features,
        eta: spec.eta,
        share: spec.share,
        perRegime: spec.perRegime,
      });
    }
  }
}

function stripKind<T extends { kind: string }>(spec: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = spec;
  return rest;
}
