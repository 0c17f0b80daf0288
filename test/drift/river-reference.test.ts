import { describe, expect, it } from 'vitest';
import { Adwin, Ddm, type DriftDetector, Eddm, Kswin, PageHinkley } from '../../src/drift/index.ts';
import { PythonRandom } from './python-random.ts';
import { signalIndices } from './streams.ts';

/**
 * Cross-check against river beyond its doctests: the expected indices were produced by a
 * line-by-line Python transcription of river's ADWIN (adwin_c.pyx), PageHinkley, binary DDM and
 * EDDM, and KSWIN (with scipy's ks_2samp), run under CPython on the same `random.Random(1)`
 * streams (the transcription first reproduced all of river's doctest outputs). Our detectors
 * matched it exactly — drifts and warnings — on seeds 1 to 6; seed 1 is kept here.
 */
describe('agreement with river on a stream with six changes (seed 1)', () => {
  const rng = new PythonRandom(1);
  // errors: rate 0.2, 0.5, 0.2, … switching every 700 values; feature: uniform + 0.3 on odd blocks
  const errors = Array.from({ length: 4000 }, (_, i) =>
    rng.next() < (Math.floor(i / 700) % 2 === 0 ? 0.2 : 0.5) ? 1 : 0,
  );
  const feature = Array.from(
    { length: 4000 },
    (_, i) => rng.next() + (Math.floor(i / 700) % 2 ? 0.3 : 0),
  );
  const run = (d: DriftDetector, xs: number[]) => signalIndices(d, xs);

  it('ADWIN (defaults and clock 1)', () => {
    expect(run(new Adwin(), errors)).toEqual([895, 1663, 2495, 2975, 3743]);
    expect(run(new Adwin({ clock: 1 }), feature)).toEqual([815, 1547, 2247, 3008, 3587]);
  });

  it('Page-Hinkley (threshold 20)', () => {
    expect(run(new PageHinkley({ threshold: 20 }), errors)).toEqual([745, 1342, 2164, 3596]);
  });

  it('DDM drifts and warnings', () => {
    expect(run(new Ddm(), errors)).toEqual([750, 2396, 3671]);
    const warnings = signalIndices(new Ddm(), errors, 'warning');
    expect(warnings).toHaveLength(997);
    expect(warnings.slice(0, 3)).toEqual([134, 135, 136]);
  });

  it('EDDM drifts and warnings', () => {
    expect(run(new Eddm(), errors)).toEqual([
      150, 321, 674, 745, 827, 913, 2363, 2440, 2515, 2565, 2663, 2766, 2929, 3452, 3535, 3595,
      3663, 3732, 3797,
    ]);
    const warnings = signalIndices(new Eddm(), errors, 'warning');
    expect(warnings).toHaveLength(639);
    expect(warnings.slice(0, 3)).toEqual([465, 466, 467]);
  });

  it('KSWIN with river seed 1', () => {
    expect(run(new Kswin({}, new PythonRandom(1)), feature)).toEqual([
      115, 377, 731, 1032, 1421, 1871, 2123, 2363, 2817, 3533,
    ]);
  });
});
