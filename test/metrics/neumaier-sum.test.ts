import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeumaierSum } from '../../src/metrics/index.ts';
import { fcParams } from '../helpers/fc-params.ts';

describe('NeumaierSum', () => {
  it('doc example', () => {
    const s = new NeumaierSum();
    s.add(0.0078125);
    s.add(5e-19);
    s.add(-0.0078125);
    expect(s.value).toBe(5e-19);
  });

  it('adding then removing large values leaves the small ones (property)', () => {
    const small = fc.double({ min: -1e-12, max: 1e-12, noNaN: true });
    const large = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(small, { maxLength: 20 }),
        fc.array(large, { maxLength: 20 }),
        (xs, ys) => {
          const s = new NeumaierSum();
          // interleave, then take the large ones out again in arrival order
          xs.forEach((x, i) => {
            s.add(x);
            if (i < ys.length) s.add(ys[i] as number);
          });
          for (const y of ys.slice(xs.length)) s.add(y);
          for (const y of ys) s.add(-y);
          const exact = xs.reduce((a, x) => a + x, 0);
          // exact to far below the small values' own scale (a plain sum is off by ~1e-16)
          expect(Math.abs(s.value - exact)).toBeLessThan(1e-25);
        },
      ),
      fcParams(300),
    );
  });

  it('scale fades the sum and its compensation alike; reset empties it', () => {
    const s = new NeumaierSum();
    s.add(1);
    s.add(1e-20);
    s.scale(0.5);
    s.add(-0.5);
    expect(s.value).toBe(5e-21);
    s.reset();
    expect(s.value).toBe(0);
  });
});
