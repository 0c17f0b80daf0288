import { type BankRegistry, createModel, type OnlineModel } from '../models/index.ts';
import type { ModelSpec } from './config.ts';

/**
 * Builds a fresh model from its scenario spec for `features` inputs per bar; neural weights are
 * drawn from `seed`, and neural models of one engine share `banks` (their batched kernels).
 *
 * @throws {InputError} for an unknown kind or a bad field (named with its path).
 */
export function buildModel(
  spec: ModelSpec,
  features: number,
  seed: number,
  banks: BankRegistry,
): OnlineModel {
  return createModel(spec, features, seed, { banks });
}

/** True when a spec needs TensorFlow.js (a neural model, or an ensemble with one). */
export function needsTensorflow(spec: ModelSpec): boolean {
  if (spec.kind === 'lstm' || spec.kind === 'transformer') return true;
  const members = spec['members'];
  return (
    spec.kind === 'ensemble' &&
    Array.isArray(members) &&
    members.some((m) => needsTensorflow(m as ModelSpec))
  );
}

/** Up-probability of a model's output: itself for direction models; for return forecasts, 0.5 + 0.5·tanh(forecast / scale). */
export function directionScore(model: OnlineModel, output: number, returnScale: number): number {
  return model.target === 'return' ? 0.5 + 0.5 * Math.tanh(output / returnScale) : output;
}
