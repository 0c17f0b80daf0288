import { InputError, type Random } from '../core/index.ts';
import { ADWIN_PARAMS, Adwin } from './adwin.ts';
import { DDM_PARAMS, Ddm } from './ddm.ts';
import type { DriftDetector } from './drift-detector.ts';
import { type ParamSpecs, suggest } from './detector-params.ts';
import { EDDM_PARAMS, Eddm } from './eddm.ts';
import { KSWIN_PARAMS, Kswin } from './kswin.ts';
import { PAGE_HINKLEY_PARAMS, PageHinkley } from './page-hinkley.ts';
import { PSI_PARAMS, Psi } from './psi.ts';

/** Registry names of the detectors. */
export type DetectorName = 'adwin' | 'page_hinkley' | 'ddm' | 'eddm' | 'kswin' | 'psi';

/** Parameter specs (defaults and ranges) of every detector, by registry name. */
export const DETECTOR_PARAMS: Readonly<Record<DetectorName, ParamSpecs>> = {
  adwin: ADWIN_PARAMS,
  page_hinkley: PAGE_HINKLEY_PARAMS,
  ddm: DDM_PARAMS,
  eddm: EDDM_PARAMS,
  kswin: KSWIN_PARAMS,
  psi: PSI_PARAMS,
};

/** Default parameters of every detector, by registry name. */
export const DETECTOR_DEFAULTS: Readonly<Record<DetectorName, Readonly<Record<string, number>>>> =
  Object.fromEntries(
    Object.entries(DETECTOR_PARAMS).map(([name, specs]) => [
      name,
      Object.fromEntries(Object.entries(specs).map(([k, spec]) => [k, spec.default])),
    ]),
  ) as Record<DetectorName, Record<string, number>>;

/** Detectors that expect a 0/1 error stream. */
export const BINARY_INPUT_DETECTORS: ReadonlySet<DetectorName> = new Set(['ddm', 'eddm']);

/** True when `name` is a registry name. */
export function isDetectorName(name: string): name is DetectorName {
  return Object.hasOwn(DETECTOR_PARAMS, name);
}

/**
 * Builds a detector by registry name. Missing parameters take their defaults.
 *
 * @param random sampling source for `kswin` (other detectors are deterministic and ignore it).
 * @throws {InputError} for an unknown detector or parameter name (with a near-miss suggestion) or an
 *   out-of-range value, e.g. "Expected `adwin.delta` to be in (0, 1), got `2` (number)".
 * @example
 * const d = createDetector('adwin', { delta: 0.01 });
 * d.params.clock; // 32
 */
export function createDetector(
  name: string,
  params: Readonly<Record<string, number>> = {},
  random?: Random,
): DriftDetector {
  if (!isDetectorName(name)) {
    const known = Object.keys(DETECTOR_PARAMS);
    const hint = suggest(name, known);
    throw new InputError(
      `Unknown drift detector \`${name}\`${hint ? `; did you mean \`${hint}\`?` : ''} Known detectors: ${known.join(', ')}`,
    );
  }
  switch (name) {
    case 'adwin':
      return new Adwin(params);
    case 'page_hinkley':
      return new PageHinkley(params);
    case 'ddm':
      return new Ddm(params);
    case 'eddm':
      return new Eddm(params);
    case 'kswin':
      return new Kswin(params, random);
    case 'psi':
      return new Psi(params);
  }
}
