import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/index.ts';
import {
  DETECTOR_DEFAULTS,
  type DetectorName,
  type DriftDetector,
  PageHinkley,
  createDetector,
} from '../../src/drift/index.ts';
import { describeDriftDetectorContract } from './drift-detector-contract.ts';

describe('DriftDetector', () => {
  it('doc example', () => {
    const d: DriftDetector = new PageHinkley();
    expect(d.update(0)).toBe('none');
  });
});

for (const name of Object.keys(DETECTOR_DEFAULTS) as DetectorName[]) {
  describeDriftDetectorContract((seed) => createDetector(name, {}, createRandom(seed)));
}
describeDriftDetectorContract(() => createDetector('adwin', { clock: 1 }), 'adwin (clock 1)');
describeDriftDetectorContract(
  () => createDetector('psi', { reference_size: 50, window_size: 30 }),
  'psi (small windows)',
);
