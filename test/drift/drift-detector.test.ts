import { createRandom } from '../../src/core/index.ts';
import { DETECTOR_DEFAULTS, type DetectorName, createDetector } from '../../src/drift/index.ts';
import { describeDriftDetectorContract } from './drift-detector-contract.ts';

for (const name of Object.keys(DETECTOR_DEFAULTS) as DetectorName[]) {
  describeDriftDetectorContract(name, (seed) => createDetector(name, {}, createRandom(seed)));
}
describeDriftDetectorContract('adwin (clock 1)', () => createDetector('adwin', { clock: 1 }));
describeDriftDetectorContract('psi (small windows)', () => createDetector('psi', { reference_size: 50, window_size: 30 }));
