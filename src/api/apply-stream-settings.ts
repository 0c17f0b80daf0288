import { InputError } from '../core/index.ts';
import type { DriftMonitorSpec, LiveEngine } from '../engine/index.ts';
import type { StreamSettings } from './ports.ts';

/** The parameter a control-API `threshold` sets on each detector. */
const THRESHOLD_PARAM: ReadonlyMap<string, string> = new Map([
  ['adwin', 'delta'],
  ['page_hinkley', 'threshold'],
  ['ddm', 'drift_threshold'],
  ['eddm', 'beta'],
  ['kswin', 'alpha'],
  ['psi', 'threshold'],
]);

/** Feature watched by a feature detector set through the API. */
const API_FEATURE = 'ret_1';

/**
 * Applies the `buffers` and `detectors` parts of a `/ml/stream/configure` body to a running
 * engine: `detectors.error` / `detectors.feature` replace the symbol's error-stream / feature
 * detectors (`none` removes them), `detectors.threshold` sets each one's threshold parameter
 * (adwin delta, page_hinkley threshold, ddm drift_threshold, eddm beta, kswin alpha, psi
 * threshold), `buffers.recentWindow` resizes the examples kept for challengers. Settings that
 * would change the model's inputs mid-run are refused with the reason.
 *
 * @throws {InputError} when a detector rejects its threshold (a 400 naming the value).
 */
export function applyStreamSettings(
  engine: LiveEngine,
  symbol: string,
  s: StreamSettings,
  applied: Record<string, unknown>,
  notApplied: Record<string, string>,
): void {
  const b = s.buffers ?? {};
  if (b.volatilityWindow !== undefined)
    notApplied['buffers.volatilityWindow'] =
      'it changes the features the serving models read: set it in the scenario (features.volatilityWindow) and start a new run';
  if (b.pendingMax !== undefined)
    notApplied['buffers.pendingMax'] =
      'predictions wait for their label horizon only: the buffer is already bounded by horizon + 1 per symbol';
  const d = s.detectors ?? {};
  const actor = engine.actor(symbol);
  if (actor === undefined) return;
  let specs: DriftMonitorSpec[] | undefined;
  if (d.error !== undefined || d.feature !== undefined || d.threshold !== undefined) {
    specs = actor.driftSpecs;
    if (d.error !== undefined)
      specs = [
        ...specs.filter((x) => x.on === 'feature'),
        ...(d.error === 'none' ? [] : [{ detector: d.error, on: 'error' as const, params: {} }]),
      ];
    if (d.feature !== undefined)
      specs = [
        ...specs.filter((x) => x.on !== 'feature'),
        ...(d.feature === 'none'
          ? []
          : [{ detector: d.feature, on: 'feature' as const, feature: API_FEATURE, params: {} }]),
      ];
    const threshold = d.threshold;
    if (threshold !== undefined)
      specs = specs.map((x) => ({
        ...x,
        params: { ...x.params, [THRESHOLD_PARAM.get(x.detector) ?? 'threshold']: threshold },
      }));
  }
  try {
    engine.reconfigure(symbol, {
      ...(specs !== undefined ? { drift: specs } : {}),
      ...(b.recentWindow !== undefined ? { recentWindow: b.recentWindow } : {}),
    });
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`detectors: ${error.message}`);
    throw error;
  }
  if (specs !== undefined)
    applied['detectors'] = specs.map((x) => ({
      detector: x.detector,
      on: x.on,
      ...(x.feature ? { feature: x.feature } : {}),
      params: x.params,
    }));
  if (b.recentWindow !== undefined) applied['buffers.recentWindow'] = b.recentWindow;
}
