import { InputError } from '../core/index.ts';
import { DEFAULT_LOGISTIC, type LogisticConfig, OnlineLogistic, type OnlineModel } from '../models/index.ts';
import type { ModelSpec } from './config.ts';

/**
 * Builds a fresh model from its scenario spec for `features` inputs.
 *
 * @throws {InputError} for an unknown kind.
 */
export function buildModel(spec: ModelSpec, features: number): OnlineModel {
  if (spec.kind === 'logistic') {
    const { kind: _kind, ...params } = spec;
    return new OnlineLogistic({ ...DEFAULT_LOGISTIC, ...(params as Partial<LogisticConfig>), features });
  }
  throw new InputError(`Expected \`model.kind\` to be one of logistic, got \`${spec.kind}\``);
}
