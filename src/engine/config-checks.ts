import { createRandom } from '../core/index.ts';
import { createDetector } from '../drift/index.ts';
import { type FeatureConfig, FeaturePipeline } from '../features/index.ts';

/**
 * The names of the features a configuration computes, in model-input order.
 *
 * @example
 * featureNamesOf({ returnLags: [1, 5], volatilityWindow: 20 }); // ['ret_1', 'ret_5', 'vol_20', …]
 */
export function featureNamesOf(features: FeatureConfig): readonly string[] {
  return new FeaturePipeline(features).names;
}

/**
 * Checks that a drift detector exists and takes these parameters (what the engine will build).
 *
 * @throws {InputError} for an unknown detector or a bad parameter.
 */
export function checkDetector(detector: string, params: Readonly<Record<string, number>>): void {
  createDetector(detector, params, createRandom(0));
}
